/* Fetching the person in charge over the JSON API (CS-DIFFICULT): the one action a volunteer
 * or page has for a difficult case, and its answer. */
#include "service/fetch.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_fetch(const struct fetch *f)
{
	json_t *list = json_fetches(f, 1);
	json_t *j = json_incref(json_array_get(list, 0));
	json_decref(list);
	return j;
}

void api_fetch_add(struct request *r)
{
	struct fd_error err = {0};
	struct fetch_input in;
	struct fetch out;
	struct warnings told = {0};
	if (req_input(r, &fetch_input_table, &in, &err) ||
	    fetch_add(&r->svc, r->params[0], &in, &out, &told, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *j = json_fetch(&out);
	json_object_set_new(j, "warnings", json_warnings(&told));
	req_json(r, 201, j);
}

void api_fetches(struct request *r)
{
	struct fd_error err = {0};
	struct fetch *f;
	size_t n;
	if (fetch_list_open(&r->svc, r->params[0], &f, &n, &err))
		req_error(r, &err);
	else
		req_json(r, 200, json_pack("{s:o}", "fetches", json_fetches(f, n)));
}

void api_fetch_answer(struct request *r)
{
	struct fd_error err = {0};
	struct fetch out;
	int64_t id;
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such call for the person in charge");
		req_error(r, &err);
	} else if (fetch_answer(&r->svc, id, &out, &err)) {
		req_error(r, &err);
	} else {
		req_json(r, 200, json_fetch(&out));
	}
}
