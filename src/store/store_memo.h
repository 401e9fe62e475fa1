/* Inside the store only: a request thread's connection remembers the few reads every API call
 * makes, for as long as the database has not changed (see store_refresh). */
#ifndef STORE_STORE_MEMO_H
#define STORE_STORE_MEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "store/store_staff.h"

struct store;
struct store_memo;

void store_memo_free(struct store_memo *m);
/* The staff a bearer token's hash names, as read under the database as it is now, its
 * strings copied into a; false when not remembered. */
bool memo_staff_get(struct store *s, const char *token_hash, struct arena *a, struct staff *out);
void memo_staff_put(struct store *s, const char *token_hash, const struct staff *st);
/* A branch's id and the newest queue event, by the branch's code (store_queue_stamp). */
bool memo_stamp_get(struct store *s, const char *code, int64_t *branch_id, int64_t *last_event);
void memo_stamp_put(struct store *s, const char *code, int64_t branch_id, int64_t last_event);

#endif
