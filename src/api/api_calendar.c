/* The branch calendar over the JSON API: holidays (with iCalendar import), a branch's
 * closures and changed hours, and its days as the clocks see them. */
#include <strings.h>

#include "service/calendar.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static const char *const kind_names[] = {[DAY_WEEKLY] = "weekly",
					 [DAY_HOLIDAY] = "holiday",
					 [DAY_CLOSED] = "closed",
					 [DAY_CHANGED] = "changed"};

json_t *json_calendar_day(const struct calendar_day *d)
{
	return json_pack("{s:s, s:s, s:b, s:o, s:o, s:s?, s:s?, s:o}", "date", d->date, "kind",
			 kind_names[d->kind], "open", d->hours.opens_min >= 0, "opens",
			 json_clock(d->hours.opens_min), "closes", json_clock(d->hours.closes_min),
			 "holiday", d->holiday, "reason", d->reason, "set_by",
			 json_who(&d->set_by));
}

void api_calendar(struct request *r)
{
	struct fd_error err = {0};
	struct branch b;
	struct calendar_day *days;
	size_t n;
	if (calendar_branch(&r->svc, r->params[0], req_query(r, "from"), req_query(r, "to"), &b,
			    &days, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_calendar_day(&days[i]));
	req_json(r, 200,
		 json_pack("{s:s, s:s, s:o}", "branch", b.code, "time_zone", b.time_zone, "days",
			   list));
}

void api_closure_set(struct request *r)
{
	struct fd_error err = {0};
	struct closure_input in;
	if (req_input(r, &closure_input_table, &in, &err) ||
	    closure_set(&r->svc, r->params[0], &in, &err)) {
		req_error(r, &err);
		return;
	}
	req_json(r, 201,
		 json_pack("{s:s, s:s, s:s?, s:s}", "branch", r->params[0], "date", in.date,
			   "hours", in.hours, "reason", in.reason));
}

void api_closure_delete(struct request *r)
{
	struct fd_error err = {0};
	if (closure_remove(&r->svc, r->params[0], r->params[1], &err))
		req_error(r, &err);
	else
		req_json(r, 200,
			 json_pack("{s:s, s:s}", "branch", r->params[0], "date", r->params[1]));
}

void api_holidays(struct request *r)
{
	struct fd_error err = {0};
	struct calendar_entry *h;
	size_t n;
	if (holiday_list(&r->svc, req_query(r, "from"), req_query(r, "to"), &h, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list,
				      json_pack("{s:s, s:s, s:o}", "date", h[i].day, "name",
						h[i].reason, "added_by", json_who(&h[i].set_by)));
	req_json(r, 200, json_pack("{s:o}", "holidays", list));
}

void api_holiday_add(struct request *r)
{
	struct fd_error err = {0};
	struct holiday_input in;
	if (req_input(r, &holiday_input_table, &in, &err) || holiday_add(&r->svc, &in, &err)) {
		req_error(r, &err);
		return;
	}
	req_json(r, 201, json_pack("{s:s, s:s}", "date", in.date, "name", in.name));
}

void api_holiday_delete(struct request *r)
{
	struct fd_error err = {0};
	if (holiday_remove(&r->svc, r->params[0], &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_pack("{s:s}", "date", r->params[0]));
}

/* The body is the .ics file itself, sent as Content-Type: text/calendar. */
void api_holiday_import(struct request *r)
{
	struct fd_error err = {0};
	const char *type = req_header(r, "Content-Type");
	int days;
	if (!type || strncasecmp(type, "text/calendar", 13) != 0) {
		fd_fail_field(&err, "ics",
			      "send the iCalendar file as Content-Type: text/calendar");
		req_error(r, &err);
		return;
	}
	if (holiday_import(&r->svc, r->body.data ? r->body.data : "", r->body.len, &days, &err)) {
		req_error(r, &err);
		return;
	}
	req_json(r, 200, json_pack("{s:i}", "days", days));
}
