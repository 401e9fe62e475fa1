/* Complaint, difficult-situation and judgement-call pages: the forms (which tell a volunteer
 * whom to fetch, by name), a complaint with its notices, the branch manager's list and the
 * Headquarters dashboard. */
#include <stddef.h>
#include <string.h>

#include "service/complaint.h"
#include "service/handbook.h"
#include "service/incident.h"
#include "service/outbox.h"
#include "http/handlers.h"
#include "http/page.h"
#include "http/input.h"
#include "pages/branch_name.h"
#include "pages/page_queue.h"
#include "pages/hq_phone.h"
#include "pages/picker.h"

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

/* CS-DIFFICULT: a substitute alone names whom at Headquarters she spoke to. */
static void hq_contact_field(struct request *r, const char *id)
{
	picker_headquarters(r,
			    &(struct picker){id, "hq_contact", "Whom at Headquarters you spoke to",
					     "Not yet", NULL});
}

/* CS-JUDGE: the branch's own branch manager, or its assistant librarian in her absence. */
static void judgement_form(struct request *r, const struct branch *b)
{
	bool manager = r->actor.role == ROLE_BRANCH_MANAGER,
	     assistant = r->actor.role == ROLE_ASSISTANT_LIBRARIAN;
	if (!r->authed || (!manager && !assistant) || r->actor.branch_id != b->id)
		return;
	/* Not now (the branch manager is here, say): whom to reach, not a form to refuse. */
	struct fd_error not_now = {0};
	if (judgement_preview(&r->svc, b, &not_now)) {
		if (not_now.rule)
			html_printf(&r->out,
				    "<section class=\"card\"><h2>A judgement call</h2><p>%s</p>"
				    "</section>",
				    not_now.message);
		return;
	}
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/judgements\" class=\"card\">"
		    "<h2>A judgement call</h2><p>When Headquarters cannot be reached, the branch "
		    "manager decides, or the assistant librarian when she cannot be reached, and "
		    "reports it to Headquarters (CS-JUDGE).</p>"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"jsit\">The situation</label><textarea id=\"jsit\" "
		    "name=\"situation\" rows=\"3\" required></textarea>"
		    "<label for=\"jdec\">Your decision</label><textarea id=\"jdec\" "
		    "name=\"decision\" rows=\"3\" required></textarea>",
		    html_url_part(&r->arena, b->code), page_csrf(r));
	if (r->actor.duty_branch_id != b->id)
		html_printf(&r->out, "<label class=\"check\"><input type=\"checkbox\" "
				     "name=\"by_phone\" value=\"1\" required> I decided by phone, "
				     "away from the branch</label>");
	if (assistant)
		html_printf(&r->out,
			    "<label class=\"check\"><input type=\"checkbox\" "
			    "name=\"manager_unreachable\" value=\"1\" required> I could not "
			    "reach the branch manager</label>");
	html_printf(&r->out, "<button type=\"submit\" class=\"primary\">Record and report to "
			     "Headquarters</button></form>");
}

static void forms(struct request *r, const struct branch *b, const struct in_charge_view *ic,
		  const struct difficult_verdict *v)
{
	if (v->must_contact_hq) {
		html_printf(&r->out,
			    "<p class=\"warn\">No permanent staff member is on duty: you handle "
			    "this, and you contact Headquarters about it (CS-DIFFICULT). "
			    "Headquarters is emailed too when you record it. ");
		hq_phone_write(r);
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out,
		    "<div class=\"grid\"><form method=\"post\" action=\"/desk/%s/complaints\" "
		    "class=\"card\"><h2>A complaint</h2><p>Listen; refer to the policy; when "
		    "necessary, refer the customer to the Executive Director (CS-COMPLAINT).</p>"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"ctext\">What the customer says</label>"
		    "<textarea id=\"ctext\" name=\"text\" rows=\"4\" required></textarea>"
		    "<label for=\"cpol\">Policy referred to</label><input id=\"cpol\" "
		    "name=\"policy_section\" list=\"sections\">",
		    html_url_part(&r->arena, b->code), page_csrf(r));
	/* CS-CONFIDENTIAL: only those who may read customer records are offered the card. */
	if (r->svc.actor && role_sees_customers(r->svc.actor->role))
		html_printf(&r->out, "<label for=\"ccard\">Library card (optional)</label>"
				     "<input id=\"ccard\" name=\"customer_card\" "
				     "inputmode=\"numeric\" autocomplete=\"off\">");
	if (v->must_contact_hq)
		hq_contact_field(r, "chq");
	html_printf(&r->out, "<button type=\"submit\" class=\"primary\">Record the "
			     "complaint</button>");
	section_choices(r);
	html_printf(&r->out, "</form>");
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/situations\" class=\"card\">"
		    "<h2>A difficult situation</h2><p>Take the customer quietly to a private "
		    "area, with another staff member and the person in charge (CS-PRIVATE).</p>"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"stext\">What happened</label>"
		    "<textarea id=\"stext\" name=\"text\" rows=\"4\" required></textarea>"
		    "<label class=\"check\"><input type=\"checkbox\" name=\"private_area\" "
		    "value=\"1\"> In a private area</label>",
		    html_url_part(&r->arena, b->code), page_csrf(r));
	/* CS-PRIVATE: the witness is another permanent staff member on duty here. */
	picker_witness(
		r,
		&(struct picker){"witness", "witness", "Who else was there", "Nobody else", NULL},
		b->code);
	if (!ic->staff || !r->authed || ic->staff->id != r->actor.id)
		html_printf(&r->out,
			    "<label class=\"check\"><input type=\"checkbox\" "
			    "name=\"in_charge_included\" value=\"1\"> %s was included</label>",
			    ic->staff ? ic->staff->name : "The person in charge");
	if (v->must_contact_hq)
		hq_contact_field(r, "shq");
	html_printf(&r->out, "<button type=\"submit\" class=\"primary\">Record the "
			     "situation</button></form>");
	judgement_form(r, b);
	html_printf(&r->out, "</div>");
}

