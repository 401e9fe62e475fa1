/* Calls for the person in charge by someone who may not handle a case (CS-DIFFICULT). */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_fetch.h"

static void fetch_from_row(struct db_row *row, struct arena *a, struct fetch *f)
{
	f->id = db_int(row, FETCH_COL_ID);
	f->branch_id = db_int(row, FETCH_COL_BRANCH_ID);
	f->branch_code = arena_strdup(a, db_text(row, FETCH_COL_BRANCH_CODE));
	f->asked_at = db_int(row, FETCH_COL_ASKED_AT);
	db_person(row, FETCH_COL_ASKED_BY_LOGIN, a, &f->asked_by);
	db_person(row, FETCH_COL_TO_LOGIN, a, &f->to);
	f->about = arena_strdup(a, db_text(row, FETCH_COL_ABOUT));
	f->note = arena_strdup(a, db_text(row, FETCH_COL_NOTE));
	db_person(row, FETCH_COL_ANSWERED_BY_LOGIN, a, &f->answered_by);
	f->answered_at = db_int(row, FETCH_COL_ANSWERED_AT);
	f->to_id = db_int(row, FETCH_COL_TO_ID);
}

static int one_fetch(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	fetch_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_fetch(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	fetch_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_fetch_insert(struct store *s, struct fetch *f, struct fd_error *err)
{
	return db_query(s, STMT_FETCH_INSERT,
			DB_ARGS(DB_ARG_INT(f->branch_id), DB_ARG_REF(f->asked_by_id),
				DB_ARG_INT(f->asked_at), DB_ARG_REF(f->to_id),
				DB_ARG_TEXT(f->about), DB_ARG_TEXT(f->note ? f->note : "")),
			db_row_int, &f->id, NULL, err);
}

int store_fetch_get(struct store *s, int64_t id, struct arena *a, struct fetch *out,
		    struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_FETCH_GET, &arg, 1, one_fetch, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no such call for the person in charge");
}

int store_fetch_list_open(struct store *s, int64_t branch_id, struct arena *a, struct fetch **out,
			  size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct fetch)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = branch_id ? db_query(s, STMT_FETCH_LIST_OPEN, &arg, 1, list_fetch, &l, NULL, err)
			   : db_query(s, STMT_FETCH_LIST_HQ, NULL, 0, list_fetch, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_fetch_answer(struct store *s, int64_t id, int64_t staff_id, int64_t at,
		       struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_FETCH_ANSWER,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_REF(staff_id), DB_ARG_INT(at)), NULL, NULL,
		     &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ECONFLICT, "someone has answered this call already");
}
