/* GET /api/v1/branches/{code}/feedback: a branch's answers to "How was your visit today?" of
 * the last 30 days, for who may see its whole service report; whom to contact only for who
 * may read customers (the service blanks it). */
#include "api/shapes.h"
#include "http/handlers.h"
#include "service/feedback.h"

static json_t *json_feedback(const struct feedback *f)
{
	json_t *j = json_pack("{s:I, s:s, s:I, s:s, s:i, s:s, s:i, s:s, s:s, s:o}", "id",
			      (json_int_t)f->id, "branch", f->branch_code, "visit_id",
			      (json_int_t)f->visit_id, "local_day", f->local_day, "local_hour",
			      f->local_hour, "channel", feedback_channel_name(f->channel), "score",
			      f->score, "comment", f->comment ? f->comment : "", "language",
			      f->language ? f->language : "en", "at", json_time(f->at));
	json_object_set_new(j, "served_by",
			    f->served_by_name ? json_string(f->served_by_name) : json_null());
	json_object_set_new(j, "contact_requested",
			    f->follow >= 0 ? json_string(feedback_follow_name(f->follow))
					   : json_null());
	if (f->complaint_id)
		json_object_set_new(j, "complaint_id", json_integer(f->complaint_id));
	if (f->contact)
		json_object_set_new(j, "contact",
				    json_pack("{s:s, s:s}", "name",
					      f->contact_name ? f->contact_name : "", "reach",
					      f->contact));
	return j;
}

void api_feedback_list(struct request *r)
{
	struct fd_error err = {0};
	struct feedback *items;
	size_t n;
	if (feedback_list(&r->svc, r->params[0], &items, &n, &err)) {
		req_error(r, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_feedback(&items[i]));
	req_json(r, 200, json_pack("{s:o}", "feedback", list));
}
