/* CS-KNOW: the handbook search's words: splitting, common words dropped, synonyms added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "policy/search_words.h"

/* The words and their synonyms as "phone=telephone+call hold", for one assertion per case. */
static void spell(const struct search_word *w, size_t n, char *out, size_t size)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		at += (size_t)snprintf(out + at, size - at, "%s%.*s", i ? " " : "", (int)w[i].len,
				       w[i].text);
		for (size_t j = 0; j < w[i].nalt; j++)
			at += (size_t)snprintf(out + at, size - at, "%s%s", j ? "+" : "=",
					       w[i].alt[j]);
	}
}

static void test_words_and_synonyms(void **state)
{
	(void)state;
	static const struct {
		const char *query, *words;
	} cases[] = {
		{"phone", "phone=telephone+call"},
		{"phone callers hold", "phone=telephone+call callers hold"},
		{"late fee", "late=overdue fee=fine+charge+cost"},
		{"Late FEES", "Late=overdue FEES=fine+charge+cost"},
		{"kids alone", "kids=child alone"},
		{"computer time limit", "computer=internet time limit"},
		{"what is the fine for a DVD?", "fine=fee+charge+cost DVD"},
		{"telephone", "telephone=phone+call"},
		{"hold hold HOLD", "hold"},
		{"\"phone\" OR -x* NEAR(a)", "phone=telephone+call x NEAR"},
		{"  ;;; ", ""},
		{"the a of", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_word w[SEARCH_WORDS_MAX];
		char got[512];
		size_t n = search_words(cases[i].query, w, SEARCH_WORDS_MAX);
		spell(w, n, got, sizeof got);
		assert_string_equal(got, cases[i].words);
	}
}

static void test_at_most_max(void **state)
{
	(void)state;
	struct search_word w[SEARCH_WORDS_MAX];
	assert_int_equal(search_words("one two three four five six seven eight nine ten", w, 3), 3);
	assert_int_equal((int)w[2].len, 5);
	assert_memory_equal(w[2].text, "three", 5);
}

/* A short word is looked for whole: "fee" as a prefix found "feelings" in the handbook. */
static void test_only_stems_are_prefixes(void **state)
{
	(void)state;
	assert_false(search_form_is_prefix(strlen("fee")));
	assert_false(search_form_is_prefix(strlen("kid")));
	assert_true(search_form_is_prefix(strlen("fine")));
	assert_true(search_form_is_prefix(strlen("renew")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_synonyms),
		cmocka_unit_test(test_at_most_max),
		cmocka_unit_test(test_only_stems_are_prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
