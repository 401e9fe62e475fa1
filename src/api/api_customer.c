/* Customers over the JSON API; every read is audited by the service (CS-CONFIDENTIAL). */
#include <stdlib.h>
#include <string.h>

#include "service/ban.h"
#include "service/customer.h"
#include "service/customer_search.h"
#include "service/incident.h"
#include "service/restriction.h"
#include "service/staff.h"
#include "api/catalogue_json.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_customer(const struct customer *c)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)c->id, "card",
			 c->card, "name", c->name, "phone", c->phone, "email", c->email,
			 "card_status", c->card_status, "registered_at",
			 json_time(c->registered_at));
}

void api_customer_add(struct request *r)
{
	struct fd_error err = {0};
	struct customer in = {0}, out;
	if (req_input(r, &customer_input_table, &in, &err) ||
	    customer_add(&r->svc, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_customer(&out));
}

/* GET /api/v1/customers?q=: the desk's as-you-type lookup; each customer listed is an
 * audited read (CS-CONFIDENTIAL). */
void api_customer_search(struct request *r)
{
	struct fd_error err = {0};
	struct customer *c;
	struct customer_bans bans;
	size_t n;
	if (customer_search(&r->svc, req_query(r, "q"), &c, &n, &bans, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		/* A ban issued at any branch, so the desk knows before it opens the record. */
		json_t *j = json_customer(&c[i]);
		json_object_set_new(j, "restriction",
				    json_ban(r, ban_of_customer(bans.list, bans.n, c[i].id)));
		json_array_append_new(list, j);
	}
	req_json(r, 200, json_pack("{s:o}", "customers", list));
}

static json_t *json_restriction(const struct restriction_view *v)
{
	const struct restriction *r = &v->r;
	json_t *j =
		json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:o, s:o, s:s, s:b}", "id",
			  (json_int_t)r->id, "customer", "card", r->customer_card, "name",
			  r->customer_name, "branch", r->branch_code, "branch_name", r->branch_name,
			  "scope", r->scope, "starts_at", json_time(r->starts_at), "until",
			  json_time(r->ends_at), "reason", r->reason, "active", v->active);
	json_object_set_new(j, "incident",
			    r->incident_id ? json_integer(r->incident_id) : json_null());
	json_object_set_new(j, "issued_by",
			    r->issued_by.login
				    ? json_pack("{s:s, s:s, s:s}", "login", r->issued_by.login,
						"name", r->issued_by.name, "role",
						role_name(r->issued_by.role))
				    : json_null());
	json_object_set_new(j, "lifted_at", json_time(r->lifted_at));
	json_object_set_new(j, "appeal",
			    r->appealed_at ? json_pack("{s:s, s:s, s:o}", "note", r->appeal_note,
						       "outcome", r->appeal_outcome, "at",
						       json_time(r->appealed_at))
					   : json_null());
	return j;
}

/* A card frontdesk has no customer for: what the catalogue says of it, when it knows it (the
 * desk need not register them by hand), else why not. */
static void catalogue_only(struct request *r, struct fd_error *err)
{
	json_t *cat = NULL;
	const char *card = r->params[0];
	if (err->code != FD_ENOTFOUND || json_catalogue_lookup(&r->svc, card, &cat, err)) {
		req_error(r, err);
		return;
	}
	const char *state = json_string_value(json_object_get(cat, "state"));
	if (strcmp(state, "answered") == 0 && json_is_true(json_object_get(cat, "known"))) {
		req_json(r, 200,
			 json_pack("{s:n, s:s, s:O, s:[], s:o}", "id", "card", card, "name",
				   json_object_get(cat, "name"), "restrictions", "catalogue", cat));
		return;
	}
	fd_error_clear(err);
	if (strcmp(state, "not_answering") == 0)
		fd_fail(err, FD_EUNAVAILABLE,
			"frontdesk has no customer with that card, and the library catalogue is "
			"not answering: try again in a moment");
	else
		fd_fail(err, FD_ENOTFOUND, "no customer with that card, here or in the catalogue");
	json_decref(cat);
	req_error(r, err);
}

void api_customer_get(struct request *r)
{
	struct fd_error err = {0};
	struct customer c;
	struct restriction_view *active;
	size_t n = 0;
	json_t *cat = NULL;
	if (customer_get(&r->svc, r->params[0], &c, &active, &n, &err)) {
		catalogue_only(r, &err);
		return;
	}
	/* The catalogue is asked after the read's transaction, never while it is open. */
	if (json_catalogue_lookup(&r->svc, c.card, &cat, &err)) {
		req_error(r, &err);
		return;
	}
	/* CS-NOBIAS: what the desk needs now, the restrictions in force, and nothing else past. */
	json_t *j = json_customer(&c), *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_restriction(&active[i]));
	json_object_set_new(j, "restrictions", list);
	json_object_set_new(j, "catalogue", cat);
	req_json(r, 200, j);
}

