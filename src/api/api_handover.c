/* Clocking off with a handover, and what one holds, over the JSON API. */
#include "service/handover.h"
#include "api/shapes.h"
#include "policy/queue.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_in_charge_to(const struct in_charge_view *to)
{
	return to->staff ? json_person(to->staff) : json_null();
}

static json_t *json_requests(const struct request_rec *q, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct person holder = {q[i].holder_login, q[i].holder_name, q[i].holder_role};
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id",
						   (json_int_t)q[i].id, "branch", q[i].branch_code,
						   "kind", request_kind_name(q[i].kind), "level",
						   request_level_name(q[i].level), "holder",
						   json_who(&holder), "created_at",
						   json_time(q[i].created_at)));
	}
	return a;
}

static json_t *json_drafts(const struct incident *d, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
				      json_pack("{s:I, s:s, s:s, s:o, s:o}", "id",
						(json_int_t)d[i].id, "branch", d[i].branch_code,
						"category", incident_category_name(d[i].category),
						"occurred_at", json_time(d[i].occurred_at),
						"due_at", json_time(d[i].due_at)));
	return a;
}

json_t *json_held(struct request *r, const struct held *h)
{
	json_t *callbacks = json_array();
	for (size_t i = 0; i < h->ncallbacks; i++) {
		const struct visit *v = &h->callbacks[i];
		char ticket[TICKET_LABEL_MAX];
		ticket_label(v->channel, v->ticket, ticket);
		json_array_append_new(callbacks,
				      json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)v->id,
						"branch", v->branch_code, "ticket", ticket,
						"promised_at", json_time(v->callback_promised_at)));
	}
	return json_pack("{s:o, s:o, s:o}", "requests", json_requests(h->requests, h->nrequests),
			 "callbacks", callbacks, "incidents",
			 json_drafts(h->incidents, h->nincidents));
}

void api_open_items(struct request *r)
{
	struct fd_error err = {0};
	struct open_items o;
	if (branch_open_items(&r->svc, r->params[0], &o, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *visits = json_array();
	for (size_t i = 0; i < o.nvisits; i++) {
		const struct visit *v = &o.visits[i];
		char ticket[TICKET_LABEL_MAX];
		ticket_label(v->channel, v->ticket, ticket);
		json_array_append_new(
			visits, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)v->id,
					  "ticket", ticket, "channel", channel_name(v->channel),
					  "state", visit_state_name(v->state), "arrived_at",
					  json_time(v->arrived_at), "callback_promised_at",
					  json_time(v->callback_promised_at)));
	}
	req_json(r, 200,
		 json_pack("{s:s, s:o, s:o, s:o}", "branch", o.branch.code, "visits", visits,
			   "requests", json_requests(o.requests, o.nrequests), "incidents",
			   json_drafts(o.incidents, o.nincidents)));
}

void api_duty_off(struct request *r)
{
	struct fd_error err = {0};
	struct duty_off_input in;
	struct staff st;
	struct held h;
	if (req_input(r, &duty_off_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (duty_off(&r->svc, in.login, in.note, in.leave_waiting, &st, &h, &err)) {
		/* Refused for want of a note: the list comes with it, and who would get it. */
		json_t *extra = held_anything(&h)
					? json_pack("{s:o, s:o}", "held", json_held(r, &h), "to",
						    json_in_charge_to(&h.to))
					: NULL;
		req_error_with(r, &err, extra);
		return;
	}
	json_t *j = json_person(&st);
	json_object_set_new(j, "on_duty", json_false());
	json_object_set_new(j, "handed_over", held_anything(&h) ? json_held(r, &h) : json_null());
	json_object_set_new(j, "to", held_anything(&h) ? json_in_charge_to(&h.to) : json_null());
	req_json(r, 200, j);
}

void api_duty_held(struct request *r)
{
	struct fd_error err = {0};
	struct held h;
	struct handover *got;
	size_t n;
	bool on_duty;
	if (handover_mine(&r->svc, &h, &on_duty, &got, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *received = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(received,
				      json_pack("{s:s, s:o, s:s, s:o, s:i, s:i, s:i}", "branch",
						got[i].branch_code, "from", json_who(&got[i].from),
						"note", got[i].note, "at", json_time(got[i].at),
						"requests", got[i].requests, "callbacks",
						got[i].callbacks, "incidents", got[i].incidents));
	json_t *j = json_held(r, &h);
	json_object_set_new(j, "on_duty", json_boolean(on_duty));
	json_object_set_new(j, "to", on_duty ? json_in_charge_to(&h.to) : json_null());
	json_object_set_new(j, "received", received);
	req_json(r, 200, j);
}
