/* The queue API's answers kept for the second they were made in, so the many desks and
 * boards that ask after each change cost one view between them. */
#ifndef API_QUEUE_CACHE_H
#define API_QUEUE_CACHE_H

#include <stdbool.h>

#include "base/buf.h"
#include "service/queue.h"

/* Appends the answer made under an equal stamp to out; false when there is none. With gzip
 * (the client accepts it) and an answer big enough to be worth it, the gzipped form, made
 * once per answer by its first such reader, and *gzipped says so. */
bool queue_cache_get(const struct queue_stamp *st, bool gzip, struct buf *out, bool *gzipped);
void queue_cache_put(const struct queue_stamp *st, const char *json, size_t len);

#endif
