/* Incident report pages: a branch's reports and the new-report form (which shows the injury
 * instruction, CS-INSURANCE), and one report with the steps to finish, sign and add to it. */
#include <string.h>

#include "base/timefmt.h"
#include "service/complaint.h"
#include "service/incident.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/branch_name.h"
#include "pages/incident_details.h"
#include "pages/incident_followup.h"
#include "pages/incident_signed.h"
#include "http/input.h"
#include "pages/page_queue.h"
#include "pages/picker.h"

static void report_list(struct request *r, const char *code, const char *zone)
{
	struct fd_error err = {0};
	struct incident_view *v;
	size_t n;
	if (incident_list(&r->svc, code, false, &v, &n, &err))
		return; /* not theirs to read (CS-DIFFICULT): the fetch card says what to do */
	html_printf(&r->out, "<section class=\"card\"><h2>This branch's reports</h2>"
			     "<ul id=\"incidents\">");
	for (size_t i = 0; i < n; i++) {
		/* Newest first by when it happened, which the day beside each makes plain. */
		html_printf(&r->out, "<li><a href=\"/incidents/%lld\">Report %lld: %s</a>, %s — %s",
			    (long long)v[i].i.id, (long long)v[i].i.id,
			    incident_category_label(v[i].i.category),
			    page_local_day(r, zone, v[i].i.occurred_at),
			    v[i].i.signed_at ? "signed" : "draft, not signed yet");
		if (v[i].overdue) /* markup in the format: an argument would show as text */
			html_printf(&r->out, " <strong class=\"flag\">overdue</strong>");
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul></section>");
}

static void new_report_form(struct request *r, const char *code, const char *zone)
{
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/desk/%s/incidents\" class=\"card\"><h2>A new "
		"report</h2><p class=\"warn\">If anyone was hurt: give out no insurance "
		"information, and contact the Business Manager (CS-INSURANCE). Tell Headquarters "
		"by telephone as soon as possible (CS-INCIDENT).</p>"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<label for=\"icat\">What kind of incident</label><select id=\"icat\" "
		"name=\"category\" required><option value=\"\" selected>Choose…</option>",
		html_url_part(&r->arena, code), page_csrf(r));
	for (int c = 0; c < INCIDENT__MAX; c++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    incident_category_name((enum incident_category)c),
			    incident_category_label((enum incident_category)c));
	html_printf(&r->out, "</select>");
	/* The branch's clock, now: the form is filled in as it happens, or soon after. */
	incident_clock_fields(r, "occurred", "When it happened", zone, r->svc.now, true);
	incident_clock_fields(r, "discovered", "Discovered at (if found later)", zone, 0, false);
	html_printf(&r->out,
		    "<label for=\"iloc\">Where in the building</label><input id=\"iloc\" "
		    "name=\"location\" maxlength=\"200\">"
		    "<label for=\"inarr\">What happened (you can finish it later)</label>"
		    "<textarea id=\"inarr\" name=\"narrative\" rows=\"5\"></textarea>"
		    "<button type=\"submit\" class=\"primary\">Start the report</button></form>");
}

void page_incidents(struct request *r)
{
	struct fd_error err = {0};
	struct difficult_verdict v;
	struct in_charge_view ic;
	struct branch b;
	const char *code = r->params[0];
	if (difficult_preview(&r->svc, code, &v, &ic, &b, &err)) {
		page_error(r, &err);
		return;
	}
	struct branch_names names = {0};
	page_begin(r, "Incident reports");
	html_printf(&r->out, "<p>");
	branch_desk_link(r, &names, b.code);
	html_printf(&r->out, "</p><h1>Incident reports</h1>");
	/* CS-DIFFICULT: who may not handle an incident fetches the person in charge. */
	if (v.allowed)
		new_report_form(r, code, b.time_zone);
	else
		fetch_card(r, code, ic.staff ? ic.staff->name : "Headquarters",
			   arena_printf(&r->arena, "%s (CS-DIFFICULT).", v.reason), "incident");
	report_list(r, code, b.time_zone);
	page_end(r);
}

