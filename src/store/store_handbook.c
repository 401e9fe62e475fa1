/* The policy handbook: versioned sections, full-text search, acknowledgements. */
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

/* One search word and its synonyms in the dialect's own syntax, each as the start of a
 * word when it is long enough to be a stem (search as you type, and "call" finds "caller")
 * and otherwise whole ("fee" is not "feelings"): ("phone"* OR "fee") or (phone:* | fee).
 * Words hold only letters and digits (the caller's promise), so none can be taken for the
 * query language's operators. */
static void word_terms(bool pg, const struct search_term *w, struct buf *b)
{
	buf_putc(b, '(');
	for (size_t i = 0; i < w->n; i++) {
		if (i)
			buf_puts(b, pg ? " | " : " OR ");
		buf_printf(b, pg ? "%.*s" : "\"%.*s\"", (int)w->len[i], w->form[i]);
		if (w->prefix[i])
			buf_puts(b, pg ? ":*" : "*");
	}
	buf_putc(b, ')');
}

static const char *terms_of(bool pg, const struct search_term *words, size_t nwords,
			    struct arena *a)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < nwords; i++) {
		if (i)
			buf_puts(&b, pg ? " | " : " OR ");
		word_terms(pg, &words[i], &b);
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

struct tally {
	struct section *hits;
	size_t n;
	int *words; /* per hit: how many of the query's words it contains */
};

static int count_word(void *ctx, struct db_row *row)
{
	struct tally *t = ctx;
	int64_t id = db_int(row, 0);
	for (size_t i = 0; i < t->n; i++)
		if (t->hits[i].id == id)
			t->words[i]++;
	return 0;
}

/* Sections containing more of the words first; among equals the text search's own rank,
 * which the hits already come in (a stable insertion sort keeps it). */
static void rank_by_words(struct tally *t)
{
	for (size_t i = 1; i < t->n; i++) {
		struct section x = t->hits[i];
		int w = t->words[i];
		size_t j = i;
		for (; j > 0 && t->words[j - 1] < w; j--) {
			t->hits[j] = t->hits[j - 1];
			t->words[j] = t->words[j - 1];
		}
		t->hits[j] = x;
		t->words[j] = w;
	}
}

int store_section_search(struct store *s, const struct search_term *words, size_t nwords,
			 struct arena *a, struct section **out, size_t *n, struct fd_error *err)
{
	bool pg = strcmp(s->ops->name, "postgresql") == 0;
	*out = NULL;
	*n = 0;
	if (!nwords)
		return 0;
	struct db_arg arg = DB_ARG_TEXT(terms_of(pg, words, nwords, a));
	if (list_of(s, STMT_SECTION_SEARCH, &arg, list_hit, a, out, n, err))
		return -1;
	struct tally t = {*out, *n, arena_alloc(a, (*n + 1) * sizeof(int))};
	for (size_t i = 0; i < nwords && nwords > 1; i++) {
		struct db_arg one = DB_ARG_TEXT(terms_of(pg, &words[i], 1, a));
		if (db_query(s, STMT_SECTION_MATCHING, &one, 1, count_word, &t, NULL, err))
			return -1;
	}
	rank_by_words(&t);
	if (*n > STORE_SEARCH_HITS_MAX)
		*n = STORE_SEARCH_HITS_MAX;
	return 0;
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
