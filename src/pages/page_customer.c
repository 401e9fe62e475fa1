/* Finding a customer (by name, card or phone, without JS; web/desk.js suggests as one
 * types), registering one nobody found, and the customer's page: what the desk may know now,
 * and for branch managers and Headquarters their history and who read their record. */
#include <string.h>

#include "service/ban.h"
#include "service/catalogue.h"
#include "service/customer.h"
#include "service/customer_link.h"
#include "service/customer_search.h"
#include "service/incident.h"
#include "service/request.h"
#include "service/restriction.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/branch_name.h"
#include "pages/catalogue_panel.h"

static const char *reader_zone(struct request *r, struct branch_names *names);
static const char *reader_branch(struct request *r);

static bool actor_may(const struct request *r, enum action a)
{
	return r->svc.actor && role_may(r->svc.actor->role, a);
}

/* The request a search was started from (?request=ID), 0 for none. */
static int64_t from_request(struct request *r)
{
	int64_t id = 0;
	const char *q = req_query(r, "request");
	return q && parse_id(q, &id) == 0 ? id : 0;
}

static void search_form(struct request *r, const char *q, int64_t request_id)
{
	html_printf(&r->out,
		    "<form method=\"get\" action=\"/customers\" class=\"card search\" "
		    "role=\"search\"><label for=\"q\">Name, card or phone number</label>"
		    "<input id=\"q\" name=\"q\" value=\"%s\" autocomplete=\"off\" "
		    "data-suggest=\"customers\" aria-describedby=\"qhint\" "
		    "aria-controls=\"suggestions\" required maxlength=\"%d\">"
		    "<p id=\"qhint\" class=\"hint\">For example “Ann Sm”, the start of a card, "
		    "or the last digits of a phone number.</p>",
		    q ? q : "", CUSTOMER_QUERY_MAX);
	if (request_id)
		html_printf(&r->out, "<input type=\"hidden\" name=\"request\" value=\"%lld\">",
			    (long long)request_id);
	html_printf(&r->out,
		    "<button type=\"submit\" class=\"primary\">Find</button>"
		    "<ul id=\"suggestions\" class=\"suggestions\" aria-live=\"polite\" "
		    "data-request=\"%lld\"></ul></form>",
		    (long long)request_id);
}

/* The request a search came from, when a customer may still be linked to it (open, nobody
 * linked yet), else 0: a linked request offers no second "Link". */
static int64_t linkable(struct request *r, int64_t request_id)
{
	struct fd_error err = {0};
	struct request_view v;
	if (!request_id || request_get(&r->svc, request_id, &v, &err))
		return 0;
	return v.r.customer_id || v.r.closed ? 0 : request_id;
}

/* A found customer can be linked to the request the search came from in one click. */
static void link_button(struct request *r, const struct customer *c, int64_t request_id)
{
	if (!request_id)
		return;
	html_printf(&r->out,
		    " <form method=\"post\" class=\"inline\" action=\"/requests/%lld/customer\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" "
		    "name=\"customer_card\" value=\"%s\"><button type=\"submit\">Link %s to "
		    "request %lld</button></form>",
		    (long long)request_id, page_csrf(r), c->card, c->name, (long long)request_id);
}

/* Quick registration, filled in from what was searched: digits are a card (or a phone
 * number, when punctuated like one), anything else a name; named: the name the catalogue
 * gives the card searched for (NULL: none). */
