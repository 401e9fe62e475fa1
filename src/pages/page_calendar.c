/* The branch calendar in the browser: a month grid of a branch's days; Headquarters keeps the
 * holidays (one at a time, or an .ics file uploaded or pasted); a branch's manager closes it
 * for a day or sets other hours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"

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
			"<form method=\"post\" action=\"/calendar/holidays/import\" "
			"enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf\" "
			"value=\"%s\"><label for=\"icsfile\">Or import an iCalendar (.ics) file: "
			"every day of every event becomes a holiday</label><input id=\"icsfile\" "
			"name=\"ics\" type=\"file\" accept=\".ics,text/calendar\" required><button "
			"type=\"submit\">Import the file</button></form>"
			"<details><summary>Paste the file's text instead</summary><form "
			"method=\"post\" action=\"/calendar/holidays/import\"><input "
			"type=\"hidden\" name=\"csrf\" value=\"%s\"><label for=\"ics\">The "
			"iCalendar (.ics) text</label><textarea id=\"ics\" name=\"ics\" required "
			"rows=\"6\"></textarea><button type=\"submit\">Import</button></form>"
			"</details>",
			page_csrf(r), page_csrf(r), page_csrf(r));
	html_printf(&r->out, "</section>");
}

static const char *const month_names[12] = {"January",	 "February", "March",	 "April",
					    "May",	 "June",     "July",	 "August",
					    "September", "October",  "November", "December"};
static const char *const weekdays[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					"Thursday", "Friday", "Saturday"};

/* The month shown: ?month=YYYY-MM, else the one today is in at the branch. */
struct month {
	int year, mon;	 /* mon 1-12 */
	int64_t first;	 /* civil day of its 1st */
	int ndays, lead; /* its length; the blank cells before the 1st (weeks start Sunday) */
	char from[11], to[11];
};

