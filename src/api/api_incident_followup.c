/* Headquarters' follow-up of signed incident reports over the JSON API: review, tasks, task
 * done and close, each answered with the whole report (docs/api.md). */
#include "service/incident_followup.h"
#include "api/incident_followup_json.h"
#include "api/shapes.h"
#include "http/handlers.h"
#include "http/input.h"

static json_t *json_note(const char *note)
{
	return note ? json_string(note) : json_null();
}

static json_t *json_task(const struct incident_task *t)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)t->id,
			      "kind", task_kind_name(t->kind), "description",
			      t->description ? t->description : "", "owner", json_who(&t->owner),
			      "due_on", t->due_on, "created_by", json_who(&t->created_by),
			      "created_at", json_time(t->created_at));
	json_object_set_new(j, "done",
			    t->done_at ? json_pack("{s:o, s:o, s:o}", "at", json_time(t->done_at),
						   "by", json_who(&t->done_by), "note",
						   json_note(t->done_note))
				       : json_null());
	return j;
}

/* {at, by, note} of a review or a closing, or null when there is none. */
static json_t *json_mark(int64_t at, const struct person *by, const char *note)
{
	return at ? json_pack("{s:o, s:o, s:o}", "at", json_time(at), "by", json_who(by), "note",
			      json_note(note))
		  : json_null();
}

void json_followup_set(json_t *j, const struct incident_followup *f)
{
	json_t *tasks = json_array();
	for (size_t k = 0; k < f->ntasks; k++)
		json_array_append_new(tasks, json_task(&f->tasks[k]));
	json_object_set_new(j, "review",
			    json_mark(f->reviewed_at, &f->reviewed_by, f->review_note));
	json_object_set_new(j, "tasks", tasks);
	json_object_set_new(j, "closed", json_mark(f->closed_at, &f->closed_by, f->close_note));
}

static int path_id(struct request *r, const char *what, int64_t *id)
{
	if (parse_id(r->params[0], id) == 0)
		return 0;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such %s", what);
	req_error(r, &err);
	return -1;
}

void api_incident_review(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view out = {0};
	int64_t id;
	if (path_id(r, "incident", &id))
		return;
	int rc = req_input(r, &review_table, &in, &err);
	if (!rc)
		rc = incident_review(&r->svc, id, in.note, &out, &err);
	api_incident_answer(r, rc, 200, &out, &err);
}

void api_incident_task_add(struct request *r)
{
	struct fd_error err = {0};
	struct task_input in;
	struct incident_view out = {0};
	int64_t id;
	if (path_id(r, "incident", &id))
		return;
	int rc = req_input(r, &task_table, &in, &err);
	if (!rc)
		rc = incident_task_add(&r->svc, id, &in, &out, &err);
	api_incident_answer(r, rc, 201, &out, &err);
}

void api_incident_task_done(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view out = {0};
	int64_t id;
	if (path_id(r, "follow-up task", &id))
		return;
	int rc = req_input(r, &task_done_table, &in, &err);
	if (!rc)
		rc = incident_task_done(&r->svc, id, in.note, &out, &err);
	api_incident_answer(r, rc, 200, &out, &err);
}

void api_incident_close(struct request *r)
{
	struct fd_error err = {0};
	struct followup_note_input in;
	struct incident_view out = {0};
	int64_t id;
	if (path_id(r, "incident", &id))
		return;
	int rc = req_input(r, &close_table, &in, &err);
	if (!rc)
		rc = incident_close(&r->svc, id, in.note, &out, &err);
	api_incident_answer(r, rc, 200, &out, &err);
}