static void register_form(struct request *r, const char *q, const char *named, int64_t request_id)
{
	bool digits = q && q[strspn(q, "0123456789")] == '\0';
	bool phone = q && !digits && q[strspn(q, "0123456789 -().+")] == '\0';
	html_printf(&r->out,
		    "<section class=\"card\" aria-labelledby=\"rh\"><h2 id=\"rh\">Register a new "
		    "customer</h2><form method=\"post\" action=\"/customers%s\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"rname\">Name</label><input id=\"rname\" name=\"name\" "
		    "value=\"%s\" required maxlength=\"100\" autocomplete=\"off\">"
		    "<label for=\"rcard\">Card number</label><input id=\"rcard\" name=\"card\" "
		    "value=\"%s\" required inputmode=\"numeric\" autocomplete=\"off\">"
		    "<label for=\"rphone\">Phone (optional)</label><input id=\"rphone\" "
		    "name=\"phone\" type=\"tel\" value=\"%s\" autocomplete=\"off\">"
		    "<button type=\"submit\" class=\"primary\">Register</button></form></section>",
		    request_id ? arena_printf(&r->arena, "?request=%lld", (long long)request_id)
			       : "",
		    page_csrf(r),
		    named		     ? named
		    : q && !digits && !phone ? q
					     : "",
		    digits || named ? q : "", phone && !named ? q : "");
}

static void results(struct request *r, const char *q, const struct customer *c, size_t n,
		    const struct customer_bans *bans, int64_t request_id)
{
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"fh\"><h2 id=\"fh\">%s</h2>",
		    n ? page_count(r, (long long)n, "customer found", "customers found")
		      : "Nobody found");
	if (n == 0)
		html_printf(
			&r->out,
			"<p>No customer’s name, card or phone in frontdesk matches “%s”.%s</p>", q,
			catalogue_configured(&r->svc) &&
					customer_check_card("card", q, &(struct fd_error){0}) == 0
				? " The library catalogue’s answer for that card is below."
				: " Check the spelling, or register them below.");
	else
		html_printf(&r->out, "<ul class=\"found\">");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<li><a href=\"/customers/%lld\">%s</a> · card %s%s%s",
			    (long long)c[i].id, c[i].name, c[i].card, *c[i].phone ? " · " : "",
			    c[i].phone);
		const struct restriction *ban = ban_of_customer(bans->list, bans->n, c[i].id);
		if (ban)
			html_printf(&r->out, " <strong class=\"flag ban\">%s</strong>",
				    ban_notice(&r->svc, ban));
		link_button(r, &c[i], request_id);
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, n ? "</ul></section>" : "</section>");
	/* A card frontdesk does not know may be the catalogue's: shown, and registered with the
	 * catalogue's name in one click rather than typed. */
	const char *named = NULL;
	struct fd_error ignored = {0};
	if (n == 0 && customer_check_card("card", q, &ignored) == 0)
		catalogue_panel(r, q, reader_zone(r, &(struct branch_names){0}), reader_branch(r),
				&named);
	if (n == 0 && actor_may(r, ACTION_CUSTOMER_CREATE))
		register_form(r, q, named, request_id);
}

void page_customers(struct request *r)
{
	struct fd_error err = {0};
	const char *q = req_query(r, "q");
	int64_t request_id = from_request(r);
	struct customer *c = NULL;
	struct customer_bans bans = {0};
	size_t n = 0;
	bool searched = q && q[strspn(q, " \t")];
	if (searched && customer_search(&r->svc, q, &c, &n, &bans, &err)) {
		page_error(r, &err);
		return;
	}
	int64_t link_to = linkable(r, request_id);
	page_begin(r, "Find a customer");
	if (request_id)
		html_printf(&r->out, "<p><a href=\"/requests/%lld\">Back to request %lld</a></p>",
			    (long long)request_id, (long long)request_id);
	html_printf(&r->out, "<h1>Find a customer</h1>");
	if (request_id && !link_to)
		html_printf(&r->out,
			    "<p class=\"hint\">Request %lld already has its customer, or "
			    "is closed: nobody more can be linked to it.</p>",
			    (long long)request_id);
	search_form(r, q, link_to);
	if (searched)
		results(r, q, c, n, &bans, link_to);
	page_end(r);
}

