/* The branch calendar in the browser: Headquarters keeps the holidays (one at a
 * time, or a pasted .ics file); a branch's manager closes it for a day or sets other hours. */
#include <string.h>

#include "service/calendar.h"
#include "http/handlers.h"
#include "http/page.h"
#include "http/input.h"

static void holidays_card(struct request *r, bool keeper)
{
	struct fd_error err = {0};
	struct calendar_entry *h;
	size_t n = 0;
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"hol\"><h2 id=\"hol\">"
			     "Holidays: every branch closed</h2>");
	if (holiday_list(&r->svc, NULL, NULL, &h, &n, &err)) {
		/* Only the error: "No holidays are set" after it would contradict it. */
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p></section>",
			    req_message(r, &err));
		return;
	}
	if (n == 0)
		html_printf(&r->out, "<p>No holidays are set.</p>");
	else
		/* Markup goes in the format, never as an argument: arguments are escaped. */
		html_printf(
			&r->out,
			keeper ? "<table id=\"holidays\"><thead><tr><th>Date</th><th>Holiday</th>"
				 "<th><span class=\"visually-hidden\">Remove</span></th></tr>"
				 "</thead><tbody>"
			       : "<table id=\"holidays\"><thead><tr><th>Date</th><th>Holiday</th>"
				 "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<tr><td>%s</td><td>%s</td>", h[i].day, h[i].reason);
		if (keeper)
			html_printf(
				&r->out,
				"<td><form method=\"post\" action=\"/calendar/holidays/%s/remove\">"
				"<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button "
				"type=\"submit\" aria-label=\"Remove "
				"%s\">Remove</button></form></td>",
				html_url_part(&r->arena, h[i].day), page_csrf(r), h[i].reason);
		html_printf(&r->out, "</tr>");
	}
	if (n)
		html_printf(&r->out, "</tbody></table>");
	if (keeper)
		html_printf(
			&r->out,
			"<form method=\"post\" action=\"/calendar/holidays\"><input "
			"type=\"hidden\" "
			"name=\"csrf\" value=\"%s\"><label for=\"hdate\">Date</label><input "
			"id=\"hdate\" name=\"date\" type=\"date\" required><label "
			"for=\"hname\">Name"
			"</label><input id=\"hname\" name=\"name\" required "
			"maxlength=\"100\"><button "
			"type=\"submit\" class=\"primary\">Add the holiday</button></form>"
			"<form method=\"post\" action=\"/calendar/holidays/import\"><input "
			"type=\"hidden\" name=\"csrf\" value=\"%s\"><label for=\"ics\">Or paste an "
			"iCalendar (.ics) file: every day of every event becomes a holiday</label>"
			"<textarea id=\"ics\" name=\"ics\" required rows=\"6\"></textarea><button "
			"type=\"submit\">Import</button></form>",
			page_csrf(r), page_csrf(r));
	html_printf(&r->out, "</section>");
}

