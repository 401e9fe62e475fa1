/* Requests, the alternatives offered for them, and their history. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_request.h"

/* Columns as REQUEST_COLUMNS (columns.h). */
static void request_from_row(struct db_row *row, struct arena *a, struct request_rec *r)
{
	r->id = db_int(row, REQUEST_COL_ID);
	r->branch_id = db_int(row, REQUEST_COL_BRANCH_ID);
	r->branch_code = arena_strdup(a, db_text(row, REQUEST_COL_BRANCH_CODE));
	r->visit_id = db_int(row, REQUEST_COL_VISIT_ID);
	r->customer_id = db_int(row, REQUEST_COL_CUSTOMER_ID);
	r->customer_card = arena_strdup(a, db_text(row, REQUEST_COL_CUSTOMER_CARD));
	r->customer_name = arena_strdup(a, db_text(row, REQUEST_COL_CUSTOMER_NAME));
	r->kind = (enum request_kind)enum_or(
		vocab_from_name(&vocab_request_kind, db_text(row, REQUEST_COL_KIND)),
		REQUEST_OTHER);
	r->text = arena_strdup(a, db_text(row, REQUEST_COL_TEXT));
	r->text_retain_until = db_int(row, REQUEST_COL_TEXT_RETAIN_UNTIL);
	r->closed = db_text(row, REQUEST_COL_STATUS) && db_text(row, REQUEST_COL_STATUS)[0] == 'c';
	r->level = (enum request_level)enum_or(
		vocab_from_name(&vocab_request_level, db_text(row, REQUEST_COL_LEVEL)),
		LEVEL_HEADQUARTERS);
	r->holder_id = db_int(row, REQUEST_COL_HOLDER_ID);
	r->holder_login = arena_strdup(a, db_text(row, REQUEST_COL_HOLDER_LOGIN));
	r->holder_name = arena_strdup(a, db_text(row, REQUEST_COL_HOLDER_NAME));
	r->holder_role = (enum role)enum_or(
		vocab_from_name(&vocab_role, db_text(row, REQUEST_COL_HOLDER_ROLE)), ROLE_PAGE);
	r->created_by = db_int(row, REQUEST_COL_CREATED_BY);
	r->created_by_login = arena_strdup(a, db_text(row, REQUEST_COL_CREATED_BY_LOGIN));
	r->created_by_name = arena_strdup(a, db_text(row, REQUEST_COL_CREATED_BY_NAME));
	r->created_by_role = (enum role)enum_or(
		vocab_from_name(&vocab_role, db_text(row, REQUEST_COL_CREATED_BY_ROLE)), ROLE_PAGE);
	r->created_at = db_int(row, REQUEST_COL_CREATED_AT);
	r->outcome = (enum request_outcome)enum_or(
		vocab_from_name(&vocab_request_outcome, db_text(row, REQUEST_COL_OUTCOME)),
		OUTCOME_NONE);
	r->closed_at = db_int(row, REQUEST_COL_CLOSED_AT);
	r->close_note = arena_strdup(a, db_text(row, REQUEST_COL_CLOSE_NOTE));
}

