/* Complaint, difficult-situation and judgement-call pages: the forms (which tell a volunteer
 * whom to fetch, by name), a complaint with its notices, the branch manager's list and the
 * Headquarters dashboard. */
#include <string.h>

#include "service/complaint.h"
#include "service/handbook.h"
#include "service/incident.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/queue_json.h"

static void fetch_notice(struct request *r, const struct difficult_verdict *v,
			 const struct in_charge_view *ic)
{
	html_printf(&r->out, "<section class=\"card fetch\" role=\"alert\"><h2>Fetch ");
	if (ic->staff)
		html_printf(&r->out, "<span id=\"fetch\">%s</span> (%s)", ic->staff->name,
			    role_label(ic->staff->role));
	else
		html_printf(&r->out, "<span id=\"fetch\">Headquarters</span>");
	html_printf(&r->out, "</h2><p>%s (CS-DIFFICULT).</p></section>", v->reason);
}

/* The handbook's sections to cite, offered as the policy field is typed (CS-KNOW). */
static void section_choices(struct request *r)
{
	struct fd_error err = {0};
	struct section *x;
	size_t n;
	if (handbook_list(&r->svc, &x, &n, &err))
		return;
	html_printf(&r->out, "<datalist id=\"sections\">");
	for (size_t i = 0; i < n; i++)
		html_printf(&r->out, "<option value=\"%s: %s\">", x[i].policy, x[i].title);
	html_printf(&r->out, "</datalist>");
}

static void forms(struct request *r, const char *code, const struct in_charge_view *ic,
		  const struct difficult_verdict *v)
{
	if (v->must_contact_hq)
		html_printf(&r->out,
			    "<p class=\"warn\">No permanent staff member is on duty: contact "
			    "Headquarters about this (CS-DIFFICULT).</p>");
	html_printf(&r->out,
		    "<div class=\"grid\"><form method=\"post\" action=\"/desk/%u/complaints\" "
		    "class=\"card\"><h2>A complaint</h2><p>Listen; refer to the policy; when "
		    "necessary, refer the customer to the Executive Director (CS-COMPLAINT).</p>"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"ctext\">What the customer says</label>"
		    "<textarea id=\"ctext\" name=\"text\" rows=\"4\" required></textarea>"
		    "<label for=\"cpol\">Policy referred to</label><input id=\"cpol\" "
		    "name=\"policy_section\" list=\"sections\"><label for=\"ccard\">Library card "
		    "(optional)</label>"
		    "<input id=\"ccard\" name=\"customer_card\" inputmode=\"numeric\">"
		    "<button type=\"submit\" class=\"primary\">Record the complaint</button>",
		    code, page_csrf(r));
	section_choices(r);
	html_printf(&r->out, "</form>");
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/desk/%u/situations\" class=\"card\">"
		"<h2>A difficult situation</h2><p>Take the customer quietly to a private area, "
		"with another staff member and the person in charge (CS-PRIVATE).</p>"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<label for=\"stext\">What happened</label>"
		"<textarea id=\"stext\" name=\"text\" rows=\"4\" required></textarea>"
		"<label class=\"check\"><input type=\"checkbox\" name=\"private_area\" "
		"value=\"1\"> In a private area</label>"
		"<label for=\"witness\">Witness (another staff member's login)</label>"
		"<input id=\"witness\" name=\"witness\">"
		"<label class=\"check\"><input type=\"checkbox\" name=\"in_charge_included\" "
		"value=\"1\"> %s was included</label>"
		"<button type=\"submit\" class=\"primary\">Record the situation</button></form>",
		code, page_csrf(r), ic->staff ? ic->staff->name : "The person in charge");
	if (r->authed && ic->staff && ic->staff->id == r->actor.id)
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/desk/%u/judgements\" class=\"card\">"
			    "<h2>A judgement call</h2><p>When Headquarters cannot be reached, the "
			    "person in charge decides and reports it (CS-JUDGE).</p>"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<label for=\"jsit\">The situation</label><textarea id=\"jsit\" "
			    "name=\"situation\" rows=\"3\" required></textarea>"
			    "<label for=\"jdec\">Your decision</label><textarea id=\"jdec\" "
			    "name=\"decision\" rows=\"3\" required></textarea>"
			    "<button type=\"submit\" class=\"primary\">Record and report to "
			    "Headquarters</button></form>",
			    code, page_csrf(r));
	html_printf(&r->out, "</div>");
}

