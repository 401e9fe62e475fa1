/* The desk queue over the JSON API: visits, desk actions, next, opening, roving help. */
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "service/queue.h"
#include "api/shapes.h"
#include "http/gzip.h"
#include "http/handlers.h"
#include "http/input.h"
#include "api/queue_cache.h"
#include "api/queue_json.h"

json_t *json_visit(struct request *r, const struct visit_view *vv)
{
	const struct visit *v = &vv->v;
	char ticket[TICKET_LABEL_MAX];
	ticket_label(v->channel, v->ticket, ticket);
	json_t *j = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}", "id", (json_int_t)v->id, "branch",
			      v->branch_code, "ticket", ticket, "number", v->ticket, "channel",
			      channel_name(v->channel), "state", visit_state_name(v->state));
	json_object_set_new(j, "customer",
			    v->customer_card ? json_pack("{s:s, s:s}", "card", v->customer_card,
							 "name", v->customer_name)
					     : json_null());
	/* The customer's ban in force, issued at any branch: staff decide, the visit stands. */
	json_t *ban = json_ban(r, vv->ban);
	/* Said as the ticket is flagged: for volunteers and pages "do not serve" (ban.h). */
	if (vv->ban_notice)
		json_object_set_new(ban, "notice", json_string(vv->ban_notice));
	json_object_set_new(j, "restriction", ban);
	json_object_set_new(j, "new_customer", json_boolean(vv->is_new));
	json_object_set_new(j, "note", json_string(v->note ? v->note : ""));
	json_object_set_new(j, "arrived_at", json_time(v->arrived_at));
	json_object_set_new(j, "acknowledged_at", json_time(v->acknowledged_at));
	json_object_set_new(j, "called_at", json_time(v->called_at));
	json_object_set_new(j, "started_at", json_time(v->started_at));
	json_object_set_new(j, "finished_at", json_time(v->finished_at));
	json_object_set_new(j, "served_by",
			    v->served_by_login
				    ? json_pack("{s:s, s:s, s:s}", "login", v->served_by_login,
						"name", v->served_by_name, "role",
						role_name(v->served_by_role))
				    : json_null());
	json_object_set_new(j, "wait_s", json_integer(vv->wait_s));
	json_object_set_new(j, "ack_overdue", json_boolean(vv->ack_overdue));
	json_object_set_new(j, "past_wait_target", json_boolean(vv->past_target));
	json_object_set_new(j, "desk", v->desk ? json_string(v->desk) : json_null());
	/* The number is left out (null) for whom may not see customers (CS-CONFIDENTIAL). */
	json_object_set_new(j, "callback",
			    v->callback_promised_at
				    ? json_pack("{s:o, s:o, s:b, s:o}", "phone",
						v->callback_phone ? json_string(v->callback_phone)
								  : json_null(),
						"promised_at", json_time(v->callback_promised_at),
						"overdue", vv->callback_overdue, "done_at",
						json_time(v->callback_done_at))
				    : json_null());
	/* How the ticket was taken, and what a customer who took it by phone told the desk. */
	json_object_set_new(j, "joined", json_string(joined_name(v->joined)));
	json_object_set_new(j, "language", v->language ? json_string(v->language) : json_null());
	json_object_set_new(j, "first_name",
			    v->first_name ? json_string(v->first_name) : json_null());
	const char *reason = visit_reason_name(v->reason);
	json_object_set_new(j, "reason", reason ? json_string(reason) : json_null());
	const char *tour = tour_outcome_name(v->tour);
	json_object_set_new(j, "tour", tour ? json_string(tour) : json_null());
	if (vv->greeting)
		json_object_set_new(j, "greeting", json_string(vv->greeting));
	/* CS-INPERSON: a renewal call taken while serving someone in the library is on hold. */
	if (vv->instruction)
		json_object_set_new(j, "instruction", json_string(vv->instruction));
	/* A renewal call's counts: how many items, never which (schema 35). */
	json_object_set_new(
		j, "renewals",
		json_pack("{s:i, s:i}", "renewed", v->renewed, "refused", v->renew_refused));
	/* The moves the policy allows this reader now: a client offers these and no others. */
	json_t *actions = json_array();
	for (int a = 0; a < DESK_ACTION__MAX; a++)
		if (vv->actions & DESK_BIT(a))
			json_array_append_new(actions,
					      json_string(desk_action_name((enum desk_action)a)));
	json_object_set_new(j, "actions", actions);
	return j;
}

