/* The renewal call over the JSON API: POST /api/v1/visits/{id}/renew renews one item or all
 * and answers each result with the visit's counts (docs/api.md). */
#include "service/renewal.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

/* The new due date: RFC 3339 when the catalogue's was a SIP2 date, else its text as sent (an
 * ILS writing dates its own way), as the account's items do; null when none came. */
static json_t *json_due(const char *due, int64_t due_at)
{
	if (due_at)
		return json_time(due_at);
	return due ? json_string(due) : json_null();
}

static json_t *json_result(const struct renewal_result *x)
{
	const char *offer = renewal_offer_name(x->offer);
	return json_pack("{s:s, s:s, s:b, s:o, s:o, s:o, s:o}", "item", x->item ? x->item : "",
			 "title", x->title ? x->title : "", "renewed", x->renewed, "due",
			 json_due(x->due, x->due_at), "message",
			 x->message ? json_string(x->message) : json_null(), "still_due",
			 x->renewed ? json_null() : json_due(x->still_due, x->still_due_at),
			 "offer", offer ? json_string(offer) : json_null());
}

void api_visit_renew(struct request *r)
{
	struct fd_error err = {0};
	struct renewal_input in;
	struct renewal_call call;
	struct renewal_result *res;
	size_t n;
	int64_t id;
	if (parse_id(r->params[0], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit");
		req_error(r, &err);
		return;
	}
	if (req_input(r, &renewal_input_table, &in, &err) ||
	    renewal_renew(&r->svc, id, &in, &call, &res, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *results = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(results, json_result(&res[i]));
	req_json(r, 200,
		 json_pack("{s:I, s:o, s:{s:i, s:i}}", "visit", (json_int_t)call.v.id, "results",
			   results, "renewals", "renewed", call.v.renewed, "refused",
			   call.v.renew_refused));
}
