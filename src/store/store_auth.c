/* Sessions, API tokens and failed logins. Only hashes of secrets are stored. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_auth.h"

#include <string.h>

static int one_session(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct session *se = o->out;
	se->id = db_int(row, SESSION_COL_ID);
	se->staff_id = db_int(row, SESSION_COL_STAFF_ID);
	se->csrf_token = arena_strdup(o->arena, db_text(row, SESSION_COL_CSRF_TOKEN));
	se->created_at = db_int(row, SESSION_COL_CREATED_AT);
	se->last_seen_at = db_int(row, SESSION_COL_LAST_SEEN_AT);
	o->found = 1;
	return 0;
}

int store_session_insert(struct store *s, const char *token_hash, int64_t staff_id,
			 const char *csrf_token, const char *address, int64_t now,
			 struct fd_error *err)
{
	return db_query(s, STMT_SESSION_INSERT,
			DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(staff_id),
				DB_ARG_TEXT(csrf_token), DB_ARG_INT(now), DB_ARG_TEXT(address)),
			NULL, NULL, NULL, err);
}

int store_session_get(struct store *s, const char *token_hash, struct arena *a, struct session *out,
		      bool *found, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_TEXT(token_hash);
	int rc = db_query(s, STMT_SESSION_GET, &arg, 1, one_session, &o, NULL, err);
	*found = o.found;
	return rc;
}

int store_session_touch(struct store *s, int64_t id, int64_t now, struct fd_error *err)
{
	return db_query(s, STMT_SESSION_TOUCH, DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(now)), NULL, NULL,
			NULL, err);
}

int store_session_delete(struct store *s, const char *token_hash, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_TEXT(token_hash);
	return db_query(s, STMT_SESSION_DELETE, &arg, 1, NULL, NULL, NULL, err);
}

int store_session_delete_for_staff(struct store *s, int64_t staff_id, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_INT(staff_id);
	return db_query(s, STMT_SESSION_DELETE_STAFF, &arg, 1, NULL, NULL, NULL, err);
}

int store_token_insert(struct store *s, const char *token_hash, int64_t staff_id, int64_t now,
		       struct fd_error *err)
{
	return db_query(s, STMT_TOKEN_INSERT,
			DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(staff_id), DB_ARG_INT(now)),
			NULL, NULL, NULL, err);
}

int store_token_revoke(struct store *s, const char *token_hash, int64_t now, bool *found,
		       struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_TOKEN_REVOKE, DB_ARGS(DB_ARG_TEXT(token_hash), DB_ARG_INT(now)),
			  NULL, NULL, &rows, err);
	*found = rows > 0;
	return rc;
}

int store_login_lock(struct store *s, const char *login, const char *address, struct fd_error *err)
{
	/* Always the login first: two attempts never wait for each other both ways. */
	struct db_arg l = DB_ARG_TEXT(login), a = DB_ARG_TEXT(address);
	int rc = db_query(s, STMT_LOGIN_LOCK_LOGIN, &l, 1, NULL, NULL, NULL, err);
	if (!rc)
		rc = db_query(s, STMT_LOGIN_LOCK_ADDRESS, &a, 1, NULL, NULL, NULL, err);
	return rc;
}

int store_login_failure_add(struct store *s, const char *login, const char *address, int64_t now,
			    struct fd_error *err)
{
	return db_query(s, STMT_LOGIN_FAILURE_ADD,
			DB_ARGS(DB_ARG_TEXT(login), DB_ARG_TEXT(address), DB_ARG_INT(now)), NULL,
			NULL, NULL, err);
}

static int row_history(void *ctx, struct db_row *row)
{
	struct login_history *h = ctx;
	h->pair = db_int(row, LOGIN_COL_PAIR);
	h->pair_last_at = db_int(row, LOGIN_COL_PAIR_LAST_AT);
	h->address = db_int(row, LOGIN_COL_ADDRESS);
	h->address_last_at = db_int(row, LOGIN_COL_ADDRESS_LAST_AT);
	h->login = db_int(row, LOGIN_COL_LOGIN);
	h->login_last_at = db_int(row, LOGIN_COL_LOGIN_LAST_AT);
	h->familiar = db_int(row, LOGIN_COL_FAMILIAR) > 0;
	return 0;
}

int store_login_history(struct store *s, const char *login, const char *address, int64_t since,
			int64_t familiar_since, struct login_history *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	return db_query(s, STMT_LOGIN_HISTORY,
			DB_ARGS(DB_ARG_TEXT(login), DB_ARG_TEXT(address), DB_ARG_INT(since),
				DB_ARG_INT(familiar_since)),
			row_history, out, NULL, err);
}

int store_login_succeeded(struct store *s, const char *login, const char *address, int64_t now,
			  struct fd_error *err)
{
	int rc = db_query(s, STMT_LOGIN_FAILURES_CLEAR,
			  DB_ARGS(DB_ARG_TEXT(login), DB_ARG_TEXT(address)), NULL, NULL, NULL, err);
	if (!rc)
		rc = db_query(s, STMT_LOGIN_FAMILIAR_MARK,
			      DB_ARGS(DB_ARG_TEXT(login), DB_ARG_TEXT(address), DB_ARG_INT(now)),
			      NULL, NULL, NULL, err);
	return rc;
}

int store_login_forget(struct store *s, int64_t failures_before, int64_t familiar_before,
		       struct fd_error *err)
{
	struct db_arg failures = DB_ARG_INT(failures_before),
		      familiar = DB_ARG_INT(familiar_before);
	int rc = db_query(s, STMT_LOGIN_FAILURES_FORGET, &failures, 1, NULL, NULL, NULL, err);
	if (!rc)
		rc = db_query(s, STMT_LOGIN_FAMILIAR_FORGET, &familiar, 1, NULL, NULL, NULL, err);
	return rc;
}