static void branch_card(struct request *r, const char *code, bool keeper)
{
	struct fd_error err = {0};
	struct branch b;
	struct calendar_day *d;
	size_t n = 0;
	if (calendar_branch(&r->svc, code, NULL, NULL, &b, &d, &n, &err)) {
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>",
			    req_message(r, &err));
		return;
	}
	html_printf(&r->out,
		    "<section class=\"card\" aria-labelledby=\"days\"><h2 id=\"days\">%s: the next "
		    "month</h2><table id=\"days-table\"><thead><tr><th>Date</th><th>Hours</th>"
		    "<th>Why</th></tr></thead><tbody>",
		    b.name);
	for (size_t i = 0; i < n; i++) {
		const struct calendar_day *day = &d[i];
		if (day->kind == DAY_WEEKLY)
			continue; /* the usual hours: only what differs is listed */
		html_printf(&r->out, "<tr><td>%s</td><td>", day->date);
		char opens[HOURS_CLOCK_LEN], closes[HOURS_CLOCK_LEN];
		hours_time_label(day->hours.opens_min, opens);
		hours_time_label(day->hours.closes_min, closes);
		if (day->hours.opens_min < 0)
			html_printf(&r->out, "Closed");
		else
			html_printf(&r->out, "%s – %s", opens, closes);
		html_printf(&r->out, "</td><td>%s", day->reason ? day->reason : day->holiday);
		if (keeper && day->kind != DAY_HOLIDAY)
			html_printf(&r->out,
				    " <form method=\"post\" class=\"inline\" action=\"/calendar/%s/"
				    "days/%s/remove\"><input type=\"hidden\" name=\"csrf\" "
				    "value=\"%s\">"
				    "<button type=\"submit\">Take back</button></form>",
				    html_url_part(&r->arena, b.code),
				    html_url_part(&r->arena, day->date), page_csrf(r));
		html_printf(&r->out, "</td></tr>");
	}
	html_printf(&r->out, "</tbody></table><p>Other days: the usual hours, %s.</p>",
		    page_week_hours(r, b.hours));
	if (keeper)
		html_printf(
			&r->out,
			"<form method=\"post\" action=\"/calendar/%s/days\"><input "
			"type=\"hidden\" name=\"csrf\" value=\"%s\"><label for=\"cdate\">Date"
			"</label><input id=\"cdate\" name=\"date\" type=\"date\" required>"
			"<label for=\"chours\">Open only these hours (empty: closed all day)"
			"</label><input id=\"chours\" name=\"hours\" placeholder=\"10:00-14:00\">"
			"<label for=\"creason\">Why</label><input id=\"creason\" name=\"reason\" "
			"required maxlength=\"200\"><button type=\"submit\" class=\"primary\">Set "
			"the day</button></form>",
			html_url_part(&r->arena, b.code), page_csrf(r));
	html_printf(&r->out, "</section>");
}

void page_calendar(struct request *r)
{
	const char *code = req_query(r, "branch");
	if (!code)
		code = r->actor.branch_code;
	page_begin(r, "Calendar");
	html_printf(&r->out, "<h1>Calendar</h1><div class=\"grid\">");
	holidays_card(r, role_may(r->actor.role, ACTION_HOLIDAYS));
	/* Its forms for whom the one model lets change this branch's days. */
	struct fd_error refused = {0};
	if (code)
		branch_card(r, code,
			    svc_authorize(&r->svc, ACTION_BRANCH_CALENDAR, RECORD_BRANCH, code,
					  &refused) == 0);
	html_printf(&r->out, "</div>");
	page_end(r);
}

/* After a change: back to the calendar, or the error page that names the field. */
static void back(struct request *r, int rc, const struct fd_error *err, const char *code)
{
	if (rc)
		page_error(r, err);
	else
		req_redirect(r, code ? arena_printf(&r->arena, "/calendar?branch=%s",
						    html_url_part(&r->arena, code))
				     : "/calendar");
}

void page_holiday_add(struct request *r)
{
	struct fd_error err = {0};
	struct holiday_input in;
	back(r,
	     req_form_input(r, &holiday_input_table, &in, &err) || holiday_add(&r->svc, &in, &err),
	     &err, NULL);
}

void page_holiday_remove(struct request *r)
{
	struct fd_error err = {0};
	back(r, holiday_remove(&r->svc, r->params[0], &err), &err, NULL);
}

void page_holiday_import(struct request *r)
{
	struct fd_error err = {0};
	struct ics_input in;
	int days;
	back(r,
	     req_form_input(r, &ics_input_table, &in, &err) ||
		     holiday_import(&r->svc, in.ics, strlen(in.ics), &days, &err),
	     &err, NULL);
}

void page_day_set(struct request *r)
{
	struct fd_error err = {0};
	struct closure_input in;
	back(r,
	     req_form_input(r, &closure_input_table, &in, &err) ||
		     closure_set(&r->svc, r->params[0], &in, &err),
	     &err, r->params[0]);
}

void page_day_remove(struct request *r)
{
	struct fd_error err = {0};
	back(r, closure_remove(&r->svc, r->params[0], r->params[1], &err), &err, r->params[0]);
}
