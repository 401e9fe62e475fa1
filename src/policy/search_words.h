/* CS-KNOW: what a handbook search looks for: the words of a query, each widened by the
 * synonyms desk staff use for the handbook's own words ("phone" for "telephone"). */
#ifndef POLICY_SEARCH_WORDS_H
#define POLICY_SEARCH_WORDS_H
#include <stdbool.h>
#include <stddef.h>

#define SEARCH_WORDS_MAX 8 /* words looked for; the rest of a long query is ignored */
#define SEARCH_ALTS_MAX 3  /* synonyms one word may bring in */
/* Shorter words are looked for whole (and stemmed), not as the start of longer words:
 * "fee" must not find "feelings", while "renew" still finds "renewed" as it is typed. */
#define SEARCH_PREFIX_MIN_LEN 4

struct search_word {
	const char *text; /* the word as typed: points into the query, len bytes */
	size_t len;
	const char *alt[SEARCH_ALTS_MAX]; /* its synonyms (static strings) */
	size_t nalt;
};

/* Splits query into its words (letters and digits; anything else separates them, so no
 * input can be taken for a query language's operators), drops words too common to tell
 * sections apart ("the", "a") and a repeated word, and adds each word's synonyms.
 * Returns how many words were written to out (at most max). */
size_t search_words(const char *query, struct search_word *out, size_t max);

/* Whether a form of len bytes (a word or a synonym) is searched as the start of words. */
bool search_form_is_prefix(size_t len);

#endif