static json_t *json_visits(struct request *r, const struct visit_view *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_visit(r, &v[i]));
	return a;
}

void api_visit_add(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	struct visit_input in;
	if (req_input(r, &visit_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (queue_visit_add(&r->svc, r->params[0], &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_visit(r, &out));
}

void api_queue(struct request *r)
{
	struct fd_error err = {0};
	struct queue_stamp stamp;
	struct queue_view q;
	if (queue_stamp(&r->svc, r->params[0], &stamp, &err)) {
		req_error(r, &err);
		return;
	}
	bool gzip = gzip_accepted(req_header(r, "Accept-Encoding"));
	if (queue_cache_get(&stamp, gzip, &r->out, &r->out_gzip)) {
		r->content_type = "application/json";
		return;
	}
	if (queue_get(&r->svc, r->params[0], &q, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *today = json_pack(
		"{s:I, s:I, s:o}", "served", (json_int_t)q.served_today, "roving_helps",
		(json_int_t)q.roving_today, "opened",
		q.opened_today
			? json_pack("{s:o, s:o, s:o, s:b}", "at", json_time(q.opening.opened_at),
				    "by", json_person(&q.opening.by), "late_s",
				    q.opening.late_s < 0 ? json_null()
							 : json_integer(q.opening.late_s),
				    "outside_hours", q.opening_fit != OPENING_IN_HOURS)
			: json_null());
	req_json(r, 200,
		 json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:o}", "branch", q.branch.code,
			   "waiting", json_visits(r, q.waiting, q.nwaiting), "serving",
			   json_visits(r, q.serving, q.nserving), "on_hold",
			   json_visits(r, q.on_hold, q.non_hold), "callbacks",
			   json_visits(r, q.callbacks, q.ncallbacks), "no_shows",
			   json_visits(r, q.no_shows, q.nno_shows), "ack_target_s",
			   q.branch.ack_target_s, "estimated_wait_s", q.estimate_s, "today",
			   today));
	queue_cache_put(&q.stamp, r->out.data, r->out.len);
}

void api_next(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	bool found;
	if (queue_next(&r->svc, r->params[0], &out, &found, &err))
		req_error(r, &err);
	else if (!found)
		r->status = 204; /* nobody waits */
	else
		req_json(r, 200, json_visit(r, &out));
}

void api_visit_act(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	enum desk_action a;
	int64_t id;
	struct act_input in;
	if (parse_id(r->params[0], &id) || !desk_action_from_name(r->params[1], &a)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit or desk action");
		req_error(r, &err);
		return;
	}
	if (req_input(r, &act_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (queue_act(&r->svc, id, a, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_visit(r, &out));
}

void api_open(struct request *r)
{
	struct fd_error err = {0};
	struct opening o;
	struct open_input in;
	if (req_input(r, &open_input_table, &in, &err) ||
	    queue_open(&r->svc, r->params[0], &in, &o, &err)) {
		req_error(r, &err);
		return;
	}
	req_json(r, 201,
		 json_pack("{s:s, s:o, s:o, s:o, s:b}", "branch", r->params[0], "opened_at",
			   json_time(o.opened_at), "by", json_person(&o.by), "late_s",
			   o.late_s < 0 ? json_null() : json_integer(o.late_s), "late",
			   o.late_s > 0));
}

void api_rove(struct request *r)
{
	struct fd_error err = {0};
	int64_t today;
	if (queue_rove(&r->svc, r->params[0], &today, &err))
		req_error(r, &err);
	else
		req_json(r, 201,
			 json_pack("{s:s, s:I}", "branch", r->params[0], "roving_helps_today",
				   (json_int_t)today));
}