void page_incident_add(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view out;
	struct incident_local_input in = {.police_called = -1,
					  .person = {.kind = PERSON_KIND__MAX, .care = CARE__MAX}};
	if (req_form_input(r, &incident_start_table, &in, &err) ||
	    incident_add_local(&r->svc, r->params[0], &in, &out, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/incidents/%lld", (long long)out.i.id));
}

/* Each step's heading: its number and whether it is done. */
static void step_head(struct request *r, int n, const char *what, bool done)
{
	html_printf(&r->out, "<h2>%d. %s <span class=\"%s\">%s</span></h2>", n, what,
		    done ? "done" : "todo", done ? "Done" : "Not done yet");
}

/* 1: the verbal report to Headquarters (CS-INCIDENT), someone chosen from HQ's people. */
static void step_headquarters(struct request *r, const struct incident *i, const char *zone, int n)
{
	html_printf(&r->out, "<section class=\"card step\" id=\"step-hq\">");
	step_head(r, n, "Tell Headquarters by telephone", i->hq_notified_at != 0);
	if (i->hq_notified_at) {
		html_printf(&r->out, "<p>%s took the verbal report, ",
			    i->hq_taken_by.name ? i->hq_taken_by.name : "Headquarters");
		page_local_day_time(r, zone, i->hq_notified_at);
		html_printf(&r->out, ".</p></section>");
		return;
	}
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/incidents/%lld/hq-notified\"><input "
		    "type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    (long long)i->id, page_csrf(r));
	/* Nobody is chosen for her: the required list starts on an empty choice. */
	picker_headquarters(r,
			    &(struct picker){"hqby", "taken_by", "Who took the call", NULL, NULL});
	html_printf(&r->out, "<button type=\"submit\">Record the verbal report</button></form>"
			     "</section>");
}

/* 2, for an injury only (CS-INSURANCE): the Business Manager. */
static void step_business_manager(struct request *r, const struct incident_view *v,
				  const char *zone, int n)
{
	const struct incident *i = &v->i;
	html_printf(&r->out, "<section class=\"card step\" id=\"step-bm\">");
	step_head(r, n, "Contact the Business Manager", i->business_manager_contacted_at != 0);
	html_printf(&r->out, "<p>%s</p>", v->instruction);
	if (i->business_manager_contacted_at) {
		html_printf(&r->out, "<p>Contacted ");
		page_local_day_time(r, zone, i->business_manager_contacted_at);
		html_printf(&r->out, ".</p></section>");
		return;
	}
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/incidents/%lld/business-manager-"
		    "contacted\"><input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
		    "type=\"submit\">The Business Manager has been contacted</button></form>"
		    "</section>",
		    (long long)i->id, page_csrf(r));
}

/* The steps in CS-INCIDENT's order, numbered as shown: tell Headquarters, the Business
 * Manager for an injury (CS-INSURANCE; otherwise left out and the numbers close up), write
 * the report, sign and send it. Each says whether it is done. */
static void step_forms(struct request *r, const struct incident_view *v, const char *zone)
{
	const struct incident *i = &v->i;
	int step = 0;
	html_printf(&r->out, "<div class=\"steps\">");
	step_headquarters(r, i, zone, ++step);
	if (v->instruction)
		step_business_manager(r, v, zone, ++step);
	html_printf(&r->out, "<section class=\"card step\" id=\"step-write\">");
	step_head(r, ++step, "Write the report", *i->narrative != '\0');
	incident_details_form(r, i, zone);
	html_printf(&r->out, "</section><section class=\"card step\" id=\"step-sign\">");
	step_head(r, ++step, "Sign and send", false);
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/incidents/%lld/sign\"><p>Signing freezes the "
		"report and emails it, with its PDF, to the Executive Director, Business Manager "
		"and Branch Services Coordinator.</p><input type=\"hidden\" name=\"csrf\" "
		"value=\"%s\"><label for=\"sname\">Type your name</label><input id=\"sname\" "
		"name=\"typed_name\" required><button type=\"submit\" class=\"primary\">Sign "
		"the report</button></form></section></div>",
		(long long)i->id, page_csrf(r));
}

/* A draft left by someone else: the person in charge takes it over to finish and sign it. */
static void take_over_form(struct request *r, const struct incident_view *v)
{
	const struct incident *i = &v->i;
	int64_t holder = i->holder_id ? i->holder_id : i->reported_by_id;
	if (!r->authed || holder == r->actor.id)
		return;
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/incidents/%lld/take-over\" class=\"card\">"
		    "<p>This draft is not yours. If it was left unfinished, the person in charge "
		    "takes it over to finish and sign it today.</p><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button type=\"submit\">Take over this "
		    "report</button></form>",
		    (long long)i->id, page_csrf(r));
}

/* Who may not finish or take over the report is told whose it is and whom to fetch. */
static void not_yours(struct request *r, const struct incident_offer *o, bool draft)
{
	const char *fetch = o->in_charge ? o->in_charge : "Headquarters";
	if (draft)
		html_printf(&r->out,
			    "<p class=\"card\">This report is %s's to finish. If it was left "
			    "unfinished, fetch the person in charge (%s) to take it over.</p>",
			    o->holder, fetch);
	else
		html_printf(&r->out,
			    "<p class=\"card\">To add to this signed report, ask %s, the "
			    "branch's managers or Headquarters.</p>",
			    o->holder);
}

static void addenda(struct request *r, const struct incident *i)
{
	for (size_t k = 0; k < i->naddenda; k++)
		html_printf(&r->out,
			    "<section class=\"card\"><h2>Addendum %d</h2><p>%s</p>"
			    "<p>Signed by %s</p></section>",
			    (int)k + 1, i->addenda[k].text, i->addenda[k].signed_name);
}

/* A signed report whose stored text no longer matches its signature says so before anything
 * else, so that nobody reads, prints or sends changed text as what was signed. */
