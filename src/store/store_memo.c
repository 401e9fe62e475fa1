/* What a request thread's connection remembers between requests: the staff a bearer token
 * names and a branch's queue stamp. Good only under the database version store_refresh read
 * at the request's start and this connection's own change count: any commit by any
 * connection, in this process or another (a token revoked from the command line, a duty
 * taken on another node's thread), or by this one, forgets it all. One per connection, so
 * per thread: no lock. */
#include "store/store_memo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/backend.h"

#define MEMO_SLOTS 64 /* of each kind: the desks and boards one thread answers take turns */

struct memo_entry {
	const char *key; /* NULL: empty */
	void *value;
	struct arena arena; /* key, value and what value points to */
};

struct store_memo {
	bool fresh;		   /* store_refresh read the version: else nothing is served */
	struct store_version seen; /* the database's, as store_refresh last read it */
	struct store_version made; /* what the entries below were read under */
	int64_t made_changes;
	struct memo_entry entries[MEMO__MAX][MEMO_SLOTS];
};

static void forget(struct store_memo *m)
{
	for (int k = 0; k < MEMO__MAX; k++)
		for (size_t i = 0; i < MEMO_SLOTS; i++) {
			arena_free(&m->entries[k][i].arena);
			m->entries[k][i].key = NULL;
		}
}

void memo_free(struct store_memo *m)
{
	if (!m)
		return;
	forget(m);
	free(m);
}

void memo_refresh(struct store *s)
{
	if (!s->ops->data_version)
		return;
	if (!s->memo)
		s->memo = xcalloc(1, sizeof *s->memo); /* zeroed: the versions compare whole */
	/* A version that cannot be read serves nothing from memory: every read goes through. */
	s->memo->fresh = s->ops->data_version(s, &s->memo->seen) == 0;
}

/* s's memo when its entries hold for the database as it is now; forgotten first when the
 * database changed since they were read. NULL: nothing may be remembered now. */
static struct store_memo *current(struct store *s)
{
	struct store_memo *m = s->memo;
	if (!m || !m->fresh)
		return NULL;
	/* Inside a transaction a read may see this connection's writes, which a rollback would
	 * take back without changing either count: nothing is remembered or served there. */
	int64_t changes = s->ops->own_changes(s);
	if (changes < 0)
		return NULL;
	if (memcmp(&m->made, &m->seen, sizeof m->seen) != 0 || m->made_changes != changes) {
		forget(m);
		m->made = m->seen;
		m->made_changes = changes;
	}
	return m;
}

static struct memo_entry *slot_of(struct store_memo *m, enum memo_kind kind, const char *key)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return &m->entries[kind][h % MEMO_SLOTS];
}

const void *memo_get(struct store *s, enum memo_kind kind, const char *key)
{
	struct store_memo *m = current(s);
	if (!m)
		return NULL;
	const struct memo_entry *e = slot_of(m, kind, key);
	return e->key && strcmp(e->key, key) == 0 ? e->value : NULL;
}

void *memo_put(struct store *s, enum memo_kind kind, const char *key, size_t size, struct arena **a)
{
	struct store_memo *m = current(s);
	if (!m)
		return NULL;
	struct memo_entry *e = slot_of(m, kind, key);
	arena_free(&e->arena);
	e->key = arena_strdup(&e->arena, key);
	e->value = arena_alloc(&e->arena, size);
	*a = &e->arena;
	return e->value;
}
