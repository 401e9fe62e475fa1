/* Staff accounts over the JSON API. */
#include "service/staff.h"
#include "http/handlers.h"

static json_t *json_user(const struct staff *st)
{
	json_t *j = json_person(st);
	json_object_set_new(j, "branch",
			    st->branch_code ? json_string(st->branch_code) : json_null());
	json_object_set_new(j, "email", json_string(st->email ? st->email : ""));
	json_object_set_new(j, "phone", json_string(st->phone ? st->phone : ""));
	json_object_set_new(j, "service_start", json_string(st->service_start));
	json_object_set_new(j, "active", json_boolean(st->active));
	return j;
}

void api_users(struct request *r)
{
	struct fd_error err = {0};
	struct staff *st;
	size_t n;
	if (user_list(&r->svc, req_query(r, "branch"), &st, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_user(&st[i]));
	req_json(r, 200, json_pack("{s:o}", "users", list));
}

void api_user_add(struct request *r)
{
	static const struct field fields[] = {
		{"login", FIELD_STRING, true, 32},	 {"name", FIELD_STRING, true, 100},
		{"role", FIELD_STRING, true, 40},	 {"branch", FIELD_STRING, false, 16},
		{"email", FIELD_STRING, false, 254},	 {"phone", FIELD_STRING, false, 32},
		{"password", FIELD_STRING, false, 1024}, {"service_start", FIELD_STRING, false, 10},
	};
	struct field_value v[8];
	struct fd_error err = {0};
	struct staff out;
	if (req_fields(r, fields, 8, v, &err)) {
		req_error(r, &err);
		return;
	}
	struct user_input in = {v[0].s, v[1].s, v[2].s, v[3].s, v[4].s, v[5].s, v[6].s, v[7].s};
	if (user_add(&r->svc, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_user(&out));
}

void api_user_deactivate(struct request *r)
{
	struct fd_error err = {0};
	struct staff out;
	if (user_deactivate(&r->svc, r->params[0], &out, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_user(&out));
}

void api_user_patch(struct request *r)
{
	static const struct field fields[] = {
		{"role", FIELD_STRING, false, 40},	    {"branch", FIELD_STRING, false, 16},
		{"service_start", FIELD_STRING, false, 10}, {"name", FIELD_STRING, false, 100},
		{"email", FIELD_STRING, false, 254},	    {"phone", FIELD_STRING, false, 32},
	};
	struct field_value v[6];
	struct fd_error err = {0};
	struct staff out;
	const char *changed;
	if (req_fields(r, fields, 6, v, &err)) {
		req_error(r, &err);
		return;
	}
	struct user_input in = {.login = r->params[0],
				.role = v[0].s,
				.branch = v[1].s,
				.service_start = v[2].s,
				.name = v[3].s,
				.email = v[4].s,
				.phone = v[5].s};
	if (user_update(&r->svc, &in, &out, &changed, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_user(&out));
}
