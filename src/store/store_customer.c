/* Customers: their card, name and contact (CS-EQUAL: nothing that could rank them). */
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_customer.h"

static int one_customer(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct customer *c = o->out;
	c->id = db_int(row, CUSTOMER_COL_ID);
	c->card = arena_strdup(o->arena, db_text(row, CUSTOMER_COL_CARD));
	c->name = arena_strdup(o->arena, db_text(row, CUSTOMER_COL_NAME));
	c->phone = arena_strdup(o->arena, db_text(row, CUSTOMER_COL_PHONE));
	c->email = arena_strdup(o->arena, db_text(row, CUSTOMER_COL_EMAIL));
	c->card_status = arena_strdup(o->arena, db_text(row, CUSTOMER_COL_CARD_STATUS));
	c->registered_at = db_int(row, CUSTOMER_COL_REGISTERED_AT);
	o->found = 1;
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

int store_customer_get(struct store *s, const char *card, struct arena *a, struct customer *out,
		       struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_TEXT(card);
	if (db_query(s, STMT_CUSTOMER_GET, &arg, 1, one_customer, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no customer with that card");
}
