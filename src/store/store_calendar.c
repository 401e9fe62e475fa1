/* The branch calendar: holidays, and the days a branch set closed or with other hours. */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_calendar.h"

static int list_entry(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct calendar_entry *e = row_list_push(l);
	e->day = arena_strdup(l->arena, db_text(row, HOLIDAY_COL_DAY));
	e->closed = true;
	e->opens_min = e->closes_min = -1;
	e->reason = arena_strdup(l->arena, db_text(row, HOLIDAY_COL_NAME));
	db_person(row, HOLIDAY_COL_ADDED_BY_LOGIN, l->arena, &e->set_by);
	return 0;
}

static int list_branch_day(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct calendar_entry *e = row_list_push(l);
	e->day = arena_strdup(l->arena, db_text(row, BRANCH_DAY_COL_DAY));
	e->closed = db_is_null(row, BRANCH_DAY_COL_OPENS_MIN);
	e->opens_min = e->closed ? -1 : (short)db_int(row, BRANCH_DAY_COL_OPENS_MIN);
	e->closes_min = e->closed ? -1 : (short)db_int(row, BRANCH_DAY_COL_CLOSES_MIN);
	e->reason = arena_strdup(l->arena, db_text(row, BRANCH_DAY_COL_REASON));
	db_person(row, BRANCH_DAY_COL_SET_BY_LOGIN, l->arena, &e->set_by);
	return 0;
}

int store_holiday_put(struct store *s, const char *day, const char *name, int64_t by, int64_t now,
		      struct fd_error *err)
{
	return db_query(
		s, STMT_HOLIDAY_PUT,
		DB_ARGS(DB_ARG_TEXT(day), DB_ARG_TEXT(name), DB_ARG_REF(by), DB_ARG_INT(now)), NULL,
		NULL, NULL, err);
}

int store_holiday_delete(struct store *s, const char *day, bool *found, struct fd_error *err)
{
	int64_t rows = 0;
	struct db_arg arg = DB_ARG_TEXT(day);
	int rc = db_query(s, STMT_HOLIDAY_DELETE, &arg, 1, NULL, NULL, &rows, err);
	*found = rows > 0;
	return rc;
}

int store_holidays(struct store *s, const char *from_day, const char *to_day, struct arena *a,
		   struct calendar_entry **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct calendar_entry)};
	int rc = db_query(s, STMT_HOLIDAY_LIST, DB_ARGS(DB_ARG_TEXT(from_day), DB_ARG_TEXT(to_day)),
			  list_entry, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_branch_day_put(struct store *s, int64_t branch_id, const char *day, bool closed,
			 int opens_min, int closes_min, const char *reason, int64_t by, int64_t now,
			 struct fd_error *err)
{
	struct db_arg none = {.type = DB_NULL};
	return db_query(s, STMT_BRANCH_DAY_PUT,
			DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(day),
				closed ? none : DB_ARG_INT(opens_min),
				closed ? none : DB_ARG_INT(closes_min), DB_ARG_TEXT(reason),
				DB_ARG_REF(by), DB_ARG_INT(now)),
			NULL, NULL, NULL, err);
}

int store_branch_day_delete(struct store *s, int64_t branch_id, const char *day, bool *found,
			    struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_BRANCH_DAY_DELETE,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(day)), NULL, NULL, &rows, err);
	*found = rows > 0;
	return rc;
}

int store_branch_days(struct store *s, int64_t branch_id, const char *from_day, const char *to_day,
		      struct arena *a, struct calendar_entry **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct calendar_entry)};
	int rc =
		db_query(s, STMT_BRANCH_DAY_LIST,
			 DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_TEXT(from_day), DB_ARG_TEXT(to_day)),
			 list_branch_day, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
