/* The policy handbook: versioned sections, full-text search, acknowledgements. */
#include <ctype.h>
#include <string.h>

#include "base/buf.h"
#include "store/backend.h"
#include "store/columns.h"
#include "store/rows.h"
#include "store/store_handbook.h"

static void section_from_row(struct db_row *row, struct arena *a, struct section *x)
{
	x->id = db_int(row, SECTION_COL_ID);
	x->key = arena_strdup(a, db_text(row, SECTION_COL_KEY));
	x->policy = arena_strdup(a, db_text(row, SECTION_COL_POLICY));
	x->title = arena_strdup(a, db_text(row, SECTION_COL_TITLE));
	x->text = arena_strdup(a, db_text(row, SECTION_COL_TEXT));
	x->rationale = arena_strdup(a, db_text(row, SECTION_COL_RATIONALE));
	x->rules = arena_strdup(a, db_text(row, SECTION_COL_RULES));
	x->approved_on = arena_strdup(a, db_text(row, SECTION_COL_APPROVED_ON));
	x->version = (int)db_int(row, SECTION_COL_VERSION);
	x->current = db_int(row, SECTION_COL_CURRENT) != 0;
	x->created_at = db_int(row, SECTION_COL_CREATED_AT);
}

static int one_section(void *ctx, struct db_row *row)
{
	struct row_one *o = ctx;
	section_from_row(row, o->arena, o->out);
	o->found = 1;
	return 0;
}

static int list_section(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	section_from_row(row, l->arena, row_list_push(l));
	return 0;
}

static int list_hit(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct section *x = row_list_push(l);
	section_from_row(row, l->arena, x);
	x->snippet = arena_strdup(l->arena, db_text(row, SECTION_COL_SNIPPET));
	return 0;
}

int store_section_insert(struct store *s, struct section *sec, struct fd_error *err)
{
	int64_t last = 0;
	struct db_arg key = DB_ARG_TEXT(sec->key);
	if (db_query(s, STMT_SECTION_RETIRE, &key, 1, db_row_int, &last, NULL, err))
		return -1;
	sec->version = (int)last + 1;
	return db_query(s, STMT_SECTION_INSERT,
			DB_ARGS(DB_ARG_TEXT(sec->key), DB_ARG_TEXT(sec->policy),
				DB_ARG_TEXT(sec->title), DB_ARG_TEXT(sec->text),
				DB_ARG_TEXT(sec->rationale),
				DB_ARG_TEXT(sec->rules ? sec->rules : ""),
				DB_ARG_TEXT(sec->approved_on), DB_ARG_INT(sec->version),
				DB_ARG_INT(sec->created_at), DB_ARG_REF(sec->created_by)),
			db_row_int, &sec->id, NULL, err);
}

int store_section_get(struct store *s, int64_t id, struct arena *a, struct section *out,
		      struct fd_error *err)
{
	struct row_one o = {a, out, 0};
	struct db_arg arg = DB_ARG_INT(id);
	if (db_query(s, STMT_SECTION_GET, &arg, 1, one_section, &o, NULL, err))
		return -1;
	return o.found ? 0 : fd_fail(err, FD_ENOTFOUND, "no policy section %lld", (long long)id);
}

static int list_of(struct store *s, enum stmt stmt, const struct db_arg *arg, db_row_fn fn,
		   struct arena *a, struct section **out, size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct section)};
	int rc = db_query(s, stmt, arg, arg ? 1 : 0, fn, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}

int store_section_list(struct store *s, struct arena *a, struct section **out, size_t *n,
		       struct fd_error *err)
{
	return list_of(s, STMT_SECTION_LIST_CURRENT, NULL, list_section, a, out, n, err);
}

int store_section_by_rule(struct store *s, const char *rule, struct arena *a, struct section **out,
			  size_t *n, struct fd_error *err)
{
	struct db_arg arg = DB_ARG_TEXT(arena_printf(a, "%% %s %%", rule));
	return list_of(s, STMT_SECTION_BY_RULE, &arg, list_section, a, out, n, err);
}

/* The words of a query in the dialect's own syntax: every word must match, the last one as
 * the start of a word (search as you type). Anything but letters and digits separates words,
 * so no input can be taken for the query language's operators. */
static const char *search_terms(struct store *s, const char *query, struct arena *a)
{
	bool pg = strcmp(s->ops->name, "postgresql") == 0;
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)query;
	while (*p) {
		while (*p && !isalnum(*p) && *p < 0x80)
			p++;
		const unsigned char *start = p;
		while (*p && (isalnum(*p) || *p >= 0x80))
			p++;
		if (p == start)
			continue;
		if (b.len)
			buf_puts(&b, pg ? " & " : " ");
		if (pg)
			buf_append(&b, start, (size_t)(p - start));
		else
			buf_printf(&b, "\"%.*s\"", (int)(p - start), start);
		if (!*p)
			buf_puts(&b, pg ? ":*" : "*");
	}
	const char *out = b.len ? arena_strdup(a, buf_str(&b)) : NULL;
	buf_free(&b);
	return out;
}

int store_section_search(struct store *s, const char *query, struct arena *a, struct section **out,
			 size_t *n, struct fd_error *err)
{
	const char *terms = search_terms(s, query, a);
	*out = NULL;
	*n = 0;
	if (!terms)
		return 0;
	struct db_arg arg = DB_ARG_TEXT(terms);
	return list_of(s, STMT_SECTION_SEARCH, &arg, list_hit, a, out, n, err);
}

int store_section_ack(struct store *s, int64_t staff_id, int64_t section_id, int64_t at,
		      struct fd_error *err)
{
	return db_query(s, STMT_SECTION_ACK,
			DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(section_id), DB_ARG_INT(at)), NULL,
			NULL, NULL, err);
}

int store_section_acked(struct store *s, int64_t staff_id, int64_t section_id, bool *yes,
			struct fd_error *err)
{
	int64_t n = 0;
	int rc = db_query(s, STMT_SECTION_ACKED,
			  DB_ARGS(DB_ARG_INT(staff_id), DB_ARG_INT(section_id)), db_row_int, &n,
			  NULL, err);
	*yes = n > 0;
	return rc;
}

static int list_unread(void *ctx, struct db_row *row)
{
	struct row_list *l = ctx;
	struct unread *u = row_list_push(l);
	db_person(row, UNREAD_COL_WHO_LOGIN, l->arena, &u->who);
	u->section_id = db_int(row, UNREAD_COL_SECTION_ID);
	u->title = arena_strdup(l->arena, db_text(row, UNREAD_COL_TITLE));
	u->version = (int)db_int(row, UNREAD_COL_VERSION);
	return 0;
}

int store_section_unread(struct store *s, int64_t branch_id, struct arena *a, struct unread **out,
			 size_t *n, struct fd_error *err)
{
	struct row_list l = {.arena = a, .size = sizeof(struct unread)};
	struct db_arg arg = DB_ARG_INT(branch_id);
	int rc = db_query(s, STMT_SECTION_UNREAD, &arg, 1, list_unread, &l, NULL, err);
	*out = l.items;
	*n = l.n;
	return rc;
}