/* A complaint's state in words: resolved, with the Executive Director, or open. */
static const char *complaint_status(const struct complaint *c)
{
	if (c->resolved_at)
		return "Resolved";
	return c->referred_director_at ? "Referred to the Executive Director" : "Open";
}

/* Who took it: a complaint from a customer's feedback was taken by nobody at the desk. */
static const char *taken_by(const struct complaint *c)
{
	if (c->taken_by.name)
		return c->taken_by.name;
	return c->feedback_score ? "Nobody: from the customer's feedback" : "—";
}

/* The branch manager's list: when, what, who took it and where it stands. */
static void complaint_table(struct request *r, const struct branch *b, const struct complaint *c,
			    size_t n)
{
	html_printf(&r->out, "<section class=\"card oversight\"><h2>Complaints</h2>");
	if (n == 0) {
		html_printf(&r->out, "<p>None recorded.</p>");
		return;
	}
	html_printf(&r->out, "<table id=\"complaints\"><thead><tr><th>Taken</th><th>What the "
			     "customer said</th><th>Taken by</th><th>Status</th></tr></thead>"
			     "<tbody>");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<tr><td>");
		page_local_day_time(r, b->time_zone, c[i].taken_at);
		html_printf(&r->out,
			    "</td><td><a href=\"/complaints/%lld\">%s</a></td><td>%s</td>"
			    "<td>%s</td></tr>",
			    (long long)c[i].id, c[i].text, taken_by(&c[i]),
			    complaint_status(&c[i]));
	}
	html_printf(&r->out, "</tbody></table>");
}

static void oversight(struct request *r, const struct branch *b)
{
	struct fd_error err = {0};
	struct complaint *c;
	struct situation *x;
	size_t nc, nx;
	if (complaint_list(&r->svc, b->code, &c, &nc, &err) ||
	    situation_list(&r->svc, b->code, true, &x, &nx, &err))
		return; /* not a manager: the lists are not theirs */
	complaint_table(r, b, c, nc);
	html_printf(&r->out, "<h2>Situations flagged (CS-PRIVATE)</h2><ul id=\"flagged\">");
	for (size_t i = 0; i < nx; i++)
		html_printf(&r->out,
			    "<li>%s — recorded by %s; witness: %s; private area: %s; person in "
			    "charge included: %s</li>",
			    x[i].text, x[i].recorded_by.name ? x[i].recorded_by.name : "—",
			    x[i].witness.name ? x[i].witness.name : "none",
			    x[i].private_area ? "yes" : "no",
			    x[i].in_charge_included ? "yes" : "no");
	html_printf(&r->out, "</ul>");
	if (nx == 0)
		html_printf(&r->out, "<p class=\"empty\">None: no situation here has been flagged "
				     "for the branch manager.</p>");
	html_printf(&r->out, "</section>");
}