static int one_request(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	request_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_request(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	request_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_request_insert(struct store *s, struct request_rec *r, struct fd_error *err)
{
	return db_query(s, STMT_REQUEST_INSERT,
			DB_ARGS(DB_ARG_INT(r->branch_id), DB_ARG_REF(r->visit_id),
				DB_ARG_REF(r->customer_id), DB_ARG_TEXT(request_kind_name(r->kind)),
				DB_ARG_TEXT(r->text), DB_ARG_REF(r->text_retain_until),
				DB_ARG_REF(r->created_by), DB_ARG_INT(r->created_at)),
			db_row_int, &r->id, NULL, err);
}

int store_request_get(struct store *s, int64_t id, struct arena *a, struct request_rec *out,
		      struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_REQUEST_GET, &arg, 1, one_request, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no request %lld", (long long)id);
}

int store_request_list_open(struct store *s, int64_t branch_id, int64_t holder_id, struct arena *a,
			    struct request_rec **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct request_rec)};
	struct db_arg arg = DB_ARG_INT(branch_id ? branch_id : holder_id);
	enum stmt st = branch_id   ? STMT_REQUEST_LIST_BRANCH
		       : holder_id ? STMT_REQUEST_LIST_HOLDER
				   : STMT_REQUEST_LIST_HQ;
	int rc = db_query(s, st, &arg, branch_id || holder_id ? 1 : 0, list_request, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_request_list_customer(struct store *s, int64_t customer_id, struct arena *a,
				struct request_rec **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct request_rec)};
	struct db_arg arg = DB_ARG_INT(customer_id);
	int rc = db_query(s, STMT_REQUEST_LIST_CUSTOMER, &arg, 1, list_request, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_request_update(struct store *s, const struct request_rec *r, struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(
		s, STMT_REQUEST_UPDATE,
		DB_ARGS(DB_ARG_INT(r->id), DB_ARG_TEXT(r->closed ? "closed" : "open"),
			DB_ARG_TEXT(request_level_name(r->level)), DB_ARG_REF(r->holder_id),
			DB_ARG_TEXT(request_outcome_name(r->outcome)), DB_ARG_REF(r->closed_at),
			DB_ARG_REF(r->closed_by), DB_ARG_TEXT(r->close_note)),
		NULL, NULL, &rows, err);
	if (!rc && rows != 1)
		rc = fd_fail(err, FD_ENOTFOUND, "no request %lld", (long long)r->id);
	return rc;
}

int store_alt_insert(struct store *s, int64_t request_id, enum alt_kind kind, const char *note,
		     int accepted, int64_t by, int64_t at, struct fd_error *err)
{
	struct db_arg answer = DB_ARG_INT(accepted);
	if (accepted < 0)
		answer.type = DB_NULL;
	return db_query(s, STMT_ALT_INSERT,
			DB_ARGS(DB_ARG_INT(request_id), DB_ARG_TEXT(alt_kind_name(kind)),
				DB_ARG_TEXT(note ? note : ""), answer, DB_ARG_REF(by),
				DB_ARG_INT(at), DB_ARG_REF(accepted < 0 ? 0 : at)),
			NULL, NULL, NULL, err);
}

int store_alt_answer(struct store *s, int64_t request_id, int64_t alt_id, bool accepted, int64_t at,
		     struct fd_error *err)
{
	int64_t rows = 0;
	int rc = db_query(s, STMT_ALT_ANSWER,
			  DB_ARGS(DB_ARG_INT(alt_id), DB_ARG_INT(request_id), DB_ARG_INT(accepted),
				  DB_ARG_INT(at)),
			  NULL, NULL, &rows, err);
	if (!rc && rows != 1)
		rc = fd_fail(err, FD_ENOTFOUND, "no alternative %lld on this request",
			     (long long)alt_id);
	return rc;
}

static int list_alt(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct request_alt *x = row_list_push(l);
	x->id = db_int(row, ALT_COL_ID);
	x->kind = (enum alt_kind)enum_or(
		vocab_from_name(&vocab_alt_kind, db_text(row, ALT_COL_KIND)), ALT_OTHER);
	x->note = arena_strdup(l->arena, db_text(row, ALT_COL_NOTE));
	x->accepted = db_is_null(row, ALT_COL_ACCEPTED) ? -1 : (int)db_int(row, ALT_COL_ACCEPTED);
	x->offered_by_login = arena_strdup(l->arena, db_text(row, ALT_COL_OFFERED_BY_LOGIN));
	x->offered_at = db_int(row, ALT_COL_OFFERED_AT);
	x->answered_at = db_int(row, ALT_COL_ANSWERED_AT);
	return 0;
}

int store_alt_list(struct store *s, int64_t request_id, struct arena *a, struct request_alt **out,
		   size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct request_alt)};
	struct db_arg arg = DB_ARG_INT(request_id);
	int rc = db_query(s, STMT_ALT_LIST, &arg, 1, list_alt, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_request_history_add(struct store *s, int64_t request_id, int64_t at, int64_t staff_id,
			      const char *action, const char *detail, struct fd_error *err)
{
	return db_query(s, STMT_REQUEST_EVENT_APPEND,
			DB_ARGS(DB_ARG_INT(request_id), DB_ARG_INT(at), DB_ARG_REF(staff_id),
				DB_ARG_TEXT(action), DB_ARG_TEXT(detail ? detail : "")),
			NULL, NULL, NULL, err);
}

static int list_history(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct request_history *h = row_list_push(l);
	h->at = db_int(row, HISTORY_COL_AT);
	h->login = arena_strdup(l->arena, db_text(row, HISTORY_COL_LOGIN));
	h->name = arena_strdup(l->arena, db_text(row, HISTORY_COL_NAME));
	h->action = arena_strdup(l->arena, db_text(row, HISTORY_COL_ACTION));
	h->detail = arena_strdup(l->arena, db_text(row, HISTORY_COL_DETAIL));
	return 0;
}

int store_request_history(struct store *s, int64_t request_id, struct arena *a,
			  struct request_history **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct request_history)};
	struct db_arg arg = DB_ARG_INT(request_id);
	int rc = db_query(s, STMT_REQUEST_EVENTS, &arg, 1, list_history, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_purge_texts(struct store *s, int64_t now, int64_t *texts, struct fd_error *err)
{
	return db_query(s, STMT_PURGE_REFERENCE_TEXT,
			DB_ARGS(DB_ARG_INT(now), DB_ARG_INT(STORE_PURGE_BATCH)), NULL, NULL, texts,
			err);
}

int store_purge_visits(struct store *s, int64_t visits_before, int64_t *visits,
		       struct fd_error *err)
{
	struct db_arg before = DB_ARG_INT(visits_before);
	return db_query(s, STMT_PURGE_VISIT_CUSTOMERS, &before, 1, NULL, NULL, visits, err);
}

int store_request_link_customer(struct store *s, int64_t id, int64_t customer_id,
				struct fd_error *err)
{
	int64_t rows = 0;
	if (db_query(s, STMT_REQUEST_LINK_CUSTOMER,
		     DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(customer_id)), NULL, NULL, &rows, err))
		return -1;
	return rows == 1 ? 0
			 : fd_fail(err, FD_ECONFLICT, "this request has a customer linked already");
}
