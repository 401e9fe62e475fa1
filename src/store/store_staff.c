/* Staff accounts and their duty (who is clocked on where). */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_memo.h"
#include "store/store_staff.h"

/* Columns as STAFF_COLUMNS (columns.h); duty rows add DUTY_COLUMNS after them. */
static void staff_from_row(struct db_row *row, struct arena *a, struct staff *st)
{
	st->id = db_int(row, STAFF_COL_ID);
	st->login = arena_strdup(a, db_text(row, STAFF_COL_LOGIN));
	st->name = arena_strdup(a, db_text(row, STAFF_COL_NAME));
	int role = vocab_from_name(&vocab_role, db_text(row, STAFF_COL_ROLE));
	st->role = role < 0 ? ROLE_PAGE : (enum role)role; /* least authority if ever unknown */
	st->branch_id = db_int(row, STAFF_COL_BRANCH_ID);
	st->branch_code = arena_strdup(a, db_text(row, STAFF_COL_BRANCH_CODE));
	st->email = arena_strdup(a, db_text(row, STAFF_COL_EMAIL));
	st->phone = arena_strdup(a, db_text(row, STAFF_COL_PHONE));
	st->password_hash = arena_strdup(a, db_text(row, STAFF_COL_PASSWORD_HASH));
	st->service_start = arena_strdup(a, db_text(row, STAFF_COL_SERVICE_START));
	st->active = db_int(row, STAFF_COL_ACTIVE) != 0;
	st->created_at = db_int(row, STAFF_COL_CREATED_AT);
	st->last_login_at = db_int(row, STAFF_COL_LAST_LOGIN_AT);
	st->duty_branch_id = db_int(row, STAFF_COL_DUTY_BRANCH_ID);
	st->duty_branch_code = arena_strdup(a, db_text(row, STAFF_COL_DUTY_BRANCH_CODE));
	st->duty_desk = arena_strdup(a, db_text(row, STAFF_COL_DUTY_DESK));
}

static void duty_from_row(struct db_row *row, struct arena *a, struct duty *d)
{
	staff_from_row(row, a, &d->staff);
	d->branch_id = db_int(row, DUTY_COL_BRANCH_ID);
	d->branch_code = arena_strdup(a, db_text(row, DUTY_COL_BRANCH_CODE));
	d->on_at = db_int(row, DUTY_COL_ON_AT);
}