void api_audit(struct request *r)
{
	static const char *const kinds[] = {"request", "complaint", "incident"};
	struct fd_error err = {0};
	struct audit_entry *e = NULL;
	size_t n = 0;
	const char *card = req_query(r, "customer"), *login = req_query(r, "staff"), *kind = NULL,
		   *key = NULL;
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !key; k++)
		if ((key = req_query(r, kinds[k])) != NULL)
			kind = kinds[k];
	char *end = NULL;
	long long id = key ? strtoll(key, &end, 10) : 0;
	int rc;
	if (card)
		rc = customer_audit(&r->svc, card, &e, &n, &err);
	else if (login)
		rc = user_audit(&r->svc, login, &e, &n, &err);
	else if (key && *end == '\0' && id > 0)
		rc = audit_list(&r->svc, kind, id, &e, &n, &err);
	else
		rc = fd_fail_field(&err, "customer",
				   "say whose record: ?customer=CARD, ?staff=LOGIN, ?request=ID, "
				   "?complaint=ID or ?incident=ID");
	if (rc) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			list, json_pack("{s:o, s:o, s:s, s:s, s:s, s:s}", "at", json_time(e[i].at),
					"by", e[i].login ? json_string(e[i].login) : json_null(),
					"action", e[i].action, "object", e[i].object_kind, "key",
					e[i].object_key, "from", e[i].source ? e[i].source : ""));
	req_json(r, 200, json_pack("{s:o}", "entries", list));
}

void api_restriction_add(struct request *r)
{
	struct fd_error err = {0};
	struct restriction_view out;
	struct restriction_input in;
	/* A ban is an incident: it cites one, or reports it in the same step (CS-INCIDENT). */
	if (req_input(r, &restriction_input_table, &in, &err) ||
	    restriction_add(&r->svc, r->params[0], &in, &out, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *j = json_restriction(&out);
	json_object_set_new(j, "suggested_until", json_time(out.suggested_until));
	req_json(r, 201, j);
}

static int restriction_id(struct request *r, int64_t *id)
{
	char *end;
	long long v = strtoll(r->params[0], &end, 10);
	if (*end || v <= 0) {
		struct fd_error err = {0};
		fd_fail(&err, FD_ENOTFOUND, "no such restriction");
		req_error(r, &err);
		return -1;
	}
	*id = v;
	return 0;
}

void api_restriction_lift(struct request *r)
{
	struct fd_error err = {0};
	struct restriction_view out;
	int64_t id;
	if (restriction_id(r, &id))
		return;
	if (restriction_lift(&r->svc, id, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_restriction(&out));
}

void api_restriction_appeal(struct request *r)
{
	struct fd_error err = {0};
	struct restriction_view out;
	struct appeal_input in;
	int64_t id;
	if (restriction_id(r, &id))
		return;
	if (req_input(r, &appeal_input_table, &in, &err) ||
	    restriction_appeal(&r->svc, id, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_restriction(&out));
}

void api_customer_history(struct request *r)
{
	struct fd_error err = {0};
	struct customer_history h;
	if (restriction_history(&r->svc, r->params[0], &h, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array(), *complaints = json_array(), *requests = json_array();
	for (size_t i = 0; i < h.nrestrictions; i++)
		json_array_append_new(list, json_restriction(&h.restrictions[i]));
	for (size_t i = 0; i < h.ncomplaints; i++) {
		const struct complaint *k = &h.complaints[i];
		json_array_append_new(complaints,
				      json_pack("{s:I, s:s, s:s, s:o, s:o}", "id",
						(json_int_t)k->id, "branch", k->branch_code, "text",
						k->text, "taken_at", json_time(k->taken_at),
						"resolved_at", json_time(k->resolved_at)));
	}
	for (size_t i = 0; i < h.nrequests; i++) {
		const struct request_rec *q = &h.requests[i];
		const char *outcome = request_outcome_name(q->outcome);
		json_array_append_new(requests,
				      json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "id",
						(json_int_t)q->id, "branch", q->branch_code, "kind",
						request_kind_name(q->kind), "text",
						q->text ? json_string(q->text) : json_null(),
						"level", request_level_name(q->level), "outcome",
						outcome ? json_string(outcome) : json_null(),
						"created_at", json_time(q->created_at), "closed_at",
						json_time(q->closed_at)));
	}
	json_t *visits = json_array();
	for (size_t i = 0; i < h.nvisits; i++) {
		const struct visit *v = &h.visits[i];
		json_array_append_new(visits, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
							(json_int_t)v->id, "branch", v->branch_code,
							"channel", channel_name(v->channel),
							"state", visit_state_name(v->state),
							"arrived_at", json_time(v->arrived_at)));
	}
	req_json(r, 200,
		 json_pack("{s:s, s:o, s:o, s:o, s:o}", "card", r->params[0], "restrictions", list,
			   "complaints", complaints, "requests", requests, "visits", visits));
}
