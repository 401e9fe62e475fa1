/* A branch's desk page: the queue and intake (page_queue.c), opening hours, who is in charge
 * now, who is on duty, and clocking on and off. */
#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "service/ban.h"
#include "service/branch.h"
#include "service/duty.h"
#include "service/handover.h"
#include "service/incident.h"
#include "policy/difficult.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/branch_name.h"
#include "pages/hq_phone.h"
#include "pages/page_needs.h"
#include "pages/page_queue.h"

void page_home(struct request *r)
{
	if (!r->authed) {
		req_redirect(r, "/login");
		return;
	}
	const char *code = r->actor.branch_code ? r->actor.branch_code : "HQ";
	req_redirect(r, arena_printf(&r->arena, "/desk/%s", html_url_part(&r->arena, code)));
}

static void branch_nav(struct request *r, const struct branch *all, size_t n, const char *current)
{
	html_printf(&r->out, "<nav class=\"branches\" aria-label=\"Branches\"><ul>");
	for (size_t i = 0; i < n; i++) {
		const char *code = all[i].code;
		html_printf(&r->out, "<li><a href=\"/desk/%s\"", html_url_part(&r->arena, code));
		/* Markup in the format, never as an argument: arguments are escaped. */
		if (strcmp(code, current) == 0)
			html_printf(&r->out, " aria-current=\"page\"");
		html_printf(&r->out, ">%s</a></li>", all[i].name);
	}
	html_printf(&r->out, "</ul></nav>");
}

static void in_charge_panel(struct request *r, const struct in_charge_view *ic)
{
	html_printf(&r->out,
		    "<section class=\"card in-charge level-%s\" aria-labelledby=\"ic\">"
		    "<h2 id=\"ic\">In charge now</h2>",
		    charge_level_name(ic->level));
	if (ic->staff)
		html_printf(&r->out, "<p class=\"big\">%s <span class=\"role\">%s</span></p>",
			    ic->staff->name, role_label(ic->staff->role));
	else
		html_printf(&r->out,
			    "<p class=\"big\">Headquarters</p><p>No permanent staff member "
			    "or substitute is on duty here.</p>");
	if (ic->must_contact_hq) {
		html_printf(&r->out,
			    "<p class=\"warn\" role=\"status\">Contact Headquarters about any "
			    "difficult situation, incident or complaint (CS-DIFFICULT). ");
		hq_phone_write(r);
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out, "</section>");
}

/* The clocking form: on, with the desk one works at (the board sends customers there); off,
 * with a box to tick when customers still wait and nobody else is on duty (the server asks). */
static void duty_form(struct request *r, const char *code, bool me_here, const char *my_desk,
		      bool alone_with_waiting)
{
	const char *url_code = html_url_part(&r->arena, code);
	if (me_here) {
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/desk/%s/duty/on\" class=\"desk-form\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<label for=\"desk\">Your desk (number or name)</label>"
			    "<input id=\"desk\" name=\"desk\" maxlength=\"%d\" size=\"8\" "
			    "value=\"%s\"><button type=\"submit\">%s</button></form>",
			    url_code, page_csrf(r), DUTY_DESK_MAX, my_desk ? my_desk : "",
			    my_desk && my_desk[0] ? "Change desk" : "Set your desk");
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/desk/%s/duty/off\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
			    url_code, page_csrf(r));
		if (alone_with_waiting)
			html_printf(
				&r->out,
				"<p class=\"warn\">Customers are still waiting and nobody else "
				"is on duty.</p><label class=\"check confirm\"><input "
				"type=\"checkbox\" name=\"leave_waiting\" id=\"leave_waiting\" "
				"value=\"1\"> Clock off although customers are waiting</label>");
		html_printf(&r->out, "<button type=\"submit\" class=\"primary\" id=\"clock-off\">"
				     "Clock off</button></form>");
		return;
	}
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/duty/on\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"desk\">Desk you will work at (number or name, optional)</label>"
		    "<input id=\"desk\" name=\"desk\" maxlength=\"%d\" size=\"8\">"
		    "<button type=\"submit\" class=\"primary\" id=\"clock-on\">Clock on here"
		    "</button></form>",
		    url_code, page_csrf(r), DUTY_DESK_MAX);
}

