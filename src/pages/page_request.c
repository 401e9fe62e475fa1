/* Request pages: the new-request form (one click from a visit), a branch's open requests
 * with their age, "my open requests", and the close screen that shows the avenues tried and
 * not yet tried (CS-ALT) with the forms to try them. */
#include <stdlib.h>
#include <string.h>

#include "service/request.h"
#include "http/handlers.h"
#include "http/page.h"
#include "http/input.h"
#include "pages/branch_name.h"

static void age(struct request *r, int64_t s)
{
	if (s < 60) /* "0 min ago" reads as a fault */
		html_printf(&r->out, "under a minute");
	else if (s < 2 * 86400)
		html_printf(&r->out, "%s", page_duration(r, s));
	else
		html_printf(&r->out, "%d days", (int)(s / 86400));
}

/* The requests in v; with a Branch column when they may come from more than one. */
static void request_table(struct request *r, const struct request_view *v, size_t n,
			  bool branch_column)
{
	if (n == 0) {
		html_printf(&r->out, "<p>None open.</p>");
		return;
	}
	html_printf(&r->out, "<table class=\"requests\"><thead><tr><th>#</th>");
	if (branch_column) /* markup in the format: arguments are escaped */
		html_printf(&r->out, "<th>Branch</th>");
	html_printf(&r->out, "<th>Kind</th><th>Request</th><th>Held by</th><th>Age</th></tr>"
			     "</thead><tbody>");
	struct branch_names names = {0};
	for (size_t i = 0; i < n; i++) {
		const struct request_rec *q = &v[i].r;
		html_printf(&r->out, "<tr><td><a href=\"/requests/%lld\">%lld</a></td>",
			    (long long)q->id, (long long)q->id);
		if (branch_column)
			html_printf(&r->out, "<td>%s</td>",
				    branch_name_of(r, &names, q->branch_code));
		html_printf(&r->out, "<td>%s</td><td>%s</td><td>%s</td><td>",
			    request_kind_label(q->kind),
			    v[i].text_hidden ? "(confidential reference question)" : q->text,
			    q->level == LEVEL_HEADQUARTERS ? "Headquarters"
			    : q->holder_name		   ? q->holder_name
							   : "—");
		age(r, v[i].age_s);
		html_printf(&r->out, "</td></tr>");
	}
	html_printf(&r->out, "</tbody></table>");
}

/* The kinds, chosen one first selected (?kind=renewal from a renewal refused: CS-ALT). */
static void kind_options(struct request *r, const char *chosen)
{
	for (int k = 0; k < REQUEST_KIND__MAX; k++) {
		const char *name = request_kind_name((enum request_kind)k);
		html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", name,
			    chosen && strcmp(chosen, name) == 0 ? " selected" : "",
			    request_kind_label((enum request_kind)k));
	}
}

void page_branch_requests(struct request *r)
{
	struct fd_error err = {0};
	struct request_view *v;
	size_t n;
	const char *code = r->params[0], *visit = req_query(r, "visit");
	if (request_list(&r->svc, SCOPE_BRANCH, code, &v, &n, &err)) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "Requests");
	const char *url_code = html_url_part(&r->arena, code);
	struct branch_names names = {0};
	html_printf(&r->out,
		    "<p><a href=\"/desk/%s\">Back to the desk</a></p><h1>Requests at %s</h1>"
		    "<section class=\"card\" id=\"new\" aria-labelledby=\"nh\">"
		    "<h2 id=\"nh\">A customer's request</h2>"
		    "<form method=\"post\" action=\"/desk/%s/requests\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"visit\" value=\"%s\">"
		    "<label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\">",
		    url_code, branch_name_of(r, &names, code), url_code, page_csrf(r),
		    visit ? visit : "");
	kind_options(r, req_query(r, "kind"));
	html_printf(&r->out, "</select><label for=\"text\">What the customer needs</label>"
			     "<textarea id=\"text\" name=\"text\" rows=\"3\" required></textarea>");
	/* CS-CONFIDENTIAL: only those who may read customer records are offered the card. */
	/* Filled in when the form is offered for a customer (a renewal refused on a call). */
	const char *card = req_query(r, "customer_card");
	if (r->svc.actor && role_sees_customers(r->svc.actor->role))
		html_printf(
			&r->out,
			"<label for=\"rcard\">Library card (optional)</label><input id=\"rcard\" "
			"name=\"customer_card\" inputmode=\"numeric\" autocomplete=\"off\" "
			"value=\"%s\">",
			card ? card : "");
	html_printf(&r->out,
		    "<button type=\"submit\" class=\"primary\">Take the request</button></form>"
		    "</section><section class=\"card\"><h2>Open requests at this branch</h2>");
	request_table(r, v, n, false);
	html_printf(&r->out, "</section>");
	page_end(r);
}

