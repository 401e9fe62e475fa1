/* The branch calendar, shift handovers and the facts reminders go by. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store.h"

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

int store_handover_insert(struct store *s, struct handover *h, struct fd_error *err)
{
	return db_query(s, STMT_HANDOVER_INSERT,
			DB_ARGS(DB_ARG_INT(h->branch_id), DB_ARG_INT(h->from_id),
				DB_ARG_REF(h->to_id), DB_ARG_TEXT(h->note), DB_ARG_INT(h->at),
				DB_ARG_INT(h->requests), DB_ARG_INT(h->callbacks),
				DB_ARG_INT(h->incidents)),
			db_row_int, &h->id, NULL, err);
}

static int list_handover(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct handover *h = row_list_push(l);
	h->id = db_int(row, HANDOVER_COL_ID);
	h->branch_code = arena_strdup(l->arena, db_text(row, HANDOVER_COL_BRANCH_CODE));
	db_person(row, HANDOVER_COL_FROM_LOGIN, l->arena, &h->from);
	h->note = arena_strdup(l->arena, db_text(row, HANDOVER_COL_NOTE));
	h->at = db_int(row, HANDOVER_COL_AT);
	h->requests = (int)db_int(row, HANDOVER_COL_REQUESTS);
	h->callbacks = (int)db_int(row, HANDOVER_COL_CALLBACKS);
	h->incidents = (int)db_int(row, HANDOVER_COL_INCIDENTS);
	return 0;
}

int store_handovers_to(struct store *s, int64_t staff_id, int64_t since, struct arena *a,
		       struct handover **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct handover)};
	int rc =
		db_query(s, STMT_HANDOVER_LIST_TO, DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(since)),
			 list_handover, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static int list_facts(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct reminder_facts *f = row_list_push(l);
	f->request_id = db_int(row, REMINDER_COL_REQUEST_ID);
	f->branch_id = db_int(row, REMINDER_COL_BRANCH_ID);
	f->holder_id = db_int(row, REMINDER_COL_HOLDER_ID);
	f->level = (enum request_level)enum_or(
		request_level_from_name(db_text(row, REMINDER_COL_LEVEL)), LEVEL_DESK);
	f->reminded_level = (int)db_int(row, REMINDER_COL_REMINDED_LEVEL);
	f->reminded_at = db_int(row, REMINDER_COL_REMINDED_AT);
	f->last_touch = db_int(row, REMINDER_COL_LAST_TOUCH);
	return 0;
}

int store_reminder_lock(struct store *s, struct fd_error *err)
{
	return db_query(s, STMT_REMINDER_LOCK, NULL, 0, NULL, NULL, NULL, err);
}

int store_reminder_facts(struct store *s, struct arena *a, struct reminder_facts **out, size_t *n,
			 struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct reminder_facts)};
	int rc = db_query(s, STMT_REQUEST_REMINDER_FACTS, NULL, 0, list_facts, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_request_reminded(struct store *s, int64_t request_id, int level, int64_t at,
			   struct fd_error *err)
{
	return db_query(s, STMT_REQUEST_REMINDED,
			DB_ARGS(DB_ARG_INT(request_id), DB_ARG_INT(level), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}

static int list_duty(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct open_duty *d = row_list_push(l);
	d->staff_id = db_int(row, OPEN_DUTY_COL_STAFF_ID);
	d->branch_id = db_int(row, OPEN_DUTY_COL_BRANCH_ID);
	d->on_at = db_int(row, OPEN_DUTY_COL_ON_AT);
	return 0;
}

int store_duties_open(struct store *s, struct arena *a, struct open_duty **out, size_t *n,
		      struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct open_duty)};
	int rc = db_query(s, STMT_DUTY_OPEN_ALL, NULL, 0, list_duty, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