static int one_staff(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	staff_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_staff(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	staff_from_row(row, l->arena, row_list_push(l));
	return 0;
}

static int one_duty(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	duty_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_duty(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	duty_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_staff_insert(struct store *s, const struct staff *st, int64_t now, int64_t *id,
		       struct fd_error *err)
{
	int rc = db_query(s, STMT_STAFF_INSERT,
			  DB_ARGS(DB_ARG_TEXT(st->login), DB_ARG_TEXT(st->name),
				  DB_ARG_TEXT(role_name(st->role)), DB_ARG_REF(st->branch_id),
				  DB_ARG_TEXT(st->email ? st->email : ""),
				  DB_ARG_TEXT(st->phone ? st->phone : ""),
				  DB_ARG_TEXT(st->password_hash), DB_ARG_TEXT(st->service_start),
				  DB_ARG_INT(now)),
			  db_row_int, id, NULL, err);
	if (rc && err && err->code == FD_ECONFLICT)
		fd_fail(err, FD_ECONFLICT, "a user with login %s exists already", st->login);
	return rc;
}

static int get_staff(struct store *s, enum stmt stmt, struct db_arg arg, struct arena *a,
		     struct staff *out, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	if (db_query(s, stmt, &arg, 1, one_staff, &o, NULL, err))
		return -1;
	if (!o.found)
		return fd_fail(err, FD_ENOTFOUND, "no such user");
	return 0;
}

int store_staff_get(struct store *s, const char *login, struct arena *a, struct staff *out,
		    struct fd_error *err)
{
	return get_staff(s, STMT_STAFF_GET, DB_ARG_TEXT(login), a, out, err);
}

int store_staff_get_by_id(struct store *s, int64_t id, struct arena *a, struct staff *out,
			  struct fd_error *err)
{
	return get_staff(s, STMT_STAFF_GET_BY_ID, DB_ARG_INT(id), a, out, err);
}

/* A token's holder, its strings copied into a; no password hash, which the holder of a token
 * has no use for and the memo does not keep. */
static void copy_staff(struct arena *a, const struct staff *from, struct staff *to)
{
	*to = *from;
	to->login = arena_strdup(a, from->login);
	to->name = arena_strdup(a, from->name);
	to->email = arena_strdup(a, from->email);
	to->phone = arena_strdup(a, from->phone);
	to->branch_code = arena_strdup(a, from->branch_code);
	to->password_hash = NULL;
	to->service_start = arena_strdup(a, from->service_start);
	to->duty_branch_code = arena_strdup(a, from->duty_branch_code);
	to->duty_desk = arena_strdup(a, from->duty_desk);
}

int store_staff_by_token(struct store *s, const char *token_hash, struct arena *a,
			 struct staff *out, struct fd_error *err)
{
	/* Every API call starts here: remembered while the database is unchanged. */
	const struct staff *known = memo_get(s, MEMO_STAFF, token_hash);
	if (known) {
		copy_staff(a, known, out); /* the memo may forget it while the request holds it */
		return 0;
	}
	if (get_staff(s, STMT_STAFF_BY_TOKEN, DB_ARG_TEXT(token_hash), a, out, err))
		return -1;
	out->password_hash = NULL; /* as from memory: the same answer either way */
	struct arena *keep;
	struct staff *kept = memo_put(s, MEMO_STAFF, token_hash, sizeof *kept, &keep);
	if (kept)
		copy_staff(keep, out, kept);
	return 0;
}

/* all: the statement for every account; one: for those of branch_id. */
static int staff_rows(struct store *s, enum stmt all, enum stmt one, int64_t branch_id,
		      struct arena *a, struct staff **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct staff)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = branch_id ? db_query(s, one, &arg, 1, list_staff, &l, NULL, err)
			   : db_query(s, all, NULL, 0, list_staff, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_staff_list(struct store *s, int64_t branch_id, struct arena *a, struct staff **out,
		     size_t *n, struct fd_error *err)
{
	return staff_rows(s, STMT_STAFF_LIST, STMT_STAFF_LIST_BRANCH, branch_id, a, out, n, err);
}

int store_staff_active(struct store *s, int64_t branch_id, struct arena *a, struct staff **out,
		       size_t *n, struct fd_error *err)
{
	return staff_rows(s, STMT_STAFF_ACTIVE, STMT_STAFF_ACTIVE_BRANCH, branch_id, a, out, n,
			  err);
}

/* An UPDATE … RETURNING that must touch exactly the one row. */
static int update_one(struct store *s, enum stmt stmt, int64_t id, struct db_arg value,
		      struct fd_error *err)
{
	int64_t rows;
	if (db_query(s, stmt, DB_ARGS(DB_ARG_INT(id), value), NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ENOTFOUND, "no such user");
}

int store_staff_set_active(struct store *s, int64_t id, bool active, struct fd_error *err)
{
	return update_one(s, STMT_STAFF_SET_ACTIVE, id, DB_ARG_INT(active), err);
}

int store_staff_set_last_login(struct store *s, int64_t id, int64_t at, struct fd_error *err)
{
	return update_one(s, STMT_STAFF_SET_LAST_LOGIN, id, DB_ARG_INT(at), err);
}

int store_staff_update(struct store *s, const struct staff *st, struct fd_error *err)
{
	int64_t rows;
	if (db_query(s, STMT_STAFF_UPDATE,
		     DB_ARGS(DB_ARG_INT(st->id), DB_ARG_TEXT(st->name),
			     DB_ARG_TEXT(role_name(st->role)), DB_ARG_REF(st->branch_id),
			     DB_ARG_TEXT(st->email ? st->email : ""),
			     DB_ARG_TEXT(st->phone ? st->phone : ""),
			     DB_ARG_TEXT(st->service_start)),
		     NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0 : fd_fail(err, FD_ENOTFOUND, "no such user");
}

int store_duty_open(struct store *s, int64_t staff_id, int64_t branch_id, const char *desk,
		    int64_t now, struct fd_error *err)
{
	int rc = db_query(s, STMT_DUTY_OPEN,
			  DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(branch_id), DB_ARG_INT(now),
				  DB_ARG_TEXT(desk)),
			  NULL, NULL, NULL, err);
	if (rc && err && err->code == FD_ECONFLICT)
		fd_fail(err, FD_ECONFLICT, "already on duty");
	return rc;
}

int store_duty_set_desk(struct store *s, int64_t staff_id, const char *desk, struct fd_error *err)
{
	return db_query(s, STMT_DUTY_SET_DESK, DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_TEXT(desk)),
			NULL, NULL, NULL, err);
}

int store_duty_record(struct store *s, int64_t staff_id, int64_t branch_id, int64_t on_at,
		      int64_t off_at, struct fd_error *err)
{
	return db_query(s, STMT_DUTY_RECORD,
			DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(branch_id), DB_ARG_INT(on_at),
				DB_ARG_INT(off_at)),
			NULL, NULL, NULL, err);
}

int store_duty_close(struct store *s, int64_t staff_id, int64_t now, bool *closed,
		     struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_DUTY_CLOSE, DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(now)), NULL,
			  NULL, &rows, err);
	if (closed)
		*closed = rows > 0;
	return rc;
}

int store_duty_current(struct store *s, int64_t staff_id, struct arena *a, struct duty *out,
		       bool *found, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(staff_id);
	int rc = db_query(s, STMT_DUTY_CURRENT, &arg, 1, one_duty, &o, NULL, err);
	*found = o.found;
	return rc;
}

int store_duty_list(struct store *s, int64_t branch_id, struct arena *a, struct duty **out,
		    size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct duty)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = db_query(s, STMT_DUTY_LIST, &arg, 1, list_duty, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_duty_ended_since(struct store *s, int64_t branch_id, int64_t since, int64_t staff_id,
			   struct arena *a, struct duty **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct duty)};
	int rc = db_query(s, STMT_DUTY_ENDED_SINCE,
			  DB_ARGS(DB_ARG_INT(branch_id), DB_ARG_INT(since), DB_ARG_INT(staff_id)),
			  list_duty, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

static int list_open_duty(void *ctx, struct db_row *row)
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
	int rc = db_query(s, STMT_DUTY_OPEN_ALL, NULL, 0, list_open_duty, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