static void duty_panel(struct request *r, const char *code, const char *time_zone,
		       const struct duty *d, size_t n, bool me_here, int waiting)
{
	const char *my_desk = NULL;
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"od\"><h2 id=\"od\">On duty"
			     "</h2>");
	if (n == 0)
		html_printf(&r->out, "<p>Nobody is clocked on.</p>");
	else
		html_printf(&r->out, "<table><thead><tr><th>Name</th><th>Role</th><th>Desk</th>"
				     "<th>Since</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		if (r->authed && d[i].staff.id == r->actor.id)
			my_desk = d[i].staff.duty_desk;
		html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", d[i].staff.name,
			    role_label(d[i].staff.role),
			    d[i].staff.duty_desk ? d[i].staff.duty_desk : "—");
		page_local_time(r, time_zone, d[i].on_at);
		html_printf(&r->out, "</td></tr>");
	}
	if (n)
		html_printf(&r->out, "</tbody></table>");
	duty_form(r, code, me_here, my_desk, me_here && n == 1 && waiting > 0);
	html_printf(&r->out, "</section>");
}

/* CS-INCIDENT: reports not signed by the end of their day, shown at the branch. */
static void overdue_incidents(struct request *r, const char *code)
{
	struct fd_error err = {0};
	struct incident_view *v;
	size_t n;
	if (incident_list(&r->svc, code, true, &v, &n, &err) || n == 0)
		return;
	html_printf(&r->out, "<section class=\"card overdue\" role=\"alert\"><h2>Incident reports "
			     "overdue (CS-INCIDENT)</h2><ul id=\"overdue\">");
	for (size_t i = 0; i < n; i++)
		html_printf(&r->out,
			    "<li>Report %lld: %s, reported by %s — not signed and sent the day "
			    "it happened</li>",
			    (long long)v[i].i.id, incident_category_label(v[i].i.category),
			    v[i].i.reported_by.name ? v[i].i.reported_by.name : "—");
	html_printf(&r->out, "</ul></section>");
}

/* While a building ban is in force anywhere, every branch's desk says so: whom, to those who
 * may see customers; to volunteers and pages only that someone is (CS-CONFIDENTIAL). The
 * box is there empty too, for desk.js to fill when a "ban" event arrives. */
static void ban_alerts(struct request *r, const char *code)
{
	struct fd_error err = {0};
	struct restriction *bans = NULL;
	size_t n = 0, building = 0;
	html_printf(&r->out, "<div id=\"bans\" data-branch=\"%s\">", code);
	if (ban_list_in_force(&r->svc, &bans, &n, &err))
		n = 0; /* the desk works on without the alert; the customer's page still says */
	for (size_t i = 0; i < n; i++)
		building += ban_is_building(&bans[i]);
	if (building)
		html_printf(&r->out, "<section class=\"card ban-alert\" role=\"alert\" "
				     "aria-labelledby=\"bh\"><h2 id=\"bh\">Building ban in force"
				     "</h2>");
	/* CS-CONFIDENTIAL: they may not know whom, so they are told what they can act on. */
	if (building && !svc_sees_customers(&r->svc))
		html_printf(&r->out,
			    "<p>A customer is banned from all library buildings. If they have "
			    "taken a ticket it is flagged in the queue below: do not serve it. If "
			    "you think someone may be them, do not help them alone: <a "
			    "href=\"/desk/%s/complaints\" class=\"button\">Fetch the person in "
			    "charge</a></p>",
			    html_url_part(&r->arena, code));
	else if (building) {
		html_printf(&r->out, "<ul>");
		for (size_t i = 0; i < n; i++)
			if (ban_is_building(&bans[i]))
				html_printf(
					&r->out,
					"<li>Building ban in force: <a href=\"/customers/%lld\">"
					"%s</a> — issued at %s on %s, until %s</li>",
					(long long)bans[i].customer_id, bans[i].customer_name,
					bans[i].branch_name,
					ban_day(&r->svc, &bans[i], bans[i].starts_at),
					bans[i].ends_at
						? ban_day(&r->svc, &bans[i], bans[i].ends_at)
						: "lifted");
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out, building ? "</section></div>" : "</div>");
}