static void oversight(struct request *r, const char *code)
{
	struct fd_error err = {0};
	struct complaint *c;
	struct situation *x;
	size_t nc, nx;
	if (complaint_list(&r->svc, code, &c, &nc, &err) ||
	    situation_list(&r->svc, code, true, &x, &nx, &err))
		return; /* not a manager: the lists are not theirs */
	html_printf(&r->out, "<section class=\"card\"><h2>Complaints</h2><ul>");
	for (size_t i = 0; i < nc; i++)
		html_printf(&r->out, "<li><a href=\"/complaints/%lld\">%s</a>%s</li>",
			    (long long)c[i].id, c[i].text, c[i].resolved_at ? " (resolved)" : "");
	html_printf(&r->out, "</ul><h2>Situations flagged (CS-PRIVATE)</h2><ul id=\"flagged\">");
	for (size_t i = 0; i < nx; i++)
		html_printf(&r->out,
			    "<li>%s — recorded by %s; witness: %s; private area: %s; person in "
			    "charge included: %s</li>",
			    x[i].text, x[i].recorded_by.name ? x[i].recorded_by.name : "—",
			    x[i].witness.name ? x[i].witness.name : "none",
			    x[i].private_area ? "yes" : "no",
			    x[i].in_charge_included ? "yes" : "no");
	html_printf(&r->out, "</ul></section>");
}

static void difficult_page(struct request *r, const char *notice, const char *rule)
{
	struct fd_error err = {0};
	struct difficult_verdict v;
	struct in_charge_view ic;
	const char *code = r->params[0];
	if (difficult_preview(&r->svc, code, &v, &ic, &err)) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "Complaints and difficult situations");
	html_printf(&r->out,
		    "<p><a href=\"/desk/%u\">Back to the desk</a></p>"
		    "<h1>Complaints and difficult situations</h1>",
		    code);
	if (notice)
		html_printf(&r->out, "<p class=\"warn\" role=\"status\">%s</p>", notice);
	if (rule)
		html_printf(&r->out,
			    "<p><a href=\"/handbook?rule=%u\">What %s says, and why</a></p>", rule,
			    rule);
	if (!v.allowed)
		fetch_notice(r, &v, &ic);
	else
		forms(r, code, &ic, &v);
	oversight(r, code);
	page_end(r);
}

void page_difficult(struct request *r)
{
	difficult_page(r, NULL, NULL);
}

/* A refusal by the policy shows the page again with whom to fetch; other errors the error
 * page. */
static void refused(struct request *r, const struct fd_error *err)
{
	if (err->code == FD_EPOLICY) {
		difficult_page(r, err->message, err->rule);
		r->status = 409;
	} else {
		page_error(r, err);
	}
}

void page_complaint_add(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	struct in_charge_view ic;
	const char *card = req_form(r, "customer_card");
	struct complaint_input in = {r->params[0], req_form(r, "text"), card && *card ? card : NULL,
				     req_form(r, "policy_section")};
	if (complaint_add(&r->svc, &in, &out, &ic, &err))
		refused(r, &err);
	else
		req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)out.c.id));
}

void page_situation_add(struct request *r)
{
	struct fd_error err = {0};
	struct situation_view out;
	struct in_charge_view ic;
	struct situation_input in = {r->params[0], req_form(r, "text"), req_form(r, "witness"),
				     req_form(r, "private_area") != NULL,
				     req_form(r, "in_charge_included") != NULL};
	if (situation_add(&r->svc, &in, &out, &ic, &err)) {
		refused(r, &err);
		return;
	}
	struct buf msg = BUF_INIT;
	buf_puts(&msg, "Situation recorded.");
	for (int i = 0; i < out.nwarnings; i++)
		buf_printf(&msg, " %s: %s.", out.warnings[i].rule, out.warnings[i].message);
	difficult_page(r, arena_strdup(&r->arena, buf_str(&msg)), NULL);
	buf_free(&msg);
}

void page_judgement_add(struct request *r)
{
	struct fd_error err = {0};
	struct judgement out;
	struct in_charge_view ic;
	struct judgement_input in = {r->params[0], req_form(r, "situation"),
				     req_form(r, "decision"), false};
	if (judgement_add(&r->svc, &in, &out, &ic, &err))
		refused(r, &err);
	else
		difficult_page(r, "Judgement call recorded and reported to Headquarters.", NULL);
}

