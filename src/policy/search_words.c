/* CS-KNOW: handbook search words and their synonyms; pure, so the store only has to spell
 * them in its own query language. */
#include "policy/search_words.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Words a person at the desk types for the words the handbook uses. Each group is one
 * meaning; a word of a group brings in the others. Words long enough to be a stem are
 * searched as a prefix, so "call" also finds "caller" and "child" finds "children". */
static const char *const synonyms[][SEARCH_ALTS_MAX + 2] = {
	/* a word, its alts, NULL */
	{"phone", "telephone", "call", NULL},
	{"fee", "fine", "charge", "cost", NULL},
	{"late", "overdue", NULL},
	{"kid", "child", NULL},
	{"computer", "internet", NULL},
};

/* Too common to tell one section from another; searching them would rank every section. */
static const char *const common[] = {
	"a",  "an", "and", "are", "as", "at", "be", "by", "can", "do", "for",  "how",  "i",
	"if", "in", "is",  "it",  "my", "of", "on", "or", "the", "to", "what", "when", "with",
};

static bool same(const char *word, size_t len, const char *s)
{
	return strlen(s) == len && strncasecmp(word, s, len) == 0;
}

/* Is word s, or its plural ("kids", "fees")? */
static bool is_form_of(const char *word, size_t len, const char *s)
{
	return same(word, len, s) ||
	       (len > 1 && tolower((unsigned char)word[len - 1]) == 's' && same(word, len - 1, s));
}

static void add_synonyms(struct search_word *w)
{
	for (size_t g = 0; g < sizeof synonyms / sizeof synonyms[0]; g++) {
		bool member = false;
		for (size_t i = 0; synonyms[g][i]; i++)
			member = member || is_form_of(w->text, w->len, synonyms[g][i]);
		if (!member)
			continue;
		for (size_t i = 0; synonyms[g][i] && w->nalt < SEARCH_ALTS_MAX; i++)
			if (!is_form_of(w->text, w->len, synonyms[g][i]))
				w->alt[w->nalt++] = synonyms[g][i];
		return;
	}
}

static bool is_common(const char *word, size_t len)
{
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (same(word, len, common[i]))
			return true;
	return false;
}

static bool already(const struct search_word *out, size_t n, const char *word, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].len == len && strncasecmp(out[i].text, word, len) == 0)
			return true;
	return false;
}

/* Letters and digits make words; bytes of UTF-8 sequences count as letters. */
static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

size_t search_words(const char *query, struct search_word *out, size_t max)
{
	size_t n = 0;
	const char *p = query;
	while (*p && n < max) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		size_t len = (size_t)(p - start);
		if (!len || is_common(start, len) || already(out, n, start, len))
			continue;
		out[n] = (struct search_word){.text = start, .len = len};
		add_synonyms(&out[n++]);
	}
	return n;
}

bool search_form_is_prefix(size_t len)
{
	return len >= SEARCH_PREFIX_MIN_LEN;
}
