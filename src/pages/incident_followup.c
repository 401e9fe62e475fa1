/* The "Follow-up" section of a signed incident report's page and its forms: Headquarters
 * reviews the report, gives follow-up tasks (owner chosen from a list, due day from a date
 * picker), the owner marks hers done, and Headquarters closes it. */
#include "pages/incident_followup.h"

#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/incident_followup.h"
#include "service/incident_followup.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/picker.h"

/* "Reviewed by Ann Lee, Mon, Nov 30, 9:05 am: note" (what is "Reviewed", "Closed"). */
static void mark_line(struct request *r, const char *id, const char *what, int64_t at,
		      const struct person *by, const char *note, const char *tz)
{
	html_printf(&r->out, "<p id=\"%s\">%s by %s, ", id, what, by->name ? by->name : "—");
	page_local_day_time(r, tz, at);
	if (note && *note)
		html_printf(&r->out, ": %s", note);
	html_printf(&r->out, "</p>");
}

static void task_item(struct request *r, const struct incident_task *t, const char *tz)
{
	html_printf(&r->out, "<li id=\"task-%lld\"><strong>%s</strong>%s%s — %s, due by %s",
		    (long long)t->id, task_kind_label(t->kind),
		    t->description && *t->description ? ": " : "",
		    t->description ? t->description : "", t->owner.name ? t->owner.name : "—",
		    page_day(r, t->due_on));
	if (t->done_at) {
		html_printf(&r->out, ". <span class=\"done\">Done by %s, ",
			    t->done_by.name ? t->done_by.name : "—");
		page_local_day_time(r, tz, t->done_at);
		html_printf(&r->out, "%s%s</span></li>", t->done_note && *t->done_note ? ": " : "",
			    t->done_note ? t->done_note : "");
		return;
	}
	if (incident_task_due(false, t->due_from, r->svc.now))
		html_printf(&r->out, " <strong class=\"flag\">due</strong>");
	if (incident_task_offer(&r->svc, t))
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/incident-tasks/%lld/done\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<label for=\"tnote-%lld\">What was done (optional)</label><input "
			    "id=\"tnote-%lld\" name=\"note\"><button type=\"submit\">Mark "
			    "done</button></form>",
			    (long long)t->id, page_csrf(r), (long long)t->id, (long long)t->id);
	html_printf(&r->out, "</li>");
}

static void task_form(struct request *r, const struct incident_view *v, const char *tz)
{
	struct fd_error err = {0};
	struct people owners;
	struct tz_day today;
	char day[11];
	if (incident_task_owners(&r->svc, v, &owners, &err))
		return;
	/* A zone the system does not know: the earliest day offered is the UTC day, and the
	 * service says what is wrong with the zone should the task be added. */
	if (tz_day(tz, r->svc.now, &today))
		today.day = r->svc.now / 86400;
	timefmt_date(today.day, day);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/incidents/%lld/tasks\" id=\"task-form\">"
		    "<h3>Add a follow-up task</h3><input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\"><label for=\"tkind\">What is to be done</label><select "
		    "id=\"tkind\" name=\"kind\" required><option value=\"\" selected>"
		    "Choose…</option>",
		    (long long)v->i.id, page_csrf(r));
	for (int k = 0; k < TASK_KIND__MAX; k++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    task_kind_name((enum task_kind)k), task_kind_label((enum task_kind)k));
	html_printf(&r->out, "</select><label for=\"tdesc\">Details</label><textarea "
			     "id=\"tdesc\" name=\"description\" rows=\"2\"></textarea>");
	struct picker p = {"towner", "owner", "Who does it", NULL, NULL};
	picker_write(r, &p, &owners);
	html_printf(&r->out,
		    "<label for=\"tdue\">Due by</label><input id=\"tdue\" name=\"due_on\" "
		    "type=\"date\" min=\"%s\" required><button type=\"submit\" "
		    "class=\"primary\">Add the task</button></form>",
		    day);
}

