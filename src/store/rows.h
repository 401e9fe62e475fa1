/* Inside the store: collecting result rows into arena-allocated structs. */
#ifndef STORE_ROWS_H
#define STORE_ROWS_H
#include <stddef.h>
#include <string.h>

#include "base/arena.h"

/* A growing array in an arena: the old copy is left to the arena when it grows. */
struct row_list {
	struct arena *arena;
	void *items;
	size_t n, cap, size;
};

/* The next free slot, zeroed. */
static inline void *row_list_push(struct row_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		void *items = arena_alloc(l->arena, cap * l->size);
		if (l->n)
			memcpy(items, l->items, l->n * l->size);
		l->items = items;
		l->cap = cap;
	}
	return (char *)l->items + l->n++ * l->size;
}

/* An enum read back from its name (vocab_from_name, -1 for an unknown or NULL name), or
 * fallback: the schema's CHECKs keep unknown names out, so this is only belt and braces. */
static inline int enum_or(int v, int fallback)
{
	return v < 0 ? fallback : v;
}

/* For fetching one row: where to put it, and whether there was one. */
struct row_one {
	struct arena *arena;
	void *out;
	int found;
};

#endif
