/* The exit kiosks and their tries (see store_kiosk.h). */
#include "store/store_kiosk.h"

#include "store/columns.h"
#include "store/db.h"
#include "store/rows.h"

int store_kiosk_add(struct store *s, const char *token_hash, int64_t branch_id, int64_t created_by,
		    int64_t at, int64_t *id, struct fd_error *err)
{
	*id = 0;
	return db_query(s, STMT_KIOSK_ADD,
			DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(branch_id),
				DB_ARG_REF(created_by), DB_ARG_INT(at)),
			db_row_int, id, NULL, err);
}

int store_kiosk_find(struct store *s, const char *token_hash, int64_t branch_id, int64_t *id,
		     struct fd_error *err)
{
	*id = 0;
	return db_query(s, STMT_KIOSK_FIND, DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(branch_id)),
			db_row_int, id, NULL, err);
}

static int list_kiosk(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct kiosk_device *k = row_list_push(l);
	k->id = db_int(row, KIOSK_COL_ID);
	k->branch_id = db_int(row, KIOSK_COL_BRANCH_ID);
	k->created_at = db_int(row, KIOSK_COL_CREATED_AT);
	k->created_by_name = arena_strdup(l->arena, db_text(row, KIOSK_COL_CREATED_BY_NAME));
	return 0;
}

int store_kiosk_list(struct store *s, int64_t branch_id, struct arena *a, struct kiosk_device **out,
		     size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct kiosk_device)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = db_query(s, STMT_KIOSK_LIST, &arg, 1, list_kiosk, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_kiosk_retire(struct store *s, int64_t id, int64_t branch_id, int64_t at,
		       struct fd_error *err)
{
	int64_t done = 0;
	if (db_query(s, STMT_KIOSK_RETIRE,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(branch_id), DB_ARG_INT(at)), db_row_int,
		     &done, NULL, err))
		return -1;
	return done ? 0
		    : fd_fail(err, FD_ENOTFOUND, "no exit kiosk %lld in service here",
			      (long long)id);
}

int store_kiosk_tries(struct store *s, int64_t kiosk_id, int64_t since, int64_t *n,
		      struct fd_error *err)
{
	*n = 0;
	return db_query(s, STMT_KIOSK_TRY_COUNT, DB_ARGS(DB_ARG_INT(kiosk_id), DB_ARG_INT(since)),
			db_row_int, n, NULL, err);
}

int store_kiosk_try_add(struct store *s, int64_t kiosk_id, int64_t at, int64_t forget_before,
			struct fd_error *err)
{
	/* The table holds only the tries the count still needs. */
	struct db_arg old = DB_ARG_INT(forget_before);
	if (db_query(s, STMT_KIOSK_TRY_FORGET, &old, 1, NULL, NULL, NULL, err))
		return -1;
	return db_query(s, STMT_KIOSK_TRY_ADD, DB_ARGS(DB_ARG_INT(kiosk_id), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}