static void review_and_close(struct request *r, const struct incident_view *v,
			     const struct followup_offer *o)
{
	if (o->review)
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/incidents/%lld/review\" "
			    "id=\"review-form\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<label for=\"rnote\">Review note (optional)</label><textarea "
			    "id=\"rnote\" name=\"note\" rows=\"2\"></textarea><button "
			    "type=\"submit\" class=\"primary\">Mark as reviewed</button></form>",
			    (long long)v->i.id, page_csrf(r));
	if (o->close)
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/incidents/%lld/close\" "
			    "id=\"close-form\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<label for=\"cnote\">Closing note (optional)</label><textarea "
			    "id=\"cnote\" name=\"note\" rows=\"2\"></textarea><button "
			    "type=\"submit\">Close the report</button></form>",
			    (long long)v->i.id, page_csrf(r));
}

void incident_followup_section(struct request *r, const struct incident_view *v)
{
	const struct incident_followup *f = &v->followup;
	const char *tz = f->time_zone ? f->time_zone : "UTC";
	struct followup_offer o;
	if (!v->i.signed_at)
		return;
	incident_followup_offer(&r->svc, v, &o);
	html_printf(&r->out, "<section class=\"card\" id=\"follow-up\" aria-labelledby="
			     "\"follow-up-h\"><h2 id=\"follow-up-h\">Follow-up</h2>");
	if (f->reviewed_at)
		mark_line(r, "reviewed", "Reviewed", f->reviewed_at, &f->reviewed_by,
			  f->review_note, tz);
	else
		html_printf(&r->out, "<p id=\"reviewed\">Not reviewed by Headquarters yet.</p>");
	html_printf(&r->out, "<h3>Tasks</h3>");
	if (!f->ntasks)
		html_printf(&r->out, "<p class=\"empty\" id=\"tasks\">No follow-up tasks.</p>");
	else {
		html_printf(&r->out, "<ul id=\"tasks\">");
		for (size_t k = 0; k < f->ntasks; k++)
			task_item(r, &f->tasks[k], tz);
		html_printf(&r->out, "</ul>");
	}
	if (o.add_task)
		task_form(r, v, tz);
	if (f->closed_at)
		mark_line(r, "closed", "Closed", f->closed_at, &f->closed_by, f->close_note, tz);
	else if (f->reviewed_at && !o.close && o.add_task)
		html_printf(&r->out, "<p>The report closes when its follow-up tasks are done.</p>");
	review_and_close(r, v, &o);
	html_printf(&r->out, "</section>");
}

/* After a step: back to the report's follow-up, or the refusal beside the form's field. */
static void answer(struct request *r, int rc, const struct fd_error *err, int64_t incident_id)
{
	if (rc)
		page_error(r, err);
	else
		req_redirect(r, arena_printf(&r->arena, "/incidents/%lld#follow-up",
					     (long long)incident_id));
}

static int path_id(struct request *r, int64_t *id, struct fd_error *err)
{
	return parse_id(r->params[0], id) ? fd_fail(err, FD_ENOTFOUND, "no such record") : 0;
}

void page_incident_review(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view v;
	int64_t id = 0;
	int rc = path_id(r, &id, &err) || req_form_input(r, &review_table, &in, &err) ||
		 incident_review(&r->svc, id, in.note, &v, &err);
	answer(r, rc, &err, id);
}

void page_incident_task_add(struct request *r)
{
	struct fd_error err = {0};
	struct task_input in;
	struct incident_view v;
	int64_t id = 0;
	int rc = path_id(r, &id, &err) || req_form_input(r, &task_table, &in, &err) ||
		 incident_task_add(&r->svc, id, &in, &v, &err);
	answer(r, rc, &err, id);
}

void page_incident_task_done(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view v = {0};
	int64_t id = 0;
	int rc = path_id(r, &id, &err) || req_form_input(r, &task_done_table, &in, &err) ||
		 incident_task_done(&r->svc, id, in.note, &v, &err);
	answer(r, rc, &err, v.i.id);
}

void page_incident_close(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view v;
	int64_t id = 0;
	int rc = path_id(r, &id, &err) || req_form_input(r, &close_table, &in, &err) ||
		 incident_close(&r->svc, id, in.note, &v, &err);
	answer(r, rc, &err, id);
}