void page_branch_request_add(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out;
	struct request_input in;
	int rc = req_form_input(r, &request_input_table, &in, &err);
	in.branch = r->params[0];
	if (rc || request_add(&r->svc, &in, &out, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/requests/%lld", (long long)out.r.id));
}

void page_my_requests(struct request *r)
{
	struct fd_error err = {0};
	struct request_view *v;
	size_t n;
	if (request_list(&r->svc, SCOPE_MINE, NULL, &v, &n, &err)) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "My open requests");
	html_printf(&r->out, "<h1>My open requests</h1><section class=\"card\">");
	request_table(r, v, n, true);
	html_printf(&r->out, "</section>");
	page_end(r);
}

static void alternatives(struct request *r, const struct request_view *v)
{
	html_printf(&r->out, "<h2>Alternatives offered</h2>");
	if (v->nalts == 0)
		html_printf(&r->out, "<p>None yet.</p>");
	html_printf(&r->out, "<ul>");
	for (size_t i = 0; i < v->nalts; i++) {
		const struct request_alt *a = &v->alts[i];
		html_printf(&r->out, "<li>%s%s%s — <strong>%s</strong>", alt_kind_label(a->kind),
			    a->note && *a->note ? ": " : "", a->note ? a->note : "",
			    a->accepted < 0   ? "no answer yet"
			    : a->accepted > 0 ? "accepted"
					      : "declined");
		if (a->accepted < 0 && !v->r.closed)
			for (int yes = 1; yes >= 0; yes--)
				html_printf(
					&r->out,
					" <form method=\"post\" class=\"inline\" "
					"action=\"/requests/"
					"%lld/alternatives/%lld/answer\"><input type=\"hidden\" "
					"name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
					"name=\"accepted\" value=\"%d\"><button type=\"submit\">%s"
					"</button></form>",
					(long long)v->r.id, (long long)a->id, page_csrf(r), yes,
					yes ? "Customer accepts" : "Customer declines");
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul>");
}

/* The outcomes that need avenues tried first (CS-ALT), each with what is still to try. */
static void avenue_list(struct request *r, const struct request_view *v)
{
	static const struct {
		enum request_outcome o;
		const char *ready, *also;
	} ladders[] = {
		{OUTCOME_NOT_FULFILLED, "Every avenue was tried: it may close as not fulfilled.",
		 NULL},
		{OUTCOME_CUSTOMER_DECLINED,
		 "The customer refused every alternative and the referral: it may close as "
		 "customer declined, with a note of what they said.",
		 "Then close it with a note of what the customer said."},
	};
	html_printf(&r->out, "<h2>Every avenue (CS-ALT)</h2>");
	for (size_t i = 0; i < sizeof ladders / sizeof ladders[0]; i++) {
		unsigned left = v->avenues_left[ladders[i].o];
		html_printf(&r->out, "<h3>Before “%s”</h3>", request_outcome_label(ladders[i].o));
		/* CS-REFER's first step is taken: say so, beside the one left. */
		if (ladders[i].o == OUTCOME_NOT_FULFILLED && v->r.level == LEVEL_BRANCH)
			html_printf(&r->out, "<p class=\"done\">Done: referred up to %s.</p>",
				    v->r.holder_name ? v->r.holder_name : "the person in charge");
		if (!left) {
			html_printf(&r->out, "<p class=\"done\">%s</p>", ladders[i].ready);
			continue;
		}
		html_printf(&r->out, "<ul class=\"avenues\">");
		for (int a = 0; a < AVENUE__MAX; a++)
			if (left & (1u << a))
				html_printf(&r->out, "<li class=\"todo\">Not yet: %s</li>",
					    avenue_advice((enum avenue)a));
		if (ladders[i].also)
			html_printf(&r->out, "<li class=\"todo\">%s</li>", ladders[i].also);
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out,
		    "<p>“%s” closes it at any time: the customer walked away before an answer. "
		    "“%s” at any time too, and “%s” once the customer accepted an alternative.</p>",
		    request_outcome_label(OUTCOME_CUSTOMER_LEFT),
		    request_outcome_label(OUTCOME_FULFILLED),
		    request_outcome_label(OUTCOME_ALTERNATIVE_ACCEPTED));
}

static void work_forms(struct request *r, const struct request_view *v)
{
	long long id = (long long)v->r.id;
	html_printf(
		&r->out,
		"<div class=\"grid\"><form method=\"post\" action=\"/requests/%lld/alternatives\" "
		"class=\"card\"><h2>Offer an alternative</h2><input type=\"hidden\" name=\"csrf\" "
		"value=\"%s\"><label for=\"akind\">Alternative</label><select id=\"akind\" "
		"name=\"kind\">",
		id, page_csrf(r));
	for (int k = 0; k < ALT_KIND__MAX; k++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    alt_kind_name((enum alt_kind)k), alt_kind_label((enum alt_kind)k));
	html_printf(
		&r->out,
		"</select><label for=\"anote\">Note</label><input id=\"anote\" name=\"note\">"
		"<label for=\"aans\">The customer</label><select id=\"aans\" name=\"accepted\">"
		"<option value=\"\">has not answered yet</option><option value=\"1\">accepts"
		"</option><option value=\"0\">declines</option></select>"
		"<button type=\"submit\" class=\"primary\">Record the offer</button></form>"
		"<form method=\"post\" action=\"/requests/%lld/escalate\" class=\"card\">"
		"<h2>Refer it up (CS-REFER)</h2><p>To the person in charge at the branch, then "
		"Headquarters.</p><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<label for=\"enote\">Note</label><input id=\"enote\" name=\"note\">"
		"<button type=\"submit\" class=\"primary\">Refer</button></form>"
		"<form method=\"post\" action=\"/requests/%lld/close\" class=\"card\">"
		"<h2>Close</h2><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<label for=\"outcome\">Outcome</label><select id=\"outcome\" name=\"outcome\">",
		id, page_csrf(r), id, page_csrf(r));
	for (int o = OUTCOME_NONE + 1; o < OUTCOME__MAX; o++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    request_outcome_name((enum request_outcome)o),
			    request_outcome_label((enum request_outcome)o));
	html_printf(&r->out,
		    "</select><label for=\"cnote\">Note (what the customer said, when they "
		    "declined)</label><input id=\"cnote\" name=\"note\"><button type=\"submit\" "
		    "class=\"primary\">Close the request</button></form></div>");
}

/* A history line's detail: "created" keeps the kind's name (the API's word), and a person
 * reads its label (": Interlibrary loan"); the other details are already words. */
static const char *history_detail(struct request *r, const struct request_history *h)
{
	const char *d = h->detail ? h->detail : "";
	int k = strcmp(h->action, "created") == 0 ? vocab_from_name(&vocab_request_kind, d) : -1;
	if (k >= 0)
		return arena_printf(&r->arena, ": %s", request_kind_label((enum request_kind)k));
	return *d ? arena_printf(&r->arena, " %s", d) : "";
}

/* Who the request is about, linked to their page for those who may read it. */
static void customer_named(struct request *r, const struct request_rec *q)
{
	bool reads = r->svc.actor && role_sees_customers(r->svc.actor->role);
	if (q->customer_name && reads)
		html_printf(&r->out, "<a href=\"/customers/%lld\" id=\"customer\">%s</a>",
			    (long long)q->customer_id, q->customer_name);
	else
		html_printf(&r->out, "<span id=\"customer\">%s</span>",
			    q->customer_name ? q->customer_name : "No customer linked");
}

/* A request nobody is linked to: find the customer and link them (CS-CONFIDENTIAL: only
 * those who may read customer records are offered it). */
static void find_customer_form(struct request *r, const struct request_rec *q)
{
	if (q->customer_id || q->closed || !r->svc.actor ||
	    !role_sees_customers(r->svc.actor->role))
		return;
	html_printf(&r->out,
		    "<form method=\"get\" action=\"/customers\" class=\"card\" role=\"search\">"
		    "<h2>Link the customer</h2><input type=\"hidden\" name=\"request\" "
		    "value=\"%lld\"><label for=\"fq\">Name, card or phone number</label>"
		    "<input id=\"fq\" name=\"q\" required autocomplete=\"off\">"
		    "<button type=\"submit\" class=\"primary\">Find the customer</button></form>",
		    (long long)q->id);
}

/* problem: why the last action was refused, and rule the CS- rule behind it, or NULL. */
static void close_screen(struct request *r, const struct request_view *v, const char *problem,
			 const char *rule)
{
	const struct request_rec *q = &v->r;
	struct branch_names names = {0};
	page_begin(r, "Request");
	html_printf(&r->out, "<p>");
	branch_desk_link(r, &names, q->branch_code);
	html_printf(&r->out,
		    " · <a href=\"/desk/%s/requests\">%s's requests</a> · "
		    "<a href=\"/requests\">My open requests</a></p>",
		    html_url_part(&r->arena, q->branch_code),
		    branch_name_of(r, &names, q->branch_code));
	html_printf(&r->out, "<h1>Request %lld: %s</h1>", (long long)q->id,
		    request_kind_label(q->kind));
	if (problem && rule)
		html_printf(&r->out,
			    "<p class=\"error\" role=\"alert\">%s <a href=\"/handbook?rule="
			    "%s\">What %s says, and why</a></p>",
			    problem, html_url_part(&r->arena, rule), rule);
	else if (problem)
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>", problem);
	html_printf(&r->out, "<section class=\"card\"><p class=\"big\">%s</p><p>",
		    v->text_hidden ? "(confidential reference question)" : q->text);
	customer_named(r, q);
	html_printf(&r->out, " · held by <strong id=\"holder\">%s</strong> · open ",
		    q->level == LEVEL_HEADQUARTERS ? "Headquarters"
		    : q->holder_name		   ? q->holder_name
						   : "—");
	age(r, v->age_s);
	if (q->closed)
		html_printf(&r->out, " · <strong>closed: %s</strong>",
			    request_outcome_label(q->outcome));
	html_printf(&r->out, "</p>");
	alternatives(r, v);
	if (!q->closed)
		avenue_list(r, v);
	html_printf(&r->out, "<h2>History</h2><ol>");
	for (size_t i = 0; i < v->nhistory; i++) {
		html_printf(&r->out, "<li>%s by %s%s — ", v->history[i].action,
			    v->history[i].name ? v->history[i].name : "the system",
			    history_detail(r, &v->history[i]));
		age(r, r->svc.now - v->history[i].at);
		html_printf(&r->out, " ago</li>");
	}
	html_printf(&r->out, "</ol></section>");
	find_customer_form(r, q);
	if (!q->closed)
		work_forms(r, v);
	page_end(r);
}

static int page_request_id(struct request *r, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such request");
	page_error(r, &err);
	return -1;
}

void page_request(struct request *r)
{
	struct fd_error err = {0};
	struct request_view v;
	int64_t id;
	if (page_request_id(r, &id))
		return;
	if (request_get(&r->svc, id, &v, &err))
		page_error(r, &err);
	else
		close_screen(r, &v, NULL, NULL);
}

/* After an action: back to the request; a CS-ALT refusal or a missing field (the note of a
 * customer who declined) shows the screen again with the reason. */
static void after(struct request *r, int64_t id, int rc, const struct fd_error *err)
{
	struct request_view v;
	struct fd_error again = {0};
	if (!rc) {
		req_redirect(r, arena_printf(&r->arena, "/requests/%lld", (long long)id));
	} else if ((err->code == FD_EPOLICY || err->code == FD_EINVAL) &&
		   request_get(&r->svc, id, &v, &again) == 0) {
		close_screen(r, &v, err->message, err->rule);
		r->status = req_status_of(err->code);
	} else {
		page_error(r, err);
	}
}

void page_request_act(struct request *r)
{
	struct fd_error err = {0};
	struct request_view v;
	int64_t id;
	const char *action = r->params[1];
	if (page_request_id(r, &id))
		return;
	int rc;
	struct offer_input offer;
	struct note_input referral;
	struct close_input closing;
	struct link_input link;
	if (strcmp(action, "alternatives") == 0) {
		rc = req_form_input(r, &offer_input_table, &offer, &err) ||
		     request_offer(&r->svc, id, &offer, &v, &err);
	} else if (strcmp(action, "escalate") == 0) {
		rc = req_form_input(r, &note_input_table, &referral, &err) ||
		     request_escalate(&r->svc, id, referral.note, &v, &err);
	} else if (strcmp(action, "close") == 0) {
		rc = req_form_input(r, &close_input_table, &closing, &err) ||
		     request_close(&r->svc, id, &closing, &v, &err);
	} else if (strcmp(action, "customer") == 0) {
		rc = req_form_input(r, &link_input_table, &link, &err) ||
		     request_link_customer(&r->svc, id, &link, &v, &err);
	} else {
		rc = fd_fail(&err, FD_ENOTFOUND, "no such action");
	}
	after(r, id, rc, &err);
}

void page_request_answer(struct request *r)
{
	struct fd_error err = {0};
	struct request_view v;
	int64_t id, alt;
	if (page_request_id(r, &id))
		return;
	if (parse_id(r->params[1], &alt)) {
		fd_fail(&err, FD_ENOTFOUND, "no such alternative");
		page_error(r, &err);
		return;
	}
	struct answer_input in;
	int rc = req_form_input(r, &answer_input_table, &in, &err) ||
		 request_answer(&r->svc, id, alt, in.accepted == 1, &v, &err);
	after(r, id, rc, &err);
}
