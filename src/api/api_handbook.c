/* The policy handbook over the JSON API (CS-KNOW). */
#include <string.h>

#include "service/handbook.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

/* A search snippet: highlights come between bytes 2 and 3 from the store. */
static void snippet_json(json_t *j, const char *snippet)
{
	struct buf plain = BUF_INIT, word = BUF_INIT;
	json_t *marks = json_array();
	bool in = false;
	for (const char *p = snippet; *p; p++) {
		if (*p == '\x02') {
			in = true;
			buf_reset(&word);
		} else if (*p == '\x03') {
			in = false;
			json_array_append_new(marks, json_string(buf_str(&word)));
		} else {
			buf_putc(&plain, *p);
			if (in)
				buf_putc(&word, *p);
		}
	}
	json_object_set_new(j, "snippet", json_string(buf_str(&plain)));
	json_object_set_new(j, "highlights", marks);
	buf_free(&plain);
	buf_free(&word);
}

static json_t *json_section(const struct section *x)
{
	json_t *rules = json_array();
	const char *p = x->rules ? x->rules : "";
	while (*p) {
		size_t n = strcspn(p, " ");
		if (n)
			json_array_append_new(rules, json_stringn(p, n));
		p += n + (p[n] == ' ');
	}
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:i, s:b, s:o}", "id",
			      (json_int_t)x->id, "key", x->key, "policy", x->policy, "title",
			      x->title, "text", x->text, "rationale", x->rationale, "rules", rules,
			      "approved_on", x->approved_on, "version", x->version, "current",
			      x->current, "created_at", json_time(x->created_at));
	if (x->snippet)
		snippet_json(j, x->snippet);
	return j;
}

void api_policies(struct request *r)
{
	struct fd_error err = {0};
	struct section *x;
	size_t n;
	const char *q = req_query(r, "q"), *rule = req_query(r, "rule");
	int rc = q	? handbook_search(&r->svc, q, &x, &n, &err)
		 : rule ? handbook_by_rule(&r->svc, rule, &x, &n, &err)
			: handbook_list(&r->svc, &x, &n, &err);
	if (rc) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_section(&x[i]));
	req_json(r, 200, json_pack("{s:o}", "sections", list));
}

void api_policy_add(struct request *r)
{
	struct fd_error err = {0};
	struct section_input in;
	struct section out;
	if (req_input(r, &section_input_table, &in, &err) || handbook_add(&r->svc, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_section(&out));
}

static int section_id(struct request *r, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such policy section");
	req_error(r, &err);
	return -1;
}

void api_policy_revise(struct request *r)
{
	struct fd_error err = {0};
	struct section_input in;
	struct section out;
	int64_t id;
	if (section_id(r, &id))
		return;
	if (req_input(r, &section_input_table, &in, &err) ||
	    handbook_revise(&r->svc, id, &in, &out, &err))
		req_error(r, &err);
	else
		req_json(r, 201, json_section(&out));
}

void api_policy_get(struct request *r)
{
	struct fd_error err = {0};
	struct section out;
	bool acked;
	int64_t id;
	if (section_id(r, &id))
		return;
	if (handbook_get(&r->svc, id, &out, &acked, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *j = json_section(&out);
	json_object_set_new(j, "acknowledged", json_boolean(acked));
	req_json(r, 200, j);
}

void api_policy_ack(struct request *r)
{
	struct fd_error err = {0};
	struct section out;
	int64_t id;
	if (section_id(r, &id))
		return;
	if (handbook_acknowledge(&r->svc, id, &out, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *j = json_section(&out);
	json_object_set_new(j, "acknowledged", json_true());
	req_json(r, 200, j);
}

void api_unacknowledged(struct request *r)
{
	struct fd_error err = {0};
	struct unread *u;
	size_t n;
	if (handbook_unread(&r->svc, r->params[0], &u, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list,
				      json_pack("{s:{s:s, s:s, s:s}, s:{s:I, s:s, s:i}}", "staff",
						"login", u[i].who.login, "name", u[i].who.name,
						"role", role_name(u[i].who.role), "section", "id",
						(json_int_t)u[i].section_id, "title", u[i].title,
						"version", u[i].version));
	req_json(r, 200, json_pack("{s:s, s:o}", "branch", r->params[0], "unacknowledged", list));
}
