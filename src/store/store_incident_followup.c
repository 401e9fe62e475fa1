/* Headquarters' follow-up of signed incident reports: the review, the tasks and the closing,
 * each guarded here too, so a change made from a stale copy finds nothing to change. */
#include "store/store_incident_followup.h"

#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"

static int one_followup(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct incident_followup *f = o->out;
	f->time_zone = arena_strdup(o->arena, db_text(row, FOLLOWUP_COL_TIME_ZONE));
	f->reviewed_at = db_int(row, FOLLOWUP_COL_REVIEWED_AT);
	db_person(row, FOLLOWUP_COL_REVIEWED_BY_LOGIN, o->arena, &f->reviewed_by);
	f->review_note = arena_strdup(o->arena, db_text(row, FOLLOWUP_COL_REVIEW_NOTE));
	f->closed_at = db_int(row, FOLLOWUP_COL_CLOSED_AT);
	db_person(row, FOLLOWUP_COL_CLOSED_BY_LOGIN, o->arena, &f->closed_by);
	f->close_note = arena_strdup(o->arena, db_text(row, FOLLOWUP_COL_CLOSE_NOTE));
	o->found = 1;
	return 0;
}

static void task_from_row(struct db_row *row, struct arena *a, struct incident_task *t)
{
	t->id = db_int(row, TASK_COL_ID);
	t->incident_id = db_int(row, TASK_COL_INCIDENT_ID);
	t->branch_id = db_int(row, TASK_COL_BRANCH_ID);
	t->branch_code = arena_strdup(a, db_text(row, TASK_COL_BRANCH_CODE));
	t->branch_name = arena_strdup(a, db_text(row, TASK_COL_BRANCH_NAME));
	t->time_zone = arena_strdup(a, db_text(row, TASK_COL_TIME_ZONE));
	t->category = (enum incident_category)enum_or(
		vocab_from_name(&vocab_incident_category, db_text(row, TASK_COL_CATEGORY)),
		INCIDENT_OTHER);
	t->kind = (enum task_kind)enum_or(
		vocab_from_name(&vocab_task_kind, db_text(row, TASK_COL_KIND)), TASK_OTHER);
	t->description = arena_strdup(a, db_text(row, TASK_COL_DESCRIPTION));
	t->owner_id = db_int(row, TASK_COL_OWNER_ID);
	db_person(row, TASK_COL_OWNER_LOGIN, a, &t->owner);
	t->due_on = arena_strdup(a, db_text(row, TASK_COL_DUE_ON));
	t->due_from = db_int(row, TASK_COL_DUE_FROM);
	db_person(row, TASK_COL_CREATED_BY_LOGIN, a, &t->created_by);
	t->created_at = db_int(row, TASK_COL_CREATED_AT);
	t->done_at = db_int(row, TASK_COL_DONE_AT);
	db_person(row, TASK_COL_DONE_BY_LOGIN, a, &t->done_by);
	t->done_note = arena_strdup(a, db_text(row, TASK_COL_DONE_NOTE));
}

static int one_task(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	task_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_task(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	task_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_followup_get(struct store *s, int64_t incident_id, struct arena *a,
		       struct incident_followup *out, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct row_list tasks = {.arena = a, .size = sizeof(struct incident_task)};
	struct db_arg arg = DB_ARG_INT(incident_id);
	if (db_query(s, STMT_FOLLOWUP_GET, &arg, 1, one_followup, &o, NULL, err) ||
	    db_query(s, STMT_TASK_LIST, &arg, 1, list_task, &tasks, NULL, err))
		return -1;
	if (!o.found)
		return fd_fail(err, FD_ENOTFOUND, "no incident %lld", (long long)incident_id);
	out->tasks = tasks.items;
	out->ntasks = tasks.n;
	return 0;
}

/* A mark (review, close, done) on a row that no longer takes it: someone was first. */
static int mark(struct store *s, enum stmt stmt, int64_t id, int64_t at, int64_t by,
		const char *note, const char *refusal, struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, stmt,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(at), DB_ARG_REF(by),
			     DB_ARG_TEXT(note && *note ? note : NULL)),
		     NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ECONFLICT, "%s", refusal);
}

int store_followup_review(struct store *s, int64_t incident_id, int64_t at, int64_t by,
			  const char *note, struct fd_error *err)
{
	return mark(s, STMT_FOLLOWUP_REVIEW, incident_id, at, by, note,
		    "the report is not signed, or is reviewed already", err);
}

int store_followup_close(struct store *s, int64_t incident_id, int64_t at, int64_t by,
			 const char *note, struct fd_error *err)
{
	return mark(s, STMT_FOLLOWUP_CLOSE, incident_id, at, by, note,
		    "the report is not reviewed, is closed already, or has tasks open", err);
}

static int list_awaiting(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct awaiting_review *w = row_list_push(l);
	w->id = db_int(row, AWAITING_COL_ID);
	w->branch_code = arena_strdup(l->arena, db_text(row, AWAITING_COL_BRANCH_CODE));
	w->branch_name = arena_strdup(l->arena, db_text(row, AWAITING_COL_BRANCH_NAME));
	w->category = (enum incident_category)enum_or(
		vocab_from_name(&vocab_incident_category, db_text(row, AWAITING_COL_CATEGORY)),
		INCIDENT_OTHER);
	w->signed_at = db_int(row, AWAITING_COL_SIGNED_AT);
	return 0;
}

int store_followup_awaiting(struct store *s, struct arena *a, struct awaiting_review **out,
			    size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct awaiting_review)};
	int rc = db_query(s, STMT_FOLLOWUP_AWAITING, NULL, 0, list_awaiting, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_task_insert(struct store *s, struct incident_task *t, struct fd_error *err)
{
	return db_query(s, STMT_TASK_INSERT,
			DB_ARGS(DB_ARG_INT(t->incident_id), DB_ARG_TEXT(task_kind_name(t->kind)),
				DB_ARG_TEXT(t->description ? t->description : ""),
				DB_ARG_INT(t->owner_id), DB_ARG_TEXT(t->due_on),
				DB_ARG_INT(t->due_from), DB_ARG_REF(t->created_by_id),
				DB_ARG_INT(t->created_at)),
			db_row_int, &t->id, NULL, err);
}

int store_task_get(struct store *s, int64_t id, struct arena *a, struct incident_task *out,
		   struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_TASK_GET, &arg, 1, one_task, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no follow-up task %lld", (long long)id);
}

int store_task_done(struct store *s, int64_t id, int64_t at, int64_t by, const char *note,
		    struct fd_error *err)
{
	return mark(s, STMT_TASK_DONE, id, at, by, note, "the task is done already", err);
}

int store_tasks_due(struct store *s, int64_t owner_id, int64_t now, struct arena *a,
		    struct incident_task **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct incident_task)};
	int rc = db_query(s, STMT_TASKS_DUE, DB_ARGS(DB_ARG_INT(owner_id), DB_ARG_INT(now)),
			  list_task, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