static void difficult_page(struct request *r, const char *notice, const char *rule)
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
	page_begin(r, "Complaints and difficult situations");
	html_printf(&r->out,
		    "<p><a href=\"/desk/%s\">Back to the desk</a></p>"
		    "<h1>Complaints and difficult situations</h1>",
		    html_url_part(&r->arena, code));
	if (req_query(r, "fetched"))
		notice = req_query(r, "unheard")
				 ? "Nobody is in charge here, and nobody at Headquarters could be "
				   "emailed: call Headquarters now. Stay with the customer "
				   "meanwhile."
				 : "The person in charge has been asked to come: every desk here "
				   "shows "
				   "it until they answer. Stay with the customer meanwhile.";
	if (notice)
		html_printf(&r->out, "<p class=\"warn\" role=\"status\">%s</p>", notice);
	if (rule)
		html_printf(&r->out,
			    "<p><a href=\"/handbook?rule=%s\">What %s says, and why</a></p>",
			    html_url_part(&r->arena, rule), rule);
	bool on_here = r->authed &&
		       (role_is_headquarters(r->actor.role) || r->actor.duty_branch_id == b.id);
	if (!on_here)
		html_printf(&r->out,
			    "<p class=\"warn\">You are not clocked on at %s: clock on at <a "
			    "href=\"/desk/%s\">its desk</a> first.</p>",
			    b.name, html_url_part(&r->arena, code));
	if (!v.allowed)
		fetch_card(r, code, ic.staff ? ic.staff->name : "Headquarters",
			   arena_printf(&r->arena, "%s (CS-DIFFICULT).", v.reason), "complaint");
	else if (on_here)
		forms(r, &b, &ic, &v);
	oversight(r, &b);
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
	if (err->code == FD_EPOLICY || err->code == FD_EINVAL) {
		difficult_page(r, err->message, err->rule);
		r->status = req_status_of(err->code);
	} else {
		page_error(r, err);
	}
}

void page_complaint_add(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view out;
	struct in_charge_view ic;
	struct complaint_input in;
	int rc = req_form_input(r, &complaint_input_table, &in, &err);
	in.branch = r->params[0];
	if (rc || complaint_add(&r->svc, &in, &out, &ic, &err))
		refused(r, &err);
	else
		req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)out.c.id));
}

void page_situation_add(struct request *r)
{
	struct fd_error err = {0};
	struct situation_view out;
	struct in_charge_view ic;
	struct situation_input in;
	int rc = req_form_input(r, &situation_input_table, &in, &err);
	in.branch = r->params[0];
	if (rc || situation_add(&r->svc, &in, &out, &ic, &err)) {
		refused(r, &err);
		return;
	}
	struct buf msg = BUF_INIT;
	buf_puts(&msg, "Situation recorded.");
	for (int i = 0; i < out.warnings.n; i++)
		buf_printf(&msg, " %s", out.warnings.w[i].message);
	difficult_page(r, arena_strdup(&r->arena, buf_str(&msg)), NULL);
	buf_free(&msg);
}

/* An assistant librarian confirms on the judgement form that she could not reach the branch
 * manager: the form's checkbox says the opposite of the use case's branch_manager_reachable. */
struct unreachable_form {
	bool manager_unreachable;
};
static const struct input_field unreachable_fields[] = {
	{"manager_unreachable", "I could not reach the branch manager", INPUT_BOOL, false,
	 .offset = offsetof(struct unreachable_form, manager_unreachable)},
};
static const struct input_table unreachable_table = INPUT_TABLE(unreachable_fields);

void page_judgement_add(struct request *r)
{
	struct fd_error err = {0};
	struct judgement_view out;
	struct judges judges;
	struct judgement_input in;
	struct unreachable_form form = {false};
	int rc = req_form_input(r, &judgement_input_table, &in, &err) ||
		 req_form_input(r, &unreachable_table, &form, &err);
	in.branch = r->params[0];
	in.hq_reachable = false;
	in.branch_manager_reachable =
		r->actor.role == ROLE_ASSISTANT_LIBRARIAN && !form.manager_unreachable;
	if (rc || judgement_add(&r->svc, &in, &out, &judges, &err)) {
		refused(r, &err);
		return;
	}
	struct buf msg = BUF_INIT;
	buf_puts(&msg, "Judgement call recorded and reported to Headquarters.");
	for (int i = 0; i < out.warnings.n; i++)
		buf_printf(&msg, " %s", out.warnings.w[i].message);
	difficult_page(r, arena_strdup(&r->arena, buf_str(&msg)), NULL);
	buf_free(&msg);
}

static void resolve_form(struct request *r, const struct complaint *c);

