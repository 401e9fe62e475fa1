/* The facts reminders about untouched requests go by, and the mark that one was sent. */
#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store_reminder.h"

static int list_facts(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct reminder_facts *f = row_list_push(l);
	f->request_id = db_int(row, REMINDER_COL_REQUEST_ID);
	f->branch_id = db_int(row, REMINDER_COL_BRANCH_ID);
	f->holder_id = db_int(row, REMINDER_COL_HOLDER_ID);
	f->level = (enum request_level)enum_or(
		vocab_from_name(&vocab_request_level, db_text(row, REMINDER_COL_LEVEL)),
		LEVEL_DESK);
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
