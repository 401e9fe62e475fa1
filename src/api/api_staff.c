/* Staff accounts over the JSON API. */
#include "service/staff.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

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
	struct fd_error err = {0};
	struct staff out;
	struct user_input in;
	if (req_input(r, &user_add_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
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
	struct fd_error err = {0};
	struct staff out;
	const char *changed;
	struct user_input in = {.login = r->params[0]};
	if (req_input(r, &user_change_table, &in, &err)) {
		req_error(r, &err);
		return;
	}
	if (user_update(&r->svc, &in, &out, &changed, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_user(&out));
}
