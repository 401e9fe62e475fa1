/* The audit log of who read or changed what (CS-CONFIDENTIAL): each entry hash-chained to the
 * one before, so an entry changed or removed by hand shows. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/store.h"

/* The entry's hash: BLAKE2b over the previous hash and every field, hex. */
static void audit_hash(const char *prev, int64_t at, int64_t staff_id, const char *source,
		       const char *action, const char *kind, const char *key, char out[65])
{
	struct buf b = BUF_INIT;
	unsigned char h[32];
	/* Unit separators keep "ab"+"c" and "a"+"bc" apart. */
	buf_printf(&b, "%s\x1f%lld\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", prev, (long long)at,
		   (long long)staff_id, source, action, kind, key);
	crypto_generichash(h, sizeof h, (const unsigned char *)b.data, b.len, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
	buf_free(&b);
}

struct last_hash {
	char hash[65];
};

static int row_last_hash(void *ctx, struct db_row *row)
{
	const char *h = db_text(row, 0);
	snprintf(((struct last_hash *)ctx)->hash, 65, "%s", h ? h : "");
	return 0;
}

int store_audit_append(struct store *s, int64_t staff_id, const char *source, const char *action,
		       const char *object_kind, const char *object_key, int64_t now,
		       struct fd_error *err)
{
	struct last_hash last = {""};
	char hash[65];
	if (db_query(s, STMT_AUDIT_LOCK, NULL, 0, NULL, NULL, NULL, err) ||
	    db_query(s, STMT_AUDIT_LAST, NULL, 0, row_last_hash, &last, NULL, err))
		return -1;
	audit_hash(last.hash, now, staff_id, source ? source : "", action, object_kind, object_key,
		   hash);
	return db_query(s, STMT_AUDIT_APPEND,
			DB_ARGS(DB_ARG_INT(now), DB_ARG_REF(staff_id), DB_ARG_TEXT(action),
				DB_ARG_TEXT(object_kind), DB_ARG_TEXT(object_key),
				DB_ARG_TEXT(source ? source : ""), DB_ARG_TEXT(last.hash),
				(struct db_arg){.type = DB_TEXT, .s = hash}),
			NULL, NULL, NULL, err);
}

struct chain {
	char prev[65];
	int64_t checked, bad_id, last_id;
};

static int check_entry(void *ctx, struct db_row *row)
{
	struct chain *c = ctx;
	char hash[65];
	const char *prev = db_text(row, 7), *stored = db_text(row, 8);
	c->last_id = db_int(row, 0);
	audit_hash(prev ? prev : "", db_int(row, 1), db_int(row, 2), db_text(row, 6),
		   db_text(row, 3), db_text(row, 4), db_text(row, 5), hash);
	if (strcmp(prev ? prev : "", c->prev) != 0 || strcmp(hash, stored ? stored : "") != 0) {
		c->bad_id = c->last_id;
		return 1; /* stop: the chain is broken here */
	}
	snprintf(c->prev, sizeof c->prev, "%s", hash);
	c->checked++;
	return 0;
}

int store_audit_verify(struct store *s, int64_t *checked, int64_t *bad_id, struct fd_error *err)
{
	struct chain c = {.checked = 0};
	int64_t rows;
	do {
		struct db_arg arg = DB_ARG_INT(c.last_id);
		int rc = db_query(s, STMT_AUDIT_ALL, &arg, 1, check_entry, &c, &rows, err);
		if (rc < 0)
			return -1;
	} while (!c.bad_id && rows == 1000);
	*checked = c.checked;
	*bad_id = c.bad_id;
	return 0;
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
	e->source = arena_strdup(l->arena, db_text(row, 6));
	e->staff_branch_id = db_int(row, 7);
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
