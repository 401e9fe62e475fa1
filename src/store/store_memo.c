/* What a request thread's connection remembers between requests: the staff a bearer token
 * names and a branch's queue stamp. Good only under the database version store_refresh read
 * at the request's start and this connection's own change count: any commit by any
 * connection, in this process or another (a token revoked from the command line, a duty
 * taken on another node's thread), or by this one, forgets it all. One per connection, so
 * per thread: no lock. */
#include "store/store_memo.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/backend.h"
#include "store/store.h"

#define MEMO_TOKENS 64 /* desks and boards one thread answers; more take turns */
#define MEMO_STAMPS 32

struct memo_staff {
	const char *hash; /* NULL: empty */
	struct staff staff;
	struct arena arena; /* hash and staff's strings */
};

struct memo_stamp {
	char *code; /* NULL: empty */
	int64_t branch_id, last_event;
};

struct store_memo {
	bool fresh;	       /* store_refresh read the version: else nothing is served */
	struct store_version seen; /* the database's, as store_refresh last read it */
	struct store_version made; /* what the entries below were read under */
	int64_t made_changes;
	struct memo_staff staff[MEMO_TOKENS];
	struct memo_stamp stamps[MEMO_STAMPS];
};

static void forget(struct store_memo *m)
{
	for (size_t i = 0; i < MEMO_TOKENS; i++) {
		arena_free(&m->staff[i].arena);
		m->staff[i].hash = NULL;
	}
	for (size_t i = 0; i < MEMO_STAMPS; i++) {
		free(m->stamps[i].code);
		m->stamps[i].code = NULL;
	}
}

void store_memo_free(struct store_memo *m)
{
	if (!m)
		return;
	forget(m);
	free(m);
}

void store_refresh(struct store *s)
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

static size_t slot_of(const char *key, size_t n)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h % n);
}

static void copy_staff(struct arena *a, const struct staff *from, struct staff *to)
{
	*to = *from;
	to->login = arena_strdup(a, from->login);
	to->name = arena_strdup(a, from->name);
	to->email = arena_strdup(a, from->email);
	to->phone = arena_strdup(a, from->phone);
	to->branch_code = arena_strdup(a, from->branch_code);
	to->password_hash = NULL; /* a token's holder has no use for it: not kept in memory */
	to->service_start = arena_strdup(a, from->service_start);
	to->duty_branch_code = arena_strdup(a, from->duty_branch_code);
	to->duty_desk = arena_strdup(a, from->duty_desk);
}

bool memo_staff_get(struct store *s, const char *token_hash, struct arena *a, struct staff *out)
{
	struct store_memo *m = current(s);
	if (!m)
		return false;
	const struct memo_staff *e = &m->staff[slot_of(token_hash, MEMO_TOKENS)];
	if (!e->hash || strcmp(e->hash, token_hash) != 0)
		return false;
	/* Copied: the entry may be forgotten while this request still holds its staff. */
	copy_staff(a, &e->staff, out);
	return true;
}

void memo_staff_put(struct store *s, const char *token_hash, const struct staff *st)
{
	struct store_memo *m = current(s);
	if (!m)
		return;
	struct memo_staff *e = &m->staff[slot_of(token_hash, MEMO_TOKENS)];
	arena_free(&e->arena);
	e->hash = arena_strdup(&e->arena, token_hash);
	copy_staff(&e->arena, st, &e->staff);
}

bool memo_stamp_get(struct store *s, const char *code, int64_t *branch_id, int64_t *last_event)
{
	struct store_memo *m = current(s);
	if (!m)
		return false;
	const struct memo_stamp *e = &m->stamps[slot_of(code, MEMO_STAMPS)];
	if (!e->code || strcmp(e->code, code) != 0)
		return false;
	*branch_id = e->branch_id;
	*last_event = e->last_event;
	return true;
}

void memo_stamp_put(struct store *s, const char *code, int64_t branch_id, int64_t last_event)
{
	struct store_memo *m = current(s);
	if (!m)
		return;
	struct memo_stamp *e = &m->stamps[slot_of(code, MEMO_STAMPS)];
	free(e->code);
	e->code = xstrdup(code);
	e->branch_id = branch_id;
	e->last_event = last_event;
}
