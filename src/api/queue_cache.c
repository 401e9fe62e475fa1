/* A slot per branch and per kind of reader (CS-CONFIDENTIAL: those who may see customers
 * and those who may not never share an answer; nor do those who work the desk now and those
 * who do not, nor two at one desk, since each visit lists the actions its reader may take). An answer is served again only under an
 * equal stamp: the same second, no queue event since and no write committed here since. */
#include "api/queue_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "http/gzip.h"

#define SLOTS 128 /* four per branch of a 32-branch system; more branches take turns */

struct slot {
	struct queue_stamp stamp;
	char *json;
	size_t len;
	char *gz; /* the same gzipped, once a reader who accepts gzip asked; else NULL */
	size_t gz_len;
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static bool same(const struct queue_stamp *a, const struct queue_stamp *b)
{
	return a->branch_id == b->branch_id && a->now == b->now && a->last_event == b->last_event &&
	       a->generation == b->generation && a->customers == b->customers &&
	       a->desk == b->desk && a->reader == b->reader;
}

static size_t slot_of(const struct queue_stamp *st)
{
	return ((size_t)st->branch_id * 4 + st->customers * 2 + st->desk) % SLOTS;
}

/* Gzips the answer of slot s, made under st, outside the lock (the readers of other
 * branches need not wait for it), and keeps it unless a newer answer took the slot since. */
static void gzip_into(struct slot *s, const struct queue_stamp *st, const char *json, size_t len,
		      struct buf *out)
{
	struct buf gz = BUF_INIT;
	gzip_compress(json, len, &gz);
	buf_append(out, gz.data, gz.len);
	char *copy = xmalloc(gz.len);
	memcpy(copy, gz.data, gz.len);
	pthread_mutex_lock(&lock);
	if (s->json && !s->gz && same(&s->stamp, st)) {
		s->gz = copy;
		s->gz_len = gz.len;
		copy = NULL;
	}
	pthread_mutex_unlock(&lock);
	free(copy);
	buf_free(&gz);
}

bool queue_cache_get(const struct queue_stamp *st, bool gzip, struct buf *out, bool *gzipped)
{
	struct slot *s = &slots[slot_of(st)];
	*gzipped = false;
	pthread_mutex_lock(&lock);
	bool hit = s->json && same(&s->stamp, st);
	if (hit && gzip && s->gz) {
		buf_append(out, s->gz, s->gz_len);
		*gzipped = true;
		pthread_mutex_unlock(&lock);
		return true;
	}
	bool make_gz = hit && gzip && s->len >= GZIP_MIN_BYTES;
	char *plain = NULL;
	size_t len = s->len;
	if (make_gz) {
		plain = xmalloc(len);
		memcpy(plain, s->json, len);
	} else if (hit) {
		buf_append(out, s->json, s->len);
	}
	pthread_mutex_unlock(&lock);
	if (make_gz) {
		gzip_into(s, st, plain, len, out);
		*gzipped = true;
		free(plain);
	}
	return hit;
}

void queue_cache_put(const struct queue_stamp *st, const char *json, size_t len)
{
	struct slot *s = &slots[slot_of(st)];
	char *copy = xmalloc(len);
	memcpy(copy, json, len);
	pthread_mutex_lock(&lock);
	char *old = s->json, *old_gz = s->gz;
	s->stamp = *st;
	s->json = copy;
	s->len = len;
	s->gz = NULL;
	s->gz_len = 0;
	pthread_mutex_unlock(&lock);
	free(old);
	free(old_gz);
}