static void changed_since_signed(struct request *r, const struct incident_view *v)
{
	if (!v->nchanges)
		return;
	html_printf(&r->out,
		    "<section class=\"card\" id=\"changed\"><p class=\"error\" role=\"alert\">"
		    "<strong>This report has changed since it was signed.</strong> What it shows "
		    "is not what was signed: tell Headquarters. What no longer matches:</p><ul>");
	for (size_t k = 0; k < v->nchanges; k++)
		html_printf(&r->out, "<li>%s</li>", v->changes[k]);
	html_printf(&r->out, "</ul></section>");
}

void page_incident(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view v;
	int64_t id;
	if (parse_id(r->params[0], &id) || incident_get(&r->svc, id, &v, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such incident report");
		page_error(r, &err);
		return;
	}
	struct incident_offer offer;
	if (incident_offer_get(&r->svc, &v, &offer, &err)) {
		page_error(r, &err);
		return;
	}
	const struct incident *i = &v.i;
	struct branch_names names = {0};
	const struct branch *at = branch_of(r, &names, i->branch_code);
	const char *zone = at ? at->time_zone : "UTC";
	page_begin(r, "Incident report");
	html_printf(&r->out, "<p>");
	branch_desk_link(r, &names, i->branch_code);
	html_printf(&r->out,
		    " · <a href=\"/desk/%s/incidents\">%s's reports</a> · <a href=\"/api/v1/"
		    "incidents/%lld/report.pdf\">The report as PDF</a></p><h1>Report %lld: %s</h1>",
		    html_url_part(&r->arena, i->branch_code), i->branch_name, (long long)i->id,
		    (long long)i->id, incident_category_label(i->category));
	changed_since_signed(r, &v);
	if (v.overdue)
		html_printf(&r->out,
			    "<p class=\"warn\" role=\"alert\">Overdue: it should have been "
			    "signed and sent the day it happened (CS-INCIDENT).</p>");
	if (v.instruction)
		html_printf(&r->out, "<p class=\"warn\">%s</p>", v.instruction);
	html_printf(&r->out,
		    "<section class=\"card\"><h2>What happened</h2><p class=\"text\">%s</p>"
		    "<p>%s</p></section>",
		    *i->narrative ? i->narrative : "(not written yet)",
		    !i->signed_at ? "Draft: not signed yet."
		    : v.nchanges  ? "Signed, but changed since: see above."
				  : "Signed: it can no longer change; add an addendum instead.");
	incident_details_show(r, i, zone);
	incident_signed_section(r, &v, offer.finish);
	if (!i->signed_at) {
		if (offer.take_over)
			take_over_form(r, &v);
		if (offer.finish)
			step_forms(r, &v, zone);
		else if (!offer.take_over)
			not_yours(r, &offer, true);
		page_end(r);
		return;
	}
	addenda(r, i);
	incident_followup_section(r, &v);
	if (offer.finish)
		html_printf(
			&r->out,
			"<form method=\"post\" action=\"/incidents/%lld/addenda\" class=\"card\">"
			"<h2>Add to the report</h2><input type=\"hidden\" name=\"csrf\" "
			"value=\"%s\"><label for=\"atext\">What to add</label><textarea "
			"id=\"atext\" name=\"text\" rows=\"3\" required></textarea><label "
			"for=\"aname\">Type your name</label><input id=\"aname\" "
			"name=\"typed_name\" required><button type=\"submit\" class=\"primary\">"
			"Sign the addendum</button></form>",
			(long long)i->id, page_csrf(r));
	else
		not_yours(r, &offer, false);
	page_end(r);
}

void page_incident_act(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view v;
	int64_t id;
	const char *what = r->params[1];
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such incident report");
		page_error(r, &err);
		return;
	}
	int rc;
	struct incident_local_input change = {
		.category = INCIDENT__MAX,
		.police_called = -1,
		.person = {.kind = PERSON_KIND__MAX, .care = CARE__MAX}};
	struct hq_call_input call;
	struct signing_input signing;
	if (strcmp(what, "edit") == 0) {
		rc = req_form_input(r, &incident_draft_table, &change, &err) ||
		     incident_update_local(&r->svc, id, &change, &v, &err);
	} else if (strcmp(what, "hq-notified") == 0) {
		rc = req_form_input(r, &hq_call_table, &call, &err) ||
		     incident_hq_notified(&r->svc, id, call.taken_by, &v, &err);
	} else if (strcmp(what, "business-manager-contacted") == 0) {
		rc = incident_business_manager_contacted(&r->svc, id, &v, &err);
	} else if (strcmp(what, "sign") == 0) {
		rc = req_form_input(r, &signing_table, &signing, &err) ||
		     incident_sign(&r->svc, id, signing.typed_name, &v, &err);
	} else if (strcmp(what, "take-over") == 0) {
		rc = incident_take_over(&r->svc, id, &v, &err);
	} else if (strcmp(what, "addenda") == 0) {
		rc = req_form_input(r, &addendum_table, &signing, &err) ||
		     incident_addendum(&r->svc, id, signing.text, signing.typed_name, &v, &err);
	} else {
		rc = fd_fail(&err, FD_ENOTFOUND, "no such step");
	}
	if (rc)
		page_error(r, &err);
	else
		req_redirect(r, arena_printf(&r->arena, "/incidents/%lld", (long long)id));
}