void page_customer_add(struct request *r)
{
	struct fd_error err = {0};
	struct customer in = {0}, out;
	int64_t request_id = from_request(r);
	if (req_form_input(r, &customer_input_table, &in, &err) ||
	    customer_add(&r->svc, &in, &out, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, request_id ? arena_printf(&r->arena, "/customers/%lld?request=%lld",
						  (long long)out.id, (long long)request_id)
				   : arena_printf(&r->arena, "/customers/%lld", (long long)out.id));
}

/* The zone a reader's dates are shown in: their branch's, else the first branch's. */
static const char *reader_zone(struct request *r, struct branch_names *names)
{
	const char *home = r->svc.actor ? r->svc.actor->branch_code : NULL;
	branch_name_of(r, names, home ? home : "");
	for (size_t i = 0; i < names->n; i++)
		if (home && strcmp(names->all[i].code, home) == 0)
			return names->all[i].time_zone;
	return names->n ? names->all[0].time_zone : "UTC";
}

/* The branch a reader is at: where they are on duty, else their home branch (NULL: none). */
static const char *reader_branch(struct request *r)
{
	const struct staff *me = r->svc.actor;
	if (!me)
		return NULL;
	return me->duty_branch_code ? me->duty_branch_code : me->branch_code;
}

/* The incident report a ban was issued against (CS-INCIDENT), linked for whom may open it:
 * those who read reports at its branch (the issuing one), not at every branch. */
static void incident_link(struct request *r, const struct restriction *x)
{
	struct fd_error err = {0};
	if (!x->incident_id)
		return;
	if (svc_may_at(&r->svc, ACTION_DIFFICULT_READ, x->branch_id, &err) == 0)
		html_printf(&r->out, " <a href=\"/incidents/%lld\">Incident report %lld</a>.",
			    (long long)x->incident_id, (long long)x->incident_id);
	else
		html_printf(&r->out, " Incident report %lld.", (long long)x->incident_id);
}

/* "Building ban issued until Dec 7": the polite status line after issuing (?issued=ID). */
static void issued_line(struct request *r, const struct restriction_view *v, size_t n)
{
	int64_t id = 0;
	const char *q = req_query(r, "issued");
	if (!q || parse_id(q, &id))
		return;
	for (size_t i = 0; i < n; i++)
		if (v[i].r.id == id)
			html_printf(
				&r->out, "<p class=\"said\" role=\"status\">%s issued %s%s.</p>",
				ban_label(v[i].r.scope), v[i].r.ends_at ? "until " : "until lifted",
				v[i].r.ends_at ? ban_day(&r->svc, &v[i].r, v[i].r.ends_at) : "");
}

static void restrictions_in_force(struct request *r, const struct restriction_view *v, size_t n,
				  struct branch_names *names, const char *tz)
{
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"ah\"><h2 id=\"ah\">"
			     "Restrictions in force</h2>");
	if (n == 0)
		html_printf(&r->out, "<p>None on using the building or its computers: serve as "
				     "anyone else.</p>");
	for (size_t i = 0; i < n; i++) {
		const struct restriction *x = &v[i].r;
		/* Wherever it was issued, with that branch's name and days (service/ban.c). */
		html_printf(&r->out,
			    "<p class=\"flag ban\"><strong>%s</strong> issued at %s on %s, "
			    "until %s. %s",
			    ban_label(x->scope), branch_name_of(r, names, x->branch_code),
			    ban_day(&r->svc, x, x->starts_at),
			    x->ends_at ? ban_day(&r->svc, x, x->ends_at) : "lifted", x->reason);
		incident_link(r, x);
		if (ban_is_building(x))
			html_printf(&r->out,
				    " <a href=\"/restrictions/%lld/letter.pdf\">Print the trespass "
				    "letter</a>",
				    (long long)x->id);
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out, "</section>");
}

/* "one week", "one month": a schedule's length in words. */
static const char *length_words(struct request *r, int64_t length_s)
{
	int64_t days = length_s / 86400;
	if (!length_s)
		return "until lifted";
	if (days == 7 || days == 30 || days == 365)
		return days == 7 ? "one week" : days == 30 ? "one month" : "one year";
	return page_count(r, (long long)days, "day", "days");
}

