/* Customers over the JSON API; every read is audited by the service (CS-CONFIDENTIAL). */
#include "service/customer.h"
#include "web/handlers.h"

static json_t *json_customer(const struct customer *c)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)c->id, "card",
			 c->card, "name", c->name, "phone", c->phone, "email", c->email,
			 "card_status", c->card_status, "registered_at",
			 json_time(c->registered_at));
}

void api_customer_add(struct request *r)
{
	static const struct field fields[] = {
		{"card", FIELD_STRING, true, 32},
		{"name", FIELD_STRING, true, 100},
		{"phone", FIELD_STRING, false, 32},
		{"email", FIELD_STRING, false, 254},
	};
	struct field_value v[4];
	struct fd_error err = {0};
	struct customer out;
	if (req_fields(r, fields, 4, v, &err)) {
		req_error(r, &err);
		return;
	}
	struct customer in = {.card = v[0].s, .name = v[1].s, .phone = v[2].s, .email = v[3].s};
	if (customer_add(&r->svc, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_customer(&out));
}

void api_customer_get(struct request *r)
{
	struct fd_error err = {0};
	struct customer c;
	if (customer_get(&r->svc, r->params[0], &c, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_customer(&c));
}

void api_audit(struct request *r)
{
	struct fd_error err = {0};
	struct audit_entry *e;
	size_t n;
	const char *card = req_query(r, "customer");
	if (!card) {
		fd_fail_field(&err, "customer", "say whose record: ?customer=CARD");
		req_error(r, &err);
		return;
	}
	if (customer_audit(&r->svc, card, &e, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			list,
			json_pack("{s:o, s:o, s:s, s:s, s:s}", "at", json_time(e[i].at), "by",
				  e[i].login ? json_string(e[i].login) : json_null(), "action",
				  e[i].action, "object", e[i].object_kind, "key", e[i].object_key));
	req_json(r, 200, json_pack("{s:o}", "entries", list));
}