void page_complaint(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	int64_t id;
	if (parse_id(r->params[0], &id) || complaint_get(&r->svc, id, &v, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	const struct complaint *c = &v.c;
	struct branch_names names = {0};
	page_begin(r, "Complaint");
	html_printf(&r->out,
		    "<p><a href=\"/desk/%s/complaints\">Complaints and difficult situations</a>"
		    "</p><h1>Complaint at %s</h1>"
		    "<section class=\"card\"><p class=\"big\">%s</p><p>Policy referred to: "
		    "%s</p><p>Taken by %s</p>",
		    html_url_part(&r->arena, c->branch_code),
		    branch_name_of(r, &names, c->branch_code), c->text,
		    c->policy_section && *c->policy_section ? c->policy_section : "none",
		    taken_by(c));
	bool sees = r->svc.actor && role_sees_customers(r->svc.actor->role);
	if (c->customer_name && c->customer_id && sees)
		html_printf(&r->out, "<p>Customer: <a href=\"/customers/%lld\">%s</a></p>",
			    (long long)c->customer_id, c->customer_name);
	/* CS-CONFIDENTIAL: whom the customer asked to be contacted as, for who may read it (the
	 * service has already left it out for anyone else). */
	if (c->contact && sees)
		html_printf(
			&r->out,
			"<p id=\"contact\"><strong>The customer asked to be contacted:</strong> "
			"%s, %s</p>",
			c->contact_name && *c->contact_name ? c->contact_name : "no name given",
			c->contact);
	for (int i = 0; i < v.warnings.n; i++)
		html_printf(&r->out, "<p class=\"warn\">%s</p>", v.warnings.w[i].message);
	if (c->hq_contacted_at)
		html_printf(&r->out, "<p>Headquarters was contacted: %s.</p>",
			    c->hq_contact.name ? c->hq_contact.name : "—");
	html_printf(&r->out, "<h2>Notices</h2><ul>");
	for (size_t i = 0; i < v.nnotices; i++)
		html_printf(&r->out, "<li>%s to %s — %s</li>", v.notices[i].subject,
			    v.notices[i].to_addr,
			    v.notices[i].sent_at ? "sent" : "waiting to be sent");
	html_printf(&r->out, "</ul>");
	/* Offer only what the policy lets this person do here (CS-DIFFICULT). */
	struct difficult_verdict dv;
	struct in_charge_view ic;
	struct branch b;
	bool may_act =
		difficult_preview(&r->svc, c->branch_code, &dv, &ic, &b, &err) == 0 && dv.allowed;
	if (c->referred_director_at)
		html_printf(&r->out, "<p><strong>Referred to the Executive Director.</strong></p>");
	else if (may_act)
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/complaints/%lld/refer-director\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
			    "type=\"submit\" class=\"primary\">Refer to the Executive Director "
			    "(she is told now, before the customer calls)</button></form>",
			    (long long)c->id, page_csrf(r));
	if (may_act && c->hq_contact_required && !c->hq_contacted_at) {
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/complaints/%lld/hq-contacted\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
			    (long long)c->id, page_csrf(r));
		hq_contact_field(r, "chq");
		html_printf(&r->out, "<button type=\"submit\">Record the contact with "
				     "Headquarters</button></form>");
	}
	if (c->resolved_at) {
		html_printf(&r->out, "<p id=\"resolved\"><strong>Resolved</strong> ");
		const struct branch *at = branch_of(r, &names, c->branch_code);
		page_local_day_time(r, at ? at->time_zone : "UTC", c->resolved_at);
		html_printf(&r->out, ": %s</p>", c->resolution);
	}
	html_printf(&r->out, "</section>");
	if (!c->resolved_at)
		resolve_form(r, c);
	page_end(r);
}

/* Resolving is the branch manager's oversight (and Headquarters'): offered only to them. */
static void resolve_form(struct request *r, const struct complaint *c)
{
	struct fd_error err = {0};
	if (svc_authorize(&r->svc, ACTION_BRANCH_OVERSIGHT, RECORD_BRANCH, c->branch_code, &err))
		return;
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/complaints/%lld/resolve\" class=\"card\" "
		    "id=\"resolve\"><h2>Resolve the complaint</h2><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><label for=\"resolution\">What was done, and how "
		    "it ended</label><textarea id=\"resolution\" name=\"resolution\" rows=\"4\" "
		    "required maxlength=\"4000\"></textarea><button type=\"submit\" "
		    "class=\"primary\">Mark it resolved</button></form>",
		    (long long)c->id, page_csrf(r));
}

void page_complaint_resolve(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	struct resolve_input in;
	int64_t id;
	if (parse_id(r->params[0], &id) || req_form_input(r, &resolve_table, &in, &err) ||
	    complaint_resolve(&r->svc, id, in.resolution, &v, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)id));
}

void page_complaint_refer(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	struct in_charge_view ic;
	int64_t id;
	if (parse_id(r->params[0], &id) || complaint_refer_director(&r->svc, id, &v, &ic, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)id));
}

void page_complaint_hq_contact(struct request *r)
{
	struct fd_error err = {0};
	struct complaint_view v;
	struct in_charge_view ic;
	struct hq_contact_input in;
	int64_t id;
	if (parse_id(r->params[0], &id) || req_form_input(r, &hq_contact_table, &in, &err) ||
	    complaint_hq_contacted(&r->svc, id, in.hq_contact, 0, &v, &ic, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such complaint");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/complaints/%lld", (long long)id));
}