/* How long each kind of ban lasts by default for this customer (the graduated schedule and
 * their earlier bans), so the manager knows before choosing another last day. */
static void ban_length(struct request *r, const struct customer *c)
{
	static const char *const nth[] = {"first", "second", "third", "fourth", "fifth"};
	struct fd_error err = {0};
	struct restriction_default d[RESTRICT__MAX];
	if (restriction_defaults(&r->svc, c->card, d, &err))
		return;
	html_printf(&r->out, "<p class=\"hint\" id=\"length-hint\">Unless you choose its last "
			     "day:");
	for (int k = 0; k < RESTRICT__MAX; k++) {
		const char *scope = restriction_scope_name((enum restriction_scope)k);
		html_printf(&r->out, " %s, <strong>%s</strong> (", ban_label(scope),
			    length_words(r, d[k].length_s));
		if (d[k].earlier < (int)(sizeof nth / sizeof nth[0]))
			html_printf(&r->out, "their %s)%s", nth[d[k].earlier],
				    k + 1 < RESTRICT__MAX ? ";" : ".");
		else
			html_printf(&r->out, "after %d earlier)%s", d[k].earlier,
				    k + 1 < RESTRICT__MAX ? ";" : ".");
	}
	html_printf(&r->out, "</p>");
}

/* Issuing a ban, for whom may (the branch's managers and HQ; the service checks the branch).
 * A computer-use or building ban cites the incident report opened for it (CS-INCIDENT). */
#define BAN_REPORTS_SHOWN 20 /* the latest, newest first: a ban follows its incident soon */

/* The reports a ban may be issued against: the latest the reader may issue a ban at (her
 * branch's; every branch's for Headquarters), by number, kind, day and branch. */
static void incident_choices(struct request *r, const char *desk, const char *tz)
{
	struct fd_error err = {0};
	struct incident_view *v = NULL;
	size_t n = 0, shown = 0;
	if (incident_list(&r->svc, NULL, false, &v, &n, &err))
		n = 0;
	html_printf(&r->out,
		    "<label for=\"incident\">The incident report it is issued against</label>"
		    "<select id=\"incident\" name=\"incident\" aria-describedby=\"incident-hint\">"
		    "<option value=\"\">Choose…</option>");
	for (size_t k = 0; k < n && shown < BAN_REPORTS_SHOWN; k++) {
		const struct incident *i = &v[k].i;
		struct fd_error ignored = {0};
		if (svc_may_at(&r->svc, ACTION_RESTRICT, i->branch_id, &ignored))
			continue;
		html_printf(&r->out, "<option value=\"%lld\">Report %lld: %s, %s, %s</option>",
			    (long long)i->id, (long long)i->id,
			    incident_category_label(i->category),
			    page_local_day(r, tz, i->occurred_at), i->branch_name);
		shown++;
	}
	html_printf(&r->out,
		    "</select><p class=\"hint\" id=\"incident-hint\">A computer-use or building "
		    "ban is an incident: choose its report. No report yet? ");
	if (desk)
		html_printf(&r->out,
			    "<a href=\"/desk/%s/incidents\">Begin one</a>, then come back.",
			    html_url_part(&r->arena, desk));
	else
		html_printf(&r->out, "Begin one from the branch's desk, then come back.");
	html_printf(&r->out, " The ban shows at every branch.</p>");
}