static int month_of(const char *text, const char *today, struct month *m, struct fd_error *err)
{
	int day;
	char date[11];
	snprintf(date, sizeof date, "%.7s-01", text ? text : today);
	if (strlen(text ? text : today) < 7 || (text && strlen(text) != 7) ||
	    timefmt_parse_date(date, &m->year, &m->mon, &day))
		return fd_fail_field(err, "month", "the month is a year and a month, as 2027-07");
	m->first = timefmt_days_from_civil(m->year, m->mon, 1);
	m->ndays = (int)(timefmt_days_from_civil(m->year + m->mon / 12, m->mon % 12 + 1, 1) -
			 m->first);
	m->lead = (int)(((m->first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	timefmt_date(m->first, m->from);
	timefmt_date(m->first + m->ndays - 1, m->to);
	return 0;
}

static void month_link(struct request *r, const char *code, int year, int mon, const char *rel)
{
	if (mon < 1)
		year--, mon = 12;
	if (mon > 12)
		year++, mon = 1;
	html_printf(&r->out,
		    "<a rel=\"%s\" href=\"/calendar?branch=%s&amp;month=%04d-%02d\">%s %s %d%s</a>",
		    rel, html_url_part(&r->arena, code), year, mon, *rel == 'p' ? "←" : "",
		    month_names[mon - 1], year, *rel == 'n' ? " →" : "");
}

/* One day's cell: its number, then what differs (a holiday, a closure, other hours) or the
 * usual hours, and for its keeper the form that takes a closure back. */
static void day_cell(struct request *r, const struct branch *b, const struct calendar_day *day,
		     int wday, bool today, bool keeper)
{
	char opens[HOURS_CLOCK_LEN], closes[HOURS_CLOCK_LEN];
	static const char *const kinds[] = {"", " holiday", " closed", " changed"};
	bool closed = day->hours.opens_min < 0;
	html_printf(&r->out, "<td id=\"day-%s\" class=\"%s%s%s\"", day->date, kinds[day->kind],
		    closed ? " shut" : "", today ? " today" : "");
	if (today)
		html_printf(&r->out, " aria-current=\"date\"");
	html_printf(&r->out, "><span class=\"num\"><span class=\"wd\">%s </span>%d</span>",
		    weekdays[wday], atoi(day->date + 8));
	if (day->kind == DAY_HOLIDAY)
		html_printf(&r->out, "<span class=\"what\">%s</span>", day->holiday);
	else if (day->kind != DAY_WEEKLY)
		html_printf(&r->out, "<span class=\"what\">%s</span>", day->reason);
	hours_time_label(day->hours.opens_min, opens);
	hours_time_label(day->hours.closes_min, closes);
	if (closed)
		html_printf(&r->out, "<span class=\"hours\">Closed</span>");
	else
		html_printf(&r->out, "<span class=\"hours\">%s – %s</span>", opens, closes);
	if (keeper && (day->kind == DAY_CLOSED || day->kind == DAY_CHANGED))
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/calendar/%s/days/%s/remove\"><input "
			    "type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\" "
			    "aria-label=\"Take back %s on %s\">Take back</button></form>",
			    html_url_part(&r->arena, b->code), html_url_part(&r->arena, day->date),
			    page_csrf(r), day->reason, page_day(r, day->date));
	html_printf(&r->out, "</td>");
}

/* The month as a grid, a week a row: every day with its hours, holidays and closures in
 * their days. */
static void month_grid(struct request *r, const struct branch *b, const struct month *m,
		       const struct calendar_day *d, const char *today, bool keeper)
{
	html_printf(&r->out, "<nav class=\"month-nav\" aria-label=\"Other months\">");
	month_link(r, b->code, m->year, m->mon - 1, "prev");
	month_link(r, b->code, m->year, m->mon + 1, "next");
	html_printf(&r->out,
		    "</nav><table class=\"month\" id=\"month\"><caption>%s: %s %d"
		    "</caption><thead><tr>",
		    b->name, month_names[m->mon - 1], m->year);
	for (int i = 0; i < 7; i++)
		html_printf(&r->out, "<th scope=\"col\"><abbr title=\"%s\">%.3s</abbr></th>",
			    weekdays[i], weekdays[i]);
	html_printf(&r->out, "</tr></thead><tbody><tr>");
	for (int i = 0; i < m->lead; i++)
		html_printf(&r->out, "<td class=\"outside\"></td>");
	for (int i = 0; i < m->ndays; i++) {
		int wday = (m->lead + i) % 7;
		if (wday == 0 && i)
			html_printf(&r->out, "</tr><tr>");
		day_cell(r, b, &d[i], wday, strcmp(d[i].date, today) == 0, keeper);
	}
	for (int i = (m->lead + m->ndays) % 7; i && i < 7; i++)
		html_printf(&r->out, "<td class=\"outside\"></td>");
	html_printf(&r->out, "</tr></tbody></table>");
}

static void branch_card(struct request *r, const char *code, bool keeper)
{
	struct fd_error err = {0};
	struct branch b;
	struct calendar_day *d;
	struct month m = {.year = 1970, .mon = 1};
	size_t n = 0;
	char today[11];
	/* Today at the branch first: it picks the month shown when none is asked for. */
	if (calendar_branch(&r->svc, code, NULL, NULL, &b, &d, &n, &err) ||
	    month_of(req_query(r, "month"), d[0].date, &m, &err) ||
	    calendar_branch(&r->svc, code, m.from, m.to, &b, &d, &n, &err)) {
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>",
			    req_message(r, &err));
		return;
	}
	timefmt_date(calendar_local_day(&b, r->svc.now), today);
	html_printf(&r->out,
		    "<section class=\"card wide\" aria-labelledby=\"days\"><h2 id=\"days\">%s</h2>",
		    b.name);
	month_grid(r, &b, &m, d, today, keeper);
	html_printf(&r->out, "<p>Usual hours: %s.</p>", page_week_hours(r, b.hours));
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
	int rc = req_form_input(r, &closure_input_table, &in, &err) ||
		 closure_set(&r->svc, r->params[0], &in, &err);
	if (rc)
		page_error(r, &err);
	else /* the month of the day just set, where it shows */
		req_redirect(r, arena_printf(&r->arena, "/calendar?branch=%s&month=%.7s",
					     html_url_part(&r->arena, r->params[0]), in.date));
}

void page_day_remove(struct request *r)
{
	struct fd_error err = {0};
	back(r, closure_remove(&r->svc, r->params[0], r->params[1], &err), &err, r->params[0]);
}
