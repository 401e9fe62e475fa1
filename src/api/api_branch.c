/* Branches, duty and who is in charge, over the JSON API. */
#include <stdio.h>

#include "service/branch.h"
#include "service/duty.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_hours(const struct week_hours *h)
{
	json_t *o = json_object();
	static const int order[7] = {1, 2, 3, 4, 5, 6, 0};
	for (int i = 0; i < 7; i++) {
		int d = order[i];
		json_object_set_new(o, hours_day_name(d),
				    h->day[d].opens_min < 0
					    ? json_null()
					    : json_pack("{s:o, s:o}", "opens",
							json_clock(h->day[d].opens_min), "closes",
							json_clock(h->day[d].closes_min)));
	}
	return o;
}

static json_t *json_branch(const struct branch_view *v)
{
	const struct branch *b = &v->branch;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:i, s:o, s:s, s:b, s:o, s:o}",
			 "id", (json_int_t)b->id, "code", b->code, "name", b->name, "time_zone",
			 b->time_zone, "phone", b->phone, "address", b->address ? b->address : "",
			 "headquarters", b->headquarters, "ack_target_s", b->ack_target_s,
			 "no_show_after_s", b->no_show_after_s, "hours", json_hours(&v->hours),
			 "hours_text", b->hours, "open_now", v->open_now, "opens_next",
			 json_time(v->opens_next), "today", json_calendar_day(&v->today));
}

void api_branches(struct request *r)
{
	struct fd_error err = {0};
	struct branch_view *v;
	size_t n;
	if (branch_list(&r->svc, &v, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_branch(&v[i]));
	req_json(r, 200, json_pack("{s:o}", "branches", list));
}

void api_branch(struct request *r)
{
	struct fd_error err = {0};
	struct branch_view v;
	if (branch_get(&r->svc, r->params[0], &v, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_branch(&v));
}

void api_branch_add(struct request *r)
{
	struct fd_error err = {0};
	struct branch_view out;
	struct branch in = {0};
	if (req_input(r, &branch_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (branch_add(&r->svc, &in, &out, &err))
		req_error(r, &err);
	else
		req_created(r, arena_printf(&r->arena, "/api/v1/branches/%s", out.branch.code),
			    json_branch(&out));
}

void api_branch_patch(struct request *r)
{
	struct fd_error err = {0};
	struct branch_view out;
	struct branch in = {0};
	const char *changed;
	if (req_input(r, &branch_change_table, &in, &err) ||
	    branch_update(&r->svc, r->params[0], &in, &out, &changed, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_branch(&out));
}

static json_t *json_duty(const struct duty *d)
{
	json_t *j = json_person(&d->staff);
	json_object_set_new(j, "branch", json_string(d->branch_code));
	json_object_set_new(j, "since", json_time(d->on_at));
	json_object_set_new(j, "desk",
			    d->staff.duty_desk ? json_string(d->staff.duty_desk) : json_null());
	return j;
}

void api_duty_on(struct request *r)
{
	struct fd_error err = {0};
	struct duty_on_input in;
	struct duty d;
	if (req_input(r, &duty_on_table, &in, &err) ||
	    duty_on(&r->svc, in.branch, in.login, in.desk, &d, &err)) {
		if (err.code == FD_ENOTFOUND && !err.field[0])
			snprintf(err.field, sizeof err.field, "branch");
		req_error(r, &err);
		return;
	}
	req_json(r, 200, json_duty(&d));
}

void api_duty_list(struct request *r)
{
	struct fd_error err = {0};
	struct duty *d;
	size_t n;
	if (duty_list(&r->svc, r->params[0], &d, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_duty(&d[i]));
	req_json(r, 200, json_pack("{s:s, s:o}", "branch", r->params[0], "on_duty", list));
}

void api_in_charge(struct request *r)
{
	struct fd_error err = {0};
	struct in_charge_view ic;
	if (duty_in_charge(&r->svc, r->params[0], &ic, &err)) {
		req_error(r, &err);
		return;
	}
	req_json(r, 200,
		 json_pack("{s:s, s:o, s:s, s:b, s:s}", "branch", ic.branch, "staff",
			   ic.staff ? json_person(ic.staff) : json_null(), "level",
			   charge_level_name(ic.level), "must_contact_hq", ic.must_contact_hq,
			   "rule", "CS-INCHARGE"));
}
