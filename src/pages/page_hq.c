/* The Headquarters inbox (/hq): everything that awaits Headquarters, each list with its count
 * and a plain sentence when it is empty, and the one-press answers (acknowledge, dealt with). */
#include "service/complaint.h"
#include "service/cover.h"
#include "service/incident.h"
#include "service/incident_followup.h"
#include "service/outbox.h"
#include "service/request.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/branch_name.h"
#include "pages/page_queue.h"

/* Opens a card titled title with its count; an empty list says so in empty's words and the
 * function returns false (nothing to list). */
static bool hq_card(struct request *r, const char *id, const char *title, size_t n,
		    const char *empty)
{
	html_printf(&r->out,
		    "<section class=\"card inbox\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">%s "
		    "<span class=\"count\">%zu</span></h2>",
		    id, id, title, n);
	if (n)
		return true;
	html_printf(&r->out, "<p class=\"empty\" id=\"%s\">%s</p></section>", id, empty);
	return false;
}

static void hq_fetches(struct request *r, const struct hq_view *hq, struct branch_names *names)
{
	if (!hq_card(r, "hq-fetches", "Branches asking for someone in charge", hq->nfetches,
		     "No branch is asking for someone in charge."))
		return;
	html_printf(&r->out, "<ul id=\"hq-fetches\">");
	for (size_t i = 0; i < hq->nfetches; i++) {
		const struct fetch *f = &hq->fetches[i];
		html_printf(&r->out,
			    "<li><strong>%s</strong>: %s asks for someone in charge: %s%s%s"
			    "<form method=\"post\" action=\"/desk/%s/fetches/%lld/answer\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Dealt with</button></form></li>",
			    branch_name_of(r, names, f->branch_code),
			    f->asked_by.name ? f->asked_by.name : "—", fetch_about_text(f->about),
			    f->note && *f->note ? ": " : "", f->note ? f->note : "",
			    html_url_part(&r->arena, f->branch_code), (long long)f->id,
			    page_csrf(r));
	}
	html_printf(&r->out, "</ul></section>");
}

/* CS-INCHARGE: branches open or staffed with a substitute alone or nobody in charge, whose
 * difficult cases come to Headquarters. */
static void hq_covered(struct request *r)
{
	struct fd_error err = {0};
	struct cover *c;
	size_t n;
	if (cover_list(&r->svc, &c, &n, &err))
		return;
	if (!hq_card(r, "hq-cover", "Branches with no permanent staff member on duty", n,
		     "Every open branch has a permanent staff member on duty."))
		return;
	html_printf(&r->out, "<ul id=\"hq-cover\">");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<li><a href=\"/desk/%s\">%s</a>: ",
			    html_url_part(&r->arena, c[i].branch_code), c[i].branch_name);
		if (c[i].substitute)
			html_printf(&r->out, "%s, a substitute, is alone in charge",
				    c[i].substitute);
		else if (c[i].on_duty)
			html_printf(&r->out,
				    "nobody who may be in charge is on duty (%zu clocked on)",
				    c[i].on_duty);
		else
			html_printf(&r->out, "open, with nobody on duty");
		if (c[i].branch_phone)
			html_printf(&r->out, ". Call the branch: <a href=\"tel:%s\">%s</a>",
				    c[i].branch_phone, c[i].branch_phone);
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul></section>");
}

static void hq_judgements(struct request *r, const struct hq_view *hq, struct branch_names *names)
{
	if (!hq_card(r, "judgements", "Judgement calls to acknowledge", hq->njudgements,
		     "No judgement calls are waiting to be acknowledged."))
		return;
	html_printf(&r->out, "<ul id=\"judgements\">");
	for (size_t i = 0; i < hq->njudgements; i++) {
		const struct judgement *j = &hq->judgements[i];
		html_printf(&r->out, "<li><strong>%s</strong>: %s — decided: %s (by %s%s)",
			    branch_name_of(r, names, j->branch_code), j->situation, j->decision,
			    j->decided_by.name ? j->decided_by.name : "—",
			    j->by_phone ? ", by phone" : "");
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/hq/judgements/%lld/acknowledge\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Acknowledge</button></form></li>",
			    (long long)j->id, page_csrf(r));
	}
	html_printf(&r->out, "</ul></section>");
}

static void hq_complaints(struct request *r, const struct hq_view *hq, struct branch_names *names)
{
	if (!hq_card(r, "hq-complaints", "Complaints referred to the Executive Director",
		     hq->ncomplaints, "No complaints are waiting for the Executive Director."))
		return;
	html_printf(&r->out, "<ul id=\"hq-complaints\">");
	for (size_t i = 0; i < hq->ncomplaints; i++)
		html_printf(&r->out, "<li><a href=\"/complaints/%lld\">%s</a>: %s</li>",
			    (long long)hq->complaints[i].id,
			    branch_name_of(r, names, hq->complaints[i].branch_code),
			    hq->complaints[i].text);
	html_printf(&r->out, "</ul></section>");
}