void page_complaint(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	int64_t id;
	if (parse_visit_id(r->params[0], &id) || complaint_get(&r->svc, id, &v, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	const struct complaint *c = &v.c;
	page_begin(r, "Complaint");
	html_printf(&r->out,
		    "<p><a href=\"/desk/%u/complaints\">Back</a></p><h1>Complaint at %s</h1>"
		    "<section class=\"card\"><p class=\"big\">%s</p><p>Policy referred to: "
		    "%s</p><p>Taken by %s</p>",
		    c->branch_code, c->branch_code, c->text,
		    c->policy_section && *c->policy_section ? c->policy_section : "none",
		    c->taken_by.name ? c->taken_by.name : "—");
	for (int i = 0; i < v.nwarnings; i++)
		html_printf(&r->out, "<p class=\"warn\">%s: %s</p>", v.warnings[i].rule,
			    v.warnings[i].message);
	html_printf(&r->out, "<h2>Notices</h2><ul>");
	for (size_t i = 0; i < v.nnotices; i++)
		html_printf(&r->out, "<li>%s to %s — %s</li>", v.notices[i].subject,
			    v.notices[i].to_addr,
			    v.notices[i].sent_at ? "sent" : "waiting to be sent");
	html_printf(&r->out, "</ul>");
	if (!c->referred_director_at)
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/complaints/%lld/refer-director\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
			    "type=\"submit\" class=\"primary\">Refer to the Executive Director "
			    "(she is told now, before the customer calls)</button></form>",
			    (long long)c->id, page_csrf(r));
	else
		html_printf(&r->out, "<p><strong>Referred to the Executive Director.</strong></p>");
	if (c->resolved_at)
		html_printf(&r->out, "<p>Resolved: %s</p>", c->resolution);
	html_printf(&r->out, "</section>");
	page_end(r);
}

void page_complaint_refer(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	int64_t id;
	if (parse_visit_id(r->params[0], &id) || complaint_refer_director(&r->svc, id, &v, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)id));
}

void page_hq(struct request *r)
{
	struct fd_error err = {0};
	struct complaint *c;
	struct judgement *j;
	size_t nc, nj;
	if (hq_dashboard(&r->svc, &c, &nc, &j, &nj, &err)) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "Headquarters");
	html_printf(&r->out,
		    "<h1>Headquarters</h1><div class=\"grid\"><section class=\"card\">"
		    "<h2>Judgement calls to acknowledge (CS-JUDGE)</h2><ul id=\"judgements\">");
	for (size_t i = 0; i < nj; i++)
		html_printf(&r->out,
			    "<li><strong>%s</strong>: %s — decided: %s (by %s)"
			    "<form method=\"post\" action=\"/hq/judgements/%lld/acknowledge\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Acknowledge</button></form></li>",
			    j[i].branch_code, j[i].situation, j[i].decision,
			    j[i].decided_by.name ? j[i].decided_by.name : "—", (long long)j[i].id,
			    page_csrf(r));
	html_printf(&r->out, "</ul></section><section class=\"card\"><h2>Complaints referred to "
			     "the Executive Director</h2><ul>");
	for (size_t i = 0; i < nc; i++)
		html_printf(&r->out, "<li><a href=\"/complaints/%lld\">%s</a>: %s</li>",
			    (long long)c[i].id, c[i].branch_code, c[i].text);
	html_printf(&r->out, "</ul></section>");
	struct incident_view *iv;
	size_t ni;
	if (incident_list(&r->svc, NULL, true, &iv, &ni, &err) == 0) {
		html_printf(&r->out, "<section class=\"card\"><h2>Incident reports overdue "
				     "(CS-INCIDENT)</h2><ul id=\"overdue\">");
		for (size_t i = 0; i < ni; i++)
			html_printf(&r->out, "<li>%s, report %lld: %s</li>", iv[i].i.branch_name,
				    (long long)iv[i].i.id,
				    incident_category_name(iv[i].i.category));
		html_printf(&r->out, "</ul></section>");
	}
	html_printf(&r->out, "</div>");
	page_end(r);
}

void page_hq_ack(struct request *r)
{
	struct fd_error err = {0};
	struct judgement out;
	int64_t id;
	if (parse_visit_id(r->params[0], &id) || judgement_acknowledge(&r->svc, id, &out, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such judgement call");
		page_error(r, &err);
		return;
	}
	req_redirect(r, "/hq");
}