/* The desk's other pages, above its work: where a difficult case, an incident report or a
 * request is taken, and the public board. */
static void desk_links(struct request *r, const char *code, bool works_here)
{
	const char *url_code = html_url_part(&r->arena, code);
	if (!works_here)
		html_printf(
			&r->out,
			"<p class=\"warn\">This is another branch's desk: clock on here to work "
			"it. <a href=\"/board/%s\">Public board</a></p>",
			url_code);
	/* CS-DIFFICULT: volunteers and pages have one action for a difficult case. */
	else if (r->authed && !difficult_role_may_ever(r->actor.role))
		html_printf(&r->out,
			    "<p class=\"links\"><a href=\"/desk/%s/complaints\" "
			    "class=\"button\">Fetch the person in charge</a> (a complaint, a "
			    "difficult customer, an accident or any incident) · "
			    "<a href=\"/desk/%s/requests\">Requests</a> · "
			    "<a href=\"/board/%s\">Public board</a></p>",
			    url_code, url_code, url_code);
	else
		html_printf(&r->out,
			    "<p class=\"links\"><a href=\"/desk/%s/complaints\">Complaint or "
			    "difficult situation</a> · <a href=\"/desk/%s/incidents\">Incident "
			    "reports</a> · <a href=\"/desk/%s/requests\">Requests</a> · "
			    "<a href=\"/board/%s\">Public board</a></p>",
			    url_code, url_code, url_code, url_code);
}

void page_desk(struct request *r)
{
	struct fd_error err = {0};
	struct branch_view b;
	struct branch *all;
	struct in_charge_view ic;
	struct duty *d, mine;
	size_t n, nall;
	bool on;
	const char *code = r->params[0];
	if (branch_get(&r->svc, code, &b, &err) || branch_rows(&r->svc, &all, &nall, &err) ||
	    duty_list(&r->svc, code, &d, &n, &err) || duty_in_charge(&r->svc, code, &ic, &err) ||
	    duty_mine(&r->svc, &mine, &on, &err)) {
		page_error(r, &err);
		return;
	}
	/* Gathered once for the panel below and the header's badge (in the request's arena:
	 * r->needs lives as long as the request). */
	struct needs *nd = arena_alloc(&r->arena, sizeof *nd);
	struct fd_error nerr = {0};
	bool needs_known = needs_mine(&r->svc, nd, &nerr) == 0;
	if (needs_known)
		r->needs = nd;
	page_begin(r, b.branch.name);
	branch_nav(r, all, nall, code);
	html_printf(&r->out, "<h1>%s</h1><p class=\"hours\">%s · <span class=\"%s\">%s</span>",
		    b.branch.name, page_week_hours(r, b.branch.hours),
		    b.open_now ? "open" : "closed", b.open_now ? "Open now" : "Closed now");
	/* The calendar's word on today, and when a closed branch opens again. */
	if (b.today.holiday || b.today.reason)
		html_printf(&r->out, " · today: %s",
			    b.today.reason ? b.today.reason : b.today.holiday);
	if (!b.open_now && b.opens_next)
		html_printf(&r->out, " · opens again %s",
			    calendar_when(&r->svc, &b.branch, b.opens_next));
	html_printf(&r->out, "</p>");
	/* CS-SCOPE: another branch's desk shows who is in charge and on duty, and the way to
	 * clock on there; its work, to those who work there. */
	struct fd_error elsewhere = {0};
	bool works_here =
		svc_authorize(&r->svc, ACTION_QUEUE_WORK, RECORD_BRANCH, code, &elsewhere) == 0;
	desk_links(r, code, works_here);
	ban_alerts(r, code);
	if (needs_known)
		needs_panel(r, nd, false, code); /* handovers too, with their notes */
	bool here = on && strcmp(mine.branch_code, code) == 0;
	if (works_here)
		overdue_incidents(r, code);
	int waiting = 0;
	if (here && desk_work_panels(r, &b, &waiting, &err)) {
		page_error(r, &err);
		return;
	}
	html_printf(&r->out, "<div class=\"grid\">");
	in_charge_panel(r, &ic);
	duty_panel(r, code, b.branch.time_zone, d, n, here, waiting);
	html_printf(&r->out, "</div>");
	page_end(r);
}

