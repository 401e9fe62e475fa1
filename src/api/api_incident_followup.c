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

/* What any of the four steps reads from its body: a note, or a task. */
union step_input {
	struct followup_note_input note;
	struct task_input task;
};

/* The four steps are one shape: the id in the path, the body read through the step's input
 * table, the use case, and the whole report as the answer. */
struct step {
	const char *what; /* what the path's id names, for "no such ..." */
	const struct input_table *table;
	int status; /* on success */
	int (*run)(struct svc *s, int64_t id, const union step_input *in, struct incident_view *out,
		   struct fd_error *err);
};

static void step_answer(struct request *r, const struct step *step)
{
	struct fd_error err = {0};
	union step_input in;
	struct incident_view out = {0};
	int64_t id;
	if (path_id(r, step->what, &id))
		return;
	int rc = req_input(r, step->table, &in, &err);
	if (!rc)
		rc = step->run(&r->svc, id, &in, &out, &err);
	api_incident_answer(r, rc, step->status, &out, &err);
}

static int run_review(struct svc *s, int64_t id, const union step_input *in,
		      struct incident_view *out, struct fd_error *err)
{
	return incident_review(s, id, in->note.note, out, err);
}

static int run_task_add(struct svc *s, int64_t id, const union step_input *in,
			struct incident_view *out, struct fd_error *err)
{
	return incident_task_add(s, id, &in->task, out, err);
}

static int run_task_done(struct svc *s, int64_t id, const union step_input *in,
			 struct incident_view *out, struct fd_error *err)
{
	return incident_task_done(s, id, in->note.note, out, err);
}

static int run_close(struct svc *s, int64_t id, const union step_input *in,
		     struct incident_view *out, struct fd_error *err)
{
	return incident_close(s, id, in->note.note, out, err);
}

void api_incident_review(struct request *r)
{
	static const struct step review = {"incident", &review_table, 200, run_review};
	step_answer(r, &review);
}

void api_incident_task_add(struct request *r)
{
	static const struct step add = {"incident", &task_table, 201, run_task_add};
	step_answer(r, &add);
}

void api_incident_task_done(struct request *r)
{
	static const struct step done = {"follow-up task", &task_done_table, 200, run_task_done};
	step_answer(r, &done);
}

void api_incident_close(struct request *r)
{
	static const struct step close = {"incident", &close_table, 200, run_close};
	step_answer(r, &close);
}
