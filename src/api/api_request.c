/* Requests over the JSON API (CS-ALT, CS-REFER). */
#include <stdlib.h>
#include <string.h>

#include "service/request.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_avenues(unsigned left)
{
	json_t *a = json_array();
	for (int i = 0; i < AVENUE__MAX; i++)
		if (left & (1u << i))
			json_array_append_new(a, json_pack("{s:s, s:s}", "avenue",
							   avenue_name((enum avenue)i), "advice",
							   avenue_advice((enum avenue)i)));
	return a;
}

static json_t *json_request(const struct request_view *v)
{
	const struct request_rec *r = &v->r;
	json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:b, s:s, s:s}", "id", (json_int_t)r->id,
			      "branch", r->branch_code, "kind", request_kind_name(r->kind), "text",
			      r->text ? json_string(r->text) : json_null(), "text_hidden",
			      v->text_hidden, "status", r->closed ? "closed" : "open", "level",
			      request_level_name(r->level));
	json_object_set_new(j, "holder",
			    r->holder_login
				    ? json_pack("{s:s, s:s, s:s}", "login", r->holder_login, "name",
						r->holder_name, "role", role_name(r->holder_role))
				    : json_null());
	json_object_set_new(j, "held_by",
			    json_string(r->level == LEVEL_HEADQUARTERS ? "Headquarters"
					: r->holder_name	       ? r->holder_name
								       : "nobody"));
	json_object_set_new(j, "customer",
			    r->customer_card ? json_pack("{s:s, s:s}", "card", r->customer_card,
							 "name", r->customer_name)
					     : json_null());
	json_object_set_new(j, "visit", r->visit_id ? json_integer(r->visit_id) : json_null());
	json_object_set_new(j, "created_by",
			    r->created_by_login
				    ? json_pack("{s:s, s:s, s:s}", "login", r->created_by_login,
						"name", r->created_by_name, "role",
						role_name(r->created_by_role))
				    : json_null());
	json_object_set_new(j, "created_at", json_time(r->created_at));
	json_object_set_new(j, "age_s", json_integer(v->age_s));
	json_object_set_new(j, "open_age_s", json_integer(v->open_age_s));
	json_object_set_new(j, "text_retain_until", json_time(r->text_retain_until));
	const char *outcome = request_outcome_name(r->outcome);
	json_object_set_new(j, "outcome", outcome ? json_string(outcome) : json_null());
	json_object_set_new(j, "closed_at", json_time(r->closed_at));
	json_object_set_new(j, "close_note",
			    r->close_note ? json_string(r->close_note) : json_null());
	json_t *alts = json_array();
	for (size_t i = 0; i < v->nalts; i++) {
		const struct request_alt *a = &v->alts[i];
		json_array_append_new(
			alts, json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)a->id,
					"kind", alt_kind_name(a->kind), "note",
					a->note ? a->note : "", "accepted",
					a->accepted < 0 ? json_null() : json_boolean(a->accepted),
					"offered_by",
					a->offered_by_login ? json_string(a->offered_by_login)
							    : json_null(),
					"offered_at", json_time(a->offered_at)));
	}
	json_object_set_new(j, "alternatives", alts);
	json_t *hist = json_array();
	for (size_t i = 0; i < v->nhistory; i++) {
		const struct request_history *h = &v->history[i];
		json_array_append_new(
			hist, json_pack("{s:o, s:o, s:s, s:s}", "at", json_time(h->at), "by",
					h->login ? json_string(h->login) : json_null(), "action",
					h->action, "detail", h->detail ? h->detail : ""));
	}
	json_object_set_new(j, "history", hist);
	/* What is left before not fulfilled, as ever; and before each outcome. */
	json_object_set_new(j, "avenues_not_tried",
			    json_avenues(v->avenues_left[OUTCOME_NOT_FULFILLED]));
	json_t *by = json_object();
	for (int o = OUTCOME_NONE + 1; o < OUTCOME__MAX; o++)
		json_object_set_new(by, request_outcome_name((enum request_outcome)o),
				    json_avenues(v->avenues_left[o]));
	json_object_set_new(j, "avenues_by_outcome", by);
	return j;
}

static int request_id(struct request *r, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such request");
	req_error(r, &err);
	return -1;
}

/* Replies with the request, or with the error; a CS-ALT refusal to close with outcome o lists
 * what is left to try before it. */
static void reply_closing(struct request *r, int rc, int status, const struct request_view *v,
			  const struct fd_error *err, enum request_outcome o)
{
	if (!rc)
		req_json(r, status, json_request(v));
	else if (err->rule && strcmp(err->rule, "CS-ALT") == 0)
		req_error_with(
			r, err,
			json_pack("{s:o}", "avenues_not_tried", json_avenues(v->avenues_left[o])));
	else
		req_error(r, err);
}

static void reply(struct request *r, int rc, int status, const struct request_view *v,
		  const struct fd_error *err)
{
	reply_closing(r, rc, status, v, err, OUTCOME_NOT_FULFILLED);
}

void api_request_add(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out;
	struct request_input in;
	if (req_input(r, &request_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply(r, request_add(&r->svc, &in, &out, &err), 201, &out, &err);
}

void api_request_get(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out;
	int64_t id;
	if (request_id(r, &id) == 0)
		reply(r, request_get(&r->svc, id, &out, &err), 200, &out, &err);
}

void api_requests(struct request *r)
{
	struct fd_error err = {0};
	struct request_view *v;
	size_t n;
	const char *branch = req_query(r, "branch");
	if (request_list(&r->svc, branch ? SCOPE_BRANCH : SCOPE_MINE, branch, &v, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_request(&v[i]));
	req_json(r, 200, json_pack("{s:o}", "requests", list));
}

void api_request_offer(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out = {0};
	struct offer_input in;
	int64_t id;
	if (request_id(r, &id))
		return;
	if (req_input(r, &offer_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply(r, request_offer(&r->svc, id, &in, &out, &err), 200, &out, &err);
}

void api_request_answer(struct request *r)
{
	struct fd_error err = {0};
	struct answer_input in;
	struct request_view out = {0};
	int64_t id, alt;
	if (request_id(r, &id))
		return;
	if (parse_id(r->params[1], &alt)) {
		fd_fail(&err, FD_ENOTFOUND, "no such alternative");
		req_error(r, &err);
		return;
	}
	if (req_input(r, &answer_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply(r, request_answer(&r->svc, id, alt, in.accepted == 1, &out, &err), 200, &out, &err);
}

void api_request_escalate(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out = {0};
	struct note_input in;
	int64_t id;
	if (request_id(r, &id))
		return;
	if (req_input(r, &note_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply(r, request_escalate(&r->svc, id, in.note, &out, &err), 200, &out, &err);
}

void api_request_link_customer(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out = {0};
	struct link_input in;
	int64_t id;
	if (request_id(r, &id))
		return;
	if (req_input(r, &link_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply(r, request_link_customer(&r->svc, id, &in, &out, &err), 200, &out, &err);
}

void api_request_close(struct request *r)
{
	struct fd_error err = {0};
	struct request_view out = {0};
	struct close_input in;
	int64_t id;
	if (request_id(r, &id))
		return;
	if (req_input(r, &close_input_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	reply_closing(r, request_close(&r->svc, id, &in, &out, &err), 200, &out, &err, in.outcome);
}