void page_duty_on(struct request *r)
{
	struct fd_error err = {0};
	struct duty d;
	struct duty_on_input in = {0};
	if (req_form_input(r, &duty_desk_table, &in, &err) ||
	    duty_on(&r->svc, r->params[0], NULL, in.desk, &d, &err))
		page_error(r, &err);
	else
		page_redirect_desk(r, r->params[0]);
}

/* Before going off duty while holding work: the list, whom it goes to, and a note. */
static void handover_form(struct request *r, const struct held *h, bool leave_waiting,
			  const struct fd_error *err)
{
	const char *code = r->params[0];
	r->status = req_status_of(err->code); /* refused, for want of the note */
	page_begin(r, "Before you clock off");
	html_printf(&r->out,
		    "<h1>Before you clock off</h1><p class=\"error\" role=\"alert\">%s</p>"
		    "<section class=\"card\" aria-labelledby=\"hl\"><h2 id=\"hl\">You hold</h2>"
		    "<ul id=\"held\">",
		    req_message(r, err));
	for (size_t i = 0; i < h->nrequests; i++)
		html_printf(&r->out, "<li><a href=\"/requests/%lld\">Request %lld</a> (%s)</li>",
			    (long long)h->requests[i].id, (long long)h->requests[i].id,
			    request_kind_label(h->requests[i].kind));
	for (size_t i = 0; i < h->ncallbacks; i++)
		html_printf(&r->out, "<li>Callback%s%s, ticket P%d</li>",
			    h->callbacks[i].callback_phone ? " to " : " promised",
			    h->callbacks[i].callback_phone ? h->callbacks[i].callback_phone : "",
			    h->callbacks[i].ticket);
	for (size_t i = 0; i < h->nincidents; i++)
		html_printf(&r->out,
			    "<li><a href=\"/incidents/%lld\">Unsigned incident report %lld</a>"
			    " (%s)</li>",
			    (long long)h->incidents[i].id, (long long)h->incidents[i].id,
			    incident_category_label(h->incidents[i].category));
	html_printf(&r->out,
		    "</ul></section><form method=\"post\" action=\"/desk/%s/duty/off\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    html_url_part(&r->arena, code), page_csrf(r));
	/* Already confirmed on the desk: customers wait, and they go all the same. */
	if (leave_waiting)
		html_printf(&r->out, "<input type=\"hidden\" name=\"leave_waiting\" value=\"1\">");
	html_printf(&r->out,
		    "<label for=\"note\">Handover note for %s</label>"
		    "<textarea id=\"note\" name=\"note\" required maxlength=\"500\"></textarea>"
		    "<button type=\"submit\" class=\"primary\">Hand over and clock off</button> "
		    "<a href=\"/desk/%s\">Stay on duty</a></form>",
		    h->to.staff ? h->to.staff->name : "Headquarters",
		    html_url_part(&r->arena, code));
	page_end(r);
}

void page_duty_off(struct request *r)
{
	struct fd_error err = {0};
	struct staff st;
	struct held h;
	struct duty_off_input in;
	int rc = req_form_input(r, &duty_off_table, &in, &err);
	/* The desk's form clocks off the person using it. */
	if (!rc && !duty_off(&r->svc, NULL, in.note, in.leave_waiting, &st, &h, &err))
		page_redirect_desk(r, r->params[0]);
	else if (!rc && held_anything(&h))
		handover_form(r, &h, in.leave_waiting, &err);
	else
		page_error(r, &err);
}
