/* A slot per branch and per kind of reader (CS-CONFIDENTIAL: those who may see customers
 * and those who may not never share an answer; nor do those who work the desk now and those
 * who do not, since each visit lists the actions its reader may take). An answer is served again only under an
 * equal stamp: the same second, no queue event since and no write committed here since. */
#include "api/queue_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define SLOTS 128 /* four per branch of a 32-branch system; more branches take turns */

struct slot {
	struct queue_stamp stamp;
	char *json;
	size_t len;
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static bool same(const struct queue_stamp *a, const struct queue_stamp *b)
{
	return a->branch_id == b->branch_id && a->now == b->now && a->last_event == b->last_event &&
	       a->generation == b->generation && a->customers == b->customers && a->desk == b->desk;
}

static size_t slot_of(const struct queue_stamp *st)
{
	return ((size_t)st->branch_id * 4 + st->customers * 2 + st->desk) % SLOTS;
}

bool queue_cache_get(const struct queue_stamp *st, struct buf *out)
{
	struct slot *s = &slots[slot_of(st)];
	pthread_mutex_lock(&lock);
	bool hit = s->json && same(&s->stamp, st);
	if (hit)
		buf_append(out, s->json, s->len);
	pthread_mutex_unlock(&lock);
	return hit;
}

void queue_cache_put(const struct queue_stamp *st, const char *json, size_t len)
{
	struct slot *s = &slots[slot_of(st)];
	char *copy = xmalloc(len);
	memcpy(copy, json, len);
	pthread_mutex_lock(&lock);
	char *old = s->json;
	s->stamp = *st;
	s->json = copy;
	s->len = len;
	pthread_mutex_unlock(&lock);
	free(old);
}
