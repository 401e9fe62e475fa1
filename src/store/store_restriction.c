/* Restrictions on customers: issuing them, and their end, lifting and appeal. */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_restriction.h"

/* Columns as RESTRICTION_COLUMNS (columns.h). */
static void restriction_from_row(struct db_row *row, struct arena *a, struct restriction *r)
{
	r->id = db_int(row, RESTRICTION_COL_ID);
	r->customer_card = arena_strdup(a, db_text(row, RESTRICTION_COL_CUSTOMER_CARD));
	r->customer_name = arena_strdup(a, db_text(row, RESTRICTION_COL_CUSTOMER_NAME));
	r->branch_code = arena_strdup(a, db_text(row, RESTRICTION_COL_BRANCH_CODE));
	r->scope = arena_strdup(a, db_text(row, RESTRICTION_COL_SCOPE));
	r->starts_at = db_int(row, RESTRICTION_COL_STARTS_AT);
	r->ends_at = db_int(row, RESTRICTION_COL_ENDS_AT);
	r->reason = arena_strdup(a, db_text(row, RESTRICTION_COL_REASON));
	r->incident_id = db_int(row, RESTRICTION_COL_INCIDENT_ID);
	db_person(row, RESTRICTION_COL_ISSUED_BY_LOGIN, a, &r->issued_by);
	r->lifted_at = db_int(row, RESTRICTION_COL_LIFTED_AT);
	r->appeal_note = arena_strdup(a, db_text(row, RESTRICTION_COL_APPEAL_NOTE));
	r->appeal_outcome = arena_strdup(a, db_text(row, RESTRICTION_COL_APPEAL_OUTCOME));
	r->appealed_at = db_int(row, RESTRICTION_COL_APPEALED_AT);
	r->customer_id = db_int(row, RESTRICTION_COL_CUSTOMER_ID);
	r->branch_id = db_int(row, RESTRICTION_COL_BRANCH_ID);
	r->branch_name = arena_strdup(a, db_text(row, RESTRICTION_COL_BRANCH_NAME));
	r->branch_time_zone = arena_strdup(a, db_text(row, RESTRICTION_COL_BRANCH_TIME_ZONE));
}

static int one_restriction(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	restriction_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_restriction(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	restriction_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_restriction_insert(struct store *s, struct restriction *r, struct fd_error *err)
{
	return db_query(s, STMT_RESTRICTION_INSERT,
			DB_ARGS(DB_ARG_INT(r->customer_id), DB_ARG_INT(r->branch_id),
				DB_ARG_TEXT(r->scope), DB_ARG_INT(r->starts_at),
				DB_ARG_REF(r->ends_at), DB_ARG_TEXT(r->reason),
				DB_ARG_REF(r->incident_id), DB_ARG_REF(r->issued_by_id)),
			db_row_int, &r->id, NULL, err);
}

int store_restriction_get(struct store *s, int64_t id, struct arena *a, struct restriction *out,
			  struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_RESTRICTION_GET, &arg, 1, one_restriction, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no restriction %lld", (long long)id);
}

int store_restriction_list(struct store *s, int64_t customer_id, struct arena *a,
			   struct restriction **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct restriction)};
	struct db_arg arg = DB_ARG_INT(customer_id);
	int rc = db_query(s, STMT_RESTRICTION_LIST_CUSTOMER, &arg, 1, list_restriction, &l, NULL,
			  err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_restriction_count(struct store *s, int64_t customer_id, const char *scope, int64_t *n,
			    struct fd_error *err)
{
	return db_query(s, STMT_RESTRICTION_COUNT_SCOPE,
			DB_ARGS(DB_ARG_INT(customer_id), DB_ARG_TEXT(scope)), db_row_int, n, NULL,
			err);
}

int store_restriction_update(struct store *s, const struct restriction *r, struct fd_error *err)
{
	return db_query(s, STMT_RESTRICTION_UPDATE,
			DB_ARGS(DB_ARG_INT(r->id), DB_ARG_REF(r->ends_at), DB_ARG_REF(r->lifted_at),
				DB_ARG_REF(r->lifted_by), DB_ARG_TEXT(r->appeal_note),
				DB_ARG_TEXT(r->appeal_outcome), DB_ARG_REF(r->appealed_at)),
			NULL, NULL, NULL, err);
}

int store_restriction_bans_in_force(struct store *s, int64_t now, struct arena *a,
				    struct restriction **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct restriction)};
	struct db_arg arg = DB_ARG_INT(now);
	int rc = db_query(s, STMT_RESTRICTION_BANS_IN_FORCE, &arg, 1, list_restriction, &l, NULL,
			  err);
	*out = l.items;
	*n = l.n;
	return rc;
}
