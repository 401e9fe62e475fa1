/* The audit log of who read or changed what (CS-CONFIDENTIAL): each entry hash-chained to the
 * one before, so an entry changed or removed by hand shows. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/db.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_audit.h"

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
	const char *prev = db_text(row, AUDIT_COL_PREV_HASH),
		   *stored = db_text(row, AUDIT_COL_HASH);
	c->last_id = db_int(row, AUDIT_COL_ID);
	audit_hash(prev ? prev : "", db_int(row, AUDIT_COL_AT), db_int(row, AUDIT_COL_STAFF_ID),
		   db_text(row, AUDIT_COL_SOURCE), db_text(row, AUDIT_COL_ACTION),
		   db_text(row, AUDIT_COL_OBJECT_KIND), db_text(row, AUDIT_COL_OBJECT_KEY), hash);
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
	e->id = db_int(row, AUDIT_ENTRY_COL_ID);
	e->at = db_int(row, AUDIT_ENTRY_COL_AT);
	e->login = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_LOGIN));
	e->name = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_NAME));
	e->action = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_ACTION));
	e->object_kind = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_OBJECT_KIND));
	e->object_key = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_OBJECT_KEY));
	e->source = arena_strdup(l->arena, db_text(row, AUDIT_ENTRY_COL_SOURCE));
	e->staff_branch_id = db_int(row, AUDIT_ENTRY_COL_STAFF_BRANCH_ID);
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

static int row_head(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	struct audit_head *h = o->out;
	h->id = db_int(row, AUDIT_HEAD_COL_ID);
	h->at = db_int(row, AUDIT_HEAD_COL_AT);
	h->hash = arena_strdup(o->arena, db_text(row, AUDIT_HEAD_COL_HASH));
	return 0;
}

int store_audit_head(struct store *s, struct arena *a, struct audit_head *out, struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	*out = (struct audit_head){0, 0, ""};
	return db_query(s, STMT_AUDIT_HEAD, NULL, 0, row_head, &o, NULL, err);
}

static int row_text(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	*(const char **)o->out = arena_strdup(o->arena, db_text(row, 0));
	return 0;
}

int store_audit_entry_hash(struct store *s, int64_t id, struct arena *a, const char **hash,
			   struct fd_error *err)
{
	struct row_one o = {a, hash, 0};
	*hash = NULL;
	return db_query(s, STMT_AUDIT_ENTRY_HASH, DB_ARGS(DB_ARG_INT(id)), row_text, &o, NULL, err);
}

int store_anchor_lock(struct store *s, struct fd_error *err)
{
	return db_query(s, STMT_ANCHOR_LOCK, NULL, 0, NULL, NULL, NULL, err);
}

int store_anchor_insert(struct store *s, const struct audit_anchor *an, int64_t *id,
			struct fd_error *err)
{
	return db_query(s, STMT_ANCHOR_INSERT,
			DB_ARGS(DB_ARG_INT(an->audit_id), DB_ARG_TEXT(an->head_hash),
				DB_ARG_INT(an->at), DB_ARG_TEXT(an->signature)),
			db_row_int, id, NULL, err);
}

static void anchor_from_row(struct db_row *row, struct arena *a, struct audit_anchor *an)
{
	an->id = db_int(row, ANCHOR_COL_ID);
	an->audit_id = db_int(row, ANCHOR_COL_AUDIT_ID);
	an->head_hash = arena_strdup(a, db_text(row, ANCHOR_COL_HEAD_HASH));
	an->at = db_int(row, ANCHOR_COL_AT);
	an->signature = arena_strdup(a, db_text(row, ANCHOR_COL_SIGNATURE));
	an->witnessed_at = db_int(row, ANCHOR_COL_WITNESSED_AT);
	an->entry_hash = arena_strdup(a, db_text(row, ANCHOR_COL_ENTRY_HASH));
}

static int one_anchor(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	anchor_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

int store_anchor_last(struct store *s, struct arena *a, struct audit_anchor *out, bool *found,
		      struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	memset(out, 0, sizeof *out);
	int rc = db_query(s, STMT_ANCHOR_LAST, NULL, 0, one_anchor, &o, NULL, err);
	*found = o.found;
	return rc;
}

static int list_anchor(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	anchor_from_row(row, l->arena, row_list_push(l));
	return 0;
}

int store_anchor_page(struct store *s, int64_t after_id, struct arena *a, struct audit_anchor **out,
		      size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct audit_anchor)};
	int rc = db_query(s, STMT_ANCHOR_PAGE, DB_ARGS(DB_ARG_INT(after_id)), list_anchor, &l, NULL,
			  err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_anchor_witnessed(struct store *s, int64_t id, int64_t at, struct fd_error *err)
{
	return db_query(s, STMT_ANCHOR_WITNESSED, DB_ARGS(DB_ARG_INT(id), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}

int store_anchor_last_witnessed(struct store *s, int64_t *at, struct fd_error *err)
{
	*at = 0;
	return db_query(s, STMT_ANCHOR_LAST_WITNESSED, NULL, 0, db_row_int, at, NULL, err);
}
