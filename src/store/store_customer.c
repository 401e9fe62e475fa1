/* Customers: their card, name and contact (CS-EQUAL: nothing that could rank them). */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_customer.h"

static void customer_from_row(struct db_row *row, struct arena *a, struct customer *c)
{
	c->id = db_int(row, CUSTOMER_COL_ID);
	c->card = arena_strdup(a, db_text(row, CUSTOMER_COL_CARD));
	c->name = arena_strdup(a, db_text(row, CUSTOMER_COL_NAME));
	c->phone = arena_strdup(a, db_text(row, CUSTOMER_COL_PHONE));
	c->email = arena_strdup(a, db_text(row, CUSTOMER_COL_EMAIL));
	c->card_status = arena_strdup(a, db_text(row, CUSTOMER_COL_CARD_STATUS));
	c->registered_at = db_int(row, CUSTOMER_COL_REGISTERED_AT);
}

static int one_customer(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	customer_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_customer(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	customer_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_customer_insert(struct store *s, const struct customer *c, int64_t now, int64_t *id,
			  struct fd_error *err)
{
	int rc = db_query(s, STMT_CUSTOMER_INSERT,
			  DB_ARGS(DB_ARG_TEXT(c->card), DB_ARG_TEXT(c->name),
				  DB_ARG_TEXT(c->phone ? c->phone : ""),
				  DB_ARG_TEXT(c->email ? c->email : ""), DB_ARG_INT(now)),
			  db_row_int, id, NULL, err);
	if (rc && err && err->code == FD_ECONFLICT)
		fd_fail(err, FD_ECONFLICT, "card %s is registered already", c->card);
	return rc;
}

int store_customer_insert_new(struct store *s, const struct customer *c, int64_t now, bool *added,
			      struct fd_error *err)
{
	int64_t rows = 0, id = 0;
	int rc = db_query(s, STMT_CUSTOMER_INSERT_NEW,
			  DB_ARGS(DB_ARG_TEXT(c->card), DB_ARG_TEXT(c->name),
				  DB_ARG_TEXT(c->phone ? c->phone : ""),
				  DB_ARG_TEXT(c->email ? c->email : ""), DB_ARG_INT(now)),
			  db_row_int, &id, &rows, err);
	*added = rc == 0 && rows == 1;
	return rc;
}

int store_customer_get(struct store *s, const char *card, struct arena *a, struct customer *out,
		       struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_TEXT(card);
	if (db_query(s, STMT_CUSTOMER_GET, &arg, 1, one_customer, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no customer with that card");
}

int store_customer_get_id(struct store *s, int64_t id, struct arena *a, struct customer *out,
			  struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_CUSTOMER_GET_ID, &arg, 1, one_customer, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no such customer");
}

int store_customer_search(struct store *s, const struct customer_query *q, struct arena *a,
			  struct customer **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct customer)};
	int rc = db_query(s, STMT_CUSTOMER_SEARCH,
			  DB_ARGS(DB_ARG_TEXT(q->words[0]), DB_ARG_TEXT(q->words[1]),
				  DB_ARG_TEXT(q->words[2]), DB_ARG_TEXT(q->card),
				  DB_ARG_TEXT(q->phone_digits), DB_ARG_INT(CUSTOMER_SEARCH_MAX)),
			  list_customer, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
