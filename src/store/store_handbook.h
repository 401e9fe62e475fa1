/* The policy handbook: versioned sections, full-text search, acknowledgements. */
#ifndef STORE_STORE_HANDBOOK_H
#define STORE_STORE_HANDBOOK_H
#include "store/store.h"

struct section {
	int64_t id;
	const char *key, *policy, *title, *text, *rationale, *rules, *approved_on;
	int version;
	bool current;
	int64_t created_at, created_by;
	const char *snippet; /* search results: highlights between bytes 2 and 3 */
};

/* Inserts a version of a section (retiring the current one of the same key) and fills
 * s->id and s->version. */
int store_section_insert(struct store *s, struct section *sec, struct fd_error *err);
int store_section_get(struct store *s, int64_t id, struct arena *a, struct section *out,
		      struct fd_error *err);
int store_section_list(struct store *s, struct arena *a, struct section **out, size_t *n,
		       struct fd_error *err);
/* The current sections that are the text of rule (a CS- id). */
int store_section_by_rule(struct store *s, const char *rule, struct arena *a, struct section **out,
			  size_t *n, struct fd_error *err);
#define STORE_SEARCH_HITS_MAX 20
#define STORE_SEARCH_ALTS_MAX 4
/* One word searched for: any of its forms (the word and its synonyms), form[i] len[i] bytes;
 * only letters and digits; prefix[i] when the form may also start a longer word. */
struct search_term {
	const char *form[STORE_SEARCH_ALTS_MAX];
	size_t len[STORE_SEARCH_ALTS_MAX];
	bool prefix[STORE_SEARCH_ALTS_MAX];
	size_t n;
};
/* Full-text search of the current sections for any of the words (each with its synonyms,
 * stemmed, long ones as a prefix): those containing more of the words first, then by relevance. */
int store_section_search(struct store *s, const struct search_term *words, size_t nwords,
			 struct arena *a, struct section **out, size_t *n, struct fd_error *err);
int store_section_ack(struct store *s, int64_t staff_id, int64_t section_id, int64_t at,
		      struct fd_error *err);
int store_section_acked(struct store *s, int64_t staff_id, int64_t section_id, bool *yes,
			struct fd_error *err);

struct unread {
	struct person who;
	int64_t section_id;
	const char *title;
	int version;
};

/* The branch's active staff and the current sections each has not acknowledged. */
int store_section_unread(struct store *s, int64_t branch_id, struct arena *a, struct unread **out,
			 size_t *n, struct fd_error *err);

#endif