static void ban_form(struct request *r, const struct customer *c, const char *desk, const char *tz)
{
	if (!actor_may(r, ACTION_RESTRICT))
		return;
	html_printf(&r->out,
		    "<section class=\"card\" aria-labelledby=\"bf\"><h2 id=\"bf\">Issue a ban"
		    "</h2><form method=\"post\" action=\"/customers/%lld/restrictions\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"scope\">What it covers</label><select id=\"scope\" "
		    "name=\"scope\">",
		    (long long)c->id, page_csrf(r));
	for (int k = 0; k < RESTRICT__MAX; k++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    restriction_scope_name((enum restriction_scope)k),
			    ban_label(restriction_scope_name((enum restriction_scope)k)));
	html_printf(&r->out, "</select><label for=\"reason\">Reason</label><textarea id=\"reason\" "
			     "name=\"reason\" required maxlength=\"2000\"></textarea>");
	incident_choices(r, desk, tz);
	ban_length(r, c);
	html_printf(&r->out,
		    "<label for=\"until_date\">Last day of the ban (optional)</label><input "
		    "type=\"date\" id=\"until_date\" name=\"until_date\" "
		    "aria-describedby=\"length-hint\"><label class=\"check\"><input "
		    "type=\"checkbox\" name=\"indefinite\" value=\"true\"> Until lifted</label>"
		    "<button type=\"submit\" class=\"primary\">Issue the ban</button></form>"
		    "</section>");
}

void page_restriction_add(struct request *r)
{
	struct fd_error err = {0};
	struct customer c;
	struct restriction_input in = {0};
	struct restriction_view out;
	int64_t id;
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such customer");
		page_error(r, &err);
		return;
	}
	if (req_form_input(r, &restriction_input_table, &in, &err) ||
	    customer_get_id(&r->svc, id, &c, NULL, NULL, &err) ||
	    restriction_add(&r->svc, c.card, &in, &out, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/customers/%lld?issued=%lld", (long long)id,
				     (long long)out.r.id));
}

/* CS-NOBIAS: past encounters are for branch managers and Headquarters only. */
static void history(struct request *r, const char *card, struct branch_names *names, const char *tz)
{
	struct fd_error err = {0};
	struct customer_history h;
	if (!actor_may(r, ACTION_CUSTOMER_HISTORY) || restriction_history(&r->svc, card, &h, &err))
		return;
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"hh\"><h2 id=\"hh\">"
			     "History</h2><h3>Visits</h3>");
	if (h.nvisits == 0)
		html_printf(&r->out, "<p>None on record.</p>");
	for (size_t i = 0; i < h.nvisits; i++) {
		html_printf(&r->out, "<p>%s at %s, ", channel_label(h.visits[i].channel),
			    branch_name_of(r, names, h.visits[i].branch_code));
		page_local_day_time(r, tz, h.visits[i].arrived_at);
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out, "<h3>Requests</h3>");
	if (h.nrequests == 0)
		html_printf(&r->out, "<p>None.</p>");
	for (size_t i = 0; i < h.nrequests; i++) {
		const struct request_rec *q = &h.requests[i];
		html_printf(&r->out, "<p><a href=\"/requests/%lld\">Request %lld: %s</a> at %s, ",
			    (long long)q->id, (long long)q->id, request_kind_label(q->kind),
			    branch_name_of(r, names, q->branch_code));
		page_local_day_time(r, tz, q->created_at);
		html_printf(&r->out, "%s</p>", q->closed ? " (closed)" : "");
	}
	html_printf(&r->out, "<h3>Complaints</h3>");
	if (h.ncomplaints == 0)
		html_printf(&r->out, "<p>None.</p>");
	for (size_t i = 0; i < h.ncomplaints; i++) {
		const struct complaint *k = &h.complaints[i];
		html_printf(&r->out, "<p><a href=\"/complaints/%lld\">Complaint %lld</a> at %s, ",
			    (long long)k->id, (long long)k->id,
			    branch_name_of(r, names, k->branch_code));
		page_local_day_time(r, tz, k->taken_at);
		html_printf(&r->out, "%s</p>", k->resolved_at ? " (resolved)" : "");
	}
	html_printf(&r->out, "<h3>Restrictions, past and present</h3>");
	if (h.nrestrictions == 0)
		html_printf(&r->out, "<p>None.</p>");
	for (size_t i = 0; i < h.nrestrictions; i++) {
		const struct restriction *x = &h.restrictions[i].r;
		html_printf(&r->out, "<p><strong>%s</strong>: %s Issued ", ban_label(x->scope),
			    x->reason);
		page_local_day_time(r, tz, x->starts_at);
		html_printf(&r->out, "%s.", h.restrictions[i].active ? " (in force)" : "");
		incident_link(r, x);
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out, "</section>");
}

