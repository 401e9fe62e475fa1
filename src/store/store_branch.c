/* Branches: code, name, time zone, opening hours, phone and postal address. */
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_branch.h"

static void branch_from_row(struct db_row *row, struct arena *a, struct branch *b)
{
	b->id = db_int(row, BRANCH_COL_ID);
	b->code = arena_strdup(a, db_text(row, BRANCH_COL_CODE));
	b->name = arena_strdup(a, db_text(row, BRANCH_COL_NAME));
	b->time_zone = arena_strdup(a, db_text(row, BRANCH_COL_TIME_ZONE));
	b->hours = arena_strdup(a, db_text(row, BRANCH_COL_HOURS));
	b->phone = arena_strdup(a, db_text(row, BRANCH_COL_PHONE));
	b->address = arena_strdup(a, db_text(row, BRANCH_COL_ADDRESS));
	b->headquarters = db_int(row, BRANCH_COL_HEADQUARTERS) != 0;
	b->ack_target_s = (int)db_int(row, BRANCH_COL_ACK_TARGET_S);
	b->no_show_after_s = (int)db_int(row, BRANCH_COL_NO_SHOW_AFTER_S);
}

static int one_branch(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	branch_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_branch(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	branch_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_branch_insert(struct store *s, const struct branch *b, int64_t now, int64_t *id,
			struct fd_error *err)
{
	int rc = db_query(s, STMT_BRANCH_INSERT,
			  DB_ARGS(DB_ARG_TEXT(b->code), DB_ARG_TEXT(b->name),
				  DB_ARG_TEXT(b->time_zone), DB_ARG_TEXT(b->hours ? b->hours : ""),
				  DB_ARG_TEXT(b->phone ? b->phone : ""),
				  DB_ARG_INT(b->headquarters), DB_ARG_INT(b->ack_target_s),
				  DB_ARG_INT(now), DB_ARG_INT(b->no_show_after_s),
				  DB_ARG_TEXT(b->address ? b->address : "")),
			  db_row_int, id, NULL, err);
	if (rc && err && err->code == FD_ECONFLICT)
		fd_fail(err, FD_ECONFLICT, "a branch with code %s exists already", b->code);
	return rc;
}

int store_branch_update(struct store *s, const struct branch *b, struct fd_error *err)
{
	return db_query(s, STMT_BRANCH_UPDATE,
			DB_ARGS(DB_ARG_INT(b->id), DB_ARG_TEXT(b->name), DB_ARG_TEXT(b->time_zone),
				DB_ARG_TEXT(b->hours ? b->hours : ""),
				DB_ARG_TEXT(b->phone ? b->phone : ""),
				DB_ARG_TEXT(b->address ? b->address : ""),
				DB_ARG_INT(b->ack_target_s), DB_ARG_INT(b->no_show_after_s)),
			NULL, NULL, NULL, err);
}

static int get_branch(struct store *s, enum stmt stmt, struct db_arg arg, const char *what,
		      struct arena *a, struct branch *out, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	if (db_query(s, stmt, &arg, 1, one_branch, &o, NULL, err))
		return -1;
	if (!o.found)
		return fd_fail(err, FD_ENOTFOUND, "no branch %s", what);
	return 0;
}

int store_branch_get(struct store *s, const char *code, struct arena *a, struct branch *out,
		     struct fd_error *err)
{
	return get_branch(s, STMT_BRANCH_GET, DB_ARG_TEXT(code), code, a, out, err);
}

int store_branch_get_by_id(struct store *s, int64_t id, struct arena *a, struct branch *out,
			   struct fd_error *err)
{
	return get_branch(s, STMT_BRANCH_GET_BY_ID, DB_ARG_INT(id), "with that id", a, out, err);
}

int store_branch_list(struct store *s, struct arena *a, struct branch **out, size_t *n,
		      struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct branch)};
	if (db_query(s, STMT_BRANCH_LIST, NULL, 0, list_branch, &l, NULL, err))
		return -1;
	*out = l.items;
	*n = l.n;
	return 0;
}

int store_branch_count(struct store *s, int64_t *n, struct fd_error *err)
{
	return db_query(s, STMT_BRANCH_COUNT, NULL, 0, db_row_int, n, NULL, err);
}

int store_branch_lock(struct store *s, int64_t id, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_INT(id);
	return db_query(s, STMT_BRANCH_LOCK, &arg, 1, NULL, NULL, NULL, err);
}

int store_record_branch(struct store *s, enum record_kind kind, const char *key, int64_t *branch_id,
			struct fd_error *err)
{
	static const enum stmt stmts[RECORD__MAX] = {
		[RECORD_BRANCH] = STMT_BRANCH_OF_CODE,
		[RECORD_VISIT] = STMT_BRANCH_OF_VISIT,
		[RECORD_REQUEST] = STMT_BRANCH_OF_REQUEST,
		[RECORD_COMPLAINT] = STMT_BRANCH_OF_COMPLAINT,
		[RECORD_SITUATION] = STMT_BRANCH_OF_SITUATION,
		[RECORD_INCIDENT] = STMT_BRANCH_OF_INCIDENT,
		[RECORD_RESTRICTION] = STMT_BRANCH_OF_RESTRICTION,
		[RECORD_JUDGEMENT] = STMT_BRANCH_OF_JUDGEMENT,
		[RECORD_FETCH] = STMT_BRANCH_OF_FETCH,
		[RECORD_INCIDENT_TASK] = STMT_BRANCH_OF_TASK,
	};
	struct db_arg arg = DB_ARG_TEXT(key);
	*branch_id = 0;
	if (kind >= RECORD__MAX || !key)
		return fd_fail(err, FD_ENOTFOUND, "no such record");
	if (kind != RECORD_BRANCH) {
		/* An id: digits only, and small enough to be one. */
		char *end;
		long long id = strtoll(key, &end, 10);
		if (!*key || *end || id <= 0 || strspn(key, "0123456789") != strlen(key))
			return fd_fail(err, FD_ENOTFOUND, "no such record");
		arg = DB_ARG_INT(id);
	}
	if (db_query(s, stmts[kind], &arg, 1, db_row_int, branch_id, NULL, err))
		return -1;
	return *branch_id ? 0 : fd_fail(err, FD_ENOTFOUND, "no such record");
}
