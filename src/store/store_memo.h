/* Inside the store only: a request thread's connection remembers the few reads every API call
 * makes, for as long as the database has not changed (see store_refresh). */
#ifndef STORE_STORE_MEMO_H
#define STORE_STORE_MEMO_H

#include <stddef.h>

#include "base/arena.h"

struct store;
struct store_memo;

/* What is remembered, each kind in its own slots. */
enum memo_kind {
	MEMO_STAFF, /* struct staff, by a bearer token's hash (store_staff_by_token) */
	MEMO_STAMP, /* int64_t[2]: a branch's id and the newest queue event, by its code */
	MEMO__MAX
};

/* Reads the database's version for the memo (store_refresh). */
void memo_refresh(struct store *s);
void memo_free(struct store_memo *m);
/* The value remembered for key under the database as it is now; NULL when none is. It stays
 * valid until the next memo call on s: copy what must last. */
const void *memo_get(struct store *s, enum memo_kind kind, const char *key);
/* Room for a value of size bytes for key, zeroed, to fill at once, with *a the arena its
 * strings go in; NULL when nothing may be remembered now. */
void *memo_put(struct store *s, enum memo_kind kind, const char *key, size_t size,
	       struct arena **a);

#endif