/* An audit entry's action as a sentence's verb ("linked to a request"). */
static const char *audit_action(const char *action)
{
	static const char *const words[][2] = {
		{"create", "registered them"},
		{"read", "opened this page"},
		{"history", "read their history"},
		{"request", "linked them to a request"},
		{"visit", "linked them to a visit"},
		{"complaint", "linked them to a complaint"},
		{"restrict", "issued them a ban"},
		{"catalogue", "looked up their account in the catalogue"},
		{"create from the catalogue", "registered them from the catalogue"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(action, words[i][0]) == 0)
			return words[i][1];
	return action; /* already words: "found by search", "read via request 12" */
}

/* CS-CONFIDENTIAL: who read or changed this record, and when. */
static void audit_trail(struct request *r, const char *card, const char *tz)
{
	struct fd_error err = {0};
	struct audit_entry *e;
	size_t n;
	if (!actor_may(r, ACTION_AUDIT_READ) || customer_audit(&r->svc, card, &e, &n, &err))
		return;
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"th\"><h2 id=\"th\">Who "
			     "read this record</h2><table><thead><tr><th>When</th><th>Who</th>"
			     "<th>What</th></tr></thead><tbody>");
	for (size_t i = n; i-- > 0;) {
		html_printf(&r->out, "<tr><td>");
		page_local_day_time(r, tz, e[i].at);
		html_printf(&r->out, "</td><td>%s</td><td>%s</td></tr>",
			    e[i].name ? e[i].name : "the system", audit_action(e[i].action));
	}
	html_printf(&r->out, "</tbody></table></section>");
}

void page_customer(struct request *r)
{
	struct fd_error err = {0};
	struct customer c;
	struct restriction_view *active = NULL;
	size_t nactive = 0;
	int64_t id, request_id = from_request(r);
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such customer");
		page_error(r, &err);
		return;
	}
	if (customer_get_id(&r->svc, id, &c, &active, &nactive, &err)) {
		page_error(r, &err);
		return;
	}
	struct branch_names names = {0};
	const char *tz = reader_zone(r, &names);
	/* A customer belongs to no branch: the way back is to the reader's own desk. */
	const char *desk = r->svc.actor ? r->svc.actor->duty_branch_code : NULL;
	if (!desk && r->svc.actor)
		desk = r->svc.actor->branch_code;
	page_begin(r, c.name);
	html_printf(&r->out, "<p>");
	if (desk) {
		branch_desk_link(r, &names, desk);
		html_printf(&r->out, " · ");
	}
	html_printf(&r->out,
		    "<a href=\"/customers\">Find a customer</a></p><h1>%s</h1>"
		    "<section class=\"card\"><dl class=\"facts\"><dt>Card</dt><dd>%s</dd>"
		    "<dt>Phone</dt><dd>%s</dd><dt>Email</dt><dd>%s</dd>"
		    "<dt>Registered</dt><dd>",
		    c.name, c.card, *c.phone ? c.phone : "none given",
		    *c.email ? c.email : "none given");
	if (c.registered_at)
		page_local_day_time(r, tz, c.registered_at);
	else /* registered from the catalogue: when is the catalogue's to say */
		html_printf(&r->out, "with the library (in its catalogue)");
	html_printf(&r->out, "</dd></dl>");
	link_button(r, &c, linkable(r, request_id));
	html_printf(&r->out, "</section>");
	catalogue_panel(r, c.card, tz, reader_branch(r), NULL);
	issued_line(r, active, nactive);
	restrictions_in_force(r, active, nactive, &names, tz);
	ban_form(r, &c, desk, tz);
	history(r, c.card, &names, tz);
	audit_trail(r, c.card, tz);
	page_end(r);
}
