/* Customers and the audit log of who read or changed their records (CS-CONFIDENTIAL). */
#include "store/db.h"
#include "store/rows.h"
#include "store/store.h"

static int one_customer(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct customer *c = o->out;
	c->id = db_int(row, 0);
	c->card = arena_strdup(o->arena, db_text(row, 1));
	c->name = arena_strdup(o->arena, db_text(row, 2));
	c->phone = arena_strdup(o->arena, db_text(row, 3));
	c->email = arena_strdup(o->arena, db_text(row, 4));
	c->card_status = arena_strdup(o->arena, db_text(row, 5));
	c->registered_at = db_int(row, 6);
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

int store_audit_append(struct store *s, int64_t staff_id, const char *action,
		       const char *object_kind, const char *object_key, int64_t now,
		       struct fd_error *err)
{
	return db_query(s, STMT_AUDIT_APPEND,
			DB_ARGS(DB_ARG_INT(now), DB_ARG_REF(staff_id), DB_ARG_TEXT(action),
				DB_ARG_TEXT(object_kind), DB_ARG_TEXT(object_key)),
			NULL, NULL, NULL, err);
}

static int list_audit(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct audit_entry *e = row_list_push(l);
	e->id = db_int(row, 0);
	e->at = db_int(row, 1);
	e->login = arena_strdup(l->arena, db_text(row, 2));
	e->action = arena_strdup(l->arena, db_text(row, 3));
	e->object_kind = arena_strdup(l->arena, db_text(row, 4));
	e->object_key = arena_strdup(l->arena, db_text(row, 5));
	return 0;
}

int store_audit_list(struct store *s, const char *object_kind, const char *object_key,
		     struct arena *a, struct audit_entry **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct audit_entry)};
	int rc = db_query(s, STMT_AUDIT_LIST,
			  DB_ARGS(DB_ARG_TEXT(object_kind), DB_ARG_TEXT(object_key)), list_audit,
			  &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
