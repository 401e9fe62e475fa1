/* The one allocator: out of memory aborts, so callers have no OOM paths to get wrong. */
#ifndef BASE_ALLOC_H
#define BASE_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s); /* caller frees */

#endif