/* Requests referred as far as Headquarters (CS-REFER), for those who work requests. */
static void hq_requests(struct request *r, struct branch_names *names)
{
	struct fd_error err = {0};
	struct request_view *v;
	size_t n = 0, at_hq = 0;
	if (!role_may(r->actor.role, ACTION_REQUEST_WORK) ||
	    request_list(&r->svc, SCOPE_MINE, NULL, &v, &n, &err))
		return;
	for (size_t i = 0; i < n; i++)
		at_hq += v[i].r.level == LEVEL_HEADQUARTERS && v[i].r.holder_id == 0;
	if (!hq_card(r, "hq-requests", "Requests referred to Headquarters", at_hq,
		     "No customer requests are waiting at Headquarters."))
		return;
	html_printf(&r->out, "<ul id=\"hq-requests\">");
	for (size_t i = 0; i < n; i++) {
		const struct request_rec *q = &v[i].r;
		if (q->level == LEVEL_HEADQUARTERS && q->holder_id == 0)
			html_printf(&r->out,
				    "<li><a href=\"/requests/%lld\">%s: %s</a> <span "
				    "class=\"where\">at %s</span></li>",
				    (long long)q->id, request_kind_label(q->kind),
				    v[i].text_hidden ? "a reference question" : q->text,
				    branch_name_of(r, names, q->branch_code));
	}
	html_printf(&r->out, "</ul></section>");
}

static void hq_overdue(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view *iv;
	size_t ni;
	if (incident_list(&r->svc, NULL, true, &iv, &ni, &err))
		return;
	if (!hq_card(r, "overdue", "Incident reports overdue", ni,
		     "No incident report is overdue."))
		return;
	html_printf(&r->out, "<ul id=\"overdue\">");
	for (size_t i = 0; i < ni; i++)
		html_printf(&r->out, "<li><a href=\"/incidents/%lld\">%s, report %lld</a>: %s</li>",
			    (long long)iv[i].i.id, iv[i].i.branch_name, (long long)iv[i].i.id,
			    incident_category_label(iv[i].i.category));
	html_printf(&r->out, "</ul></section>");
}

/* CS-INCIDENT's follow-up, for the three HQ roles that do it: signed reports nobody has
 * reviewed, and follow-up tasks whose due day has come, whoever owns them. */
static void hq_followup(struct request *r)
{
	struct fd_error err = {0};
	struct followup_inbox box;
	if (!role_may(r->actor.role, ACTION_INCIDENT_FOLLOWUP) ||
	    incident_followup_inbox(&r->svc, &box, &err))
		return;
	if (hq_card(r, "review", "Reports awaiting review", box.nawaiting,
		    "Every signed incident report has been reviewed.")) {
		html_printf(&r->out, "<ul id=\"review\">");
		for (size_t i = 0; i < box.nawaiting; i++)
			html_printf(
				&r->out,
				"<li><a href=\"/incidents/%lld#follow-up\">%s, report %lld</a>: "
				"%s</li>",
				(long long)box.awaiting[i].id, box.awaiting[i].branch_name,
				(long long)box.awaiting[i].id,
				incident_category_label(box.awaiting[i].category));
		html_printf(&r->out, "</ul></section>");
	}
	if (!hq_card(r, "tasks-due", "Follow-up tasks due", box.ndue, "No follow-up task is due."))
		return;
	html_printf(&r->out, "<ul id=\"tasks-due\">");
	for (size_t i = 0; i < box.ndue; i++) {
		const struct incident_task *t = &box.due[i];
		html_printf(&r->out,
			    "<li><a href=\"/incidents/%lld#task-%lld\">%s, report %lld</a>: %s for "
			    "%s, due by %s</li>",
			    (long long)t->incident_id, (long long)t->id, t->branch_name,
			    (long long)t->incident_id, task_kind_label(t->kind),
			    t->owner.name ? t->owner.name : "—", page_day(r, t->due_on));
	}
	html_printf(&r->out, "</ul></section>");
}

void page_hq(struct request *r)
{
	struct fd_error err = {0};
	struct hq_view hq;
	if (hq_dashboard(&r->svc, &hq, &err)) {
		page_error(r, &err);
		return;
	}
	struct branch_names names = {0};
	page_begin(r, "Headquarters");
	html_printf(&r->out, "<h1>Headquarters inbox</h1>");
	for (size_t i = 0; i < hq.nunreachable; i++)
		html_printf(&r->out, "<p class=\"warn\" role=\"alert\">%s</p>",
			    outbox_nobody_to_notify(&r->svc, hq.unreachable[i]));
	html_printf(&r->out, "<div class=\"grid\">");
	hq_fetches(r, &hq, &names);
	hq_covered(r);
	hq_judgements(r, &hq, &names);
	hq_complaints(r, &hq, &names);
	hq_requests(r, &names);
	hq_overdue(r);
	hq_followup(r);
	html_printf(&r->out, "</div>");
	page_end(r);
}

void page_hq_ack(struct request *r)
{
	struct fd_error err = {0};
	struct judgement out;
	int64_t id;
	if (parse_id(r->params[0], &id) || judgement_acknowledge(&r->svc, id, &out, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such judgement call");
		page_error(r, &err);
		return;
	}
	req_redirect(r, "/hq");
}
