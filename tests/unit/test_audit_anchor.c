/* When the audit log's head is anchored and witnessed: every case the worker meets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/audit_anchor.h"

#define DAY ANCHOR_DAY_S
#define NOON (20000 * (int64_t)DAY + DAY / 2) /* some day at 12:00 UTC */

static void test_anchor_due(void **state)
{
	(void)state;
	static const struct {
		struct anchor_facts f;
		bool due;
	} cases[] = {
		/* now, head, anchored entry, anchored at, witnessed at, interval */
		{{NOON, 0, 0, 0, 0, 300}, false},	       /* an empty log */
		{{NOON, 7, 0, 0, 0, 300}, true},	       /* never anchored */
		{{NOON, 9, 7, NOON - 299, 0, 300}, false},     /* moved, too soon */
		{{NOON, 9, 7, NOON - 300, 0, 300}, true},      /* moved, time */
		{{NOON, 7, 7, NOON - 3600, 0, 300}, false},    /* still, within the day */
		{{NOON, 7, 7, NOON - DAY + 1, 0, 300}, false}, /* still, a second short */
		{{NOON, 7, 7, NOON - DAY, 0, 300}, true},      /* still, a day on */
		{{NOON, 9, 7, NOON - 1, 0, 1}, true},	       /* a 1 s interval */
		{{NOON, 3, 7, NOON - 600, 0, 300}, false},     /* head went back: cut */
		{{NOON, 3, 7, NOON - DAY, 0, 300}, false},     /* not even daily */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		print_message("case %zu\n", i);
		assert_int_equal(anchor_due(&cases[i].f), cases[i].due);
	}
}

static void test_witness_due(void **state)
{
	(void)state;
	static const struct {
		struct anchor_facts f;
		bool due;
	} cases[] = {
		{{NOON, 7, 0, 0, 0, 300}, false},		      /* nothing anchored yet */
		{{NOON, 7, 7, NOON, 0, 300}, true},		      /* never witnessed */
		{{NOON, 7, 7, NOON, NOON - 3600, 300}, false},	      /* earlier today */
		{{NOON, 7, 7, NOON, NOON - DAY / 2, 300}, false},     /* today at 00:00 */
		{{NOON, 7, 7, NOON, NOON - DAY / 2 - 1, 300}, true},  /* yesterday 23:59:59 */
		{{NOON + DAY / 2 - 1, 7, 7, NOON, NOON, 300}, false}, /* 23:59:59 same day */
		{{NOON + DAY / 2, 7, 7, NOON, NOON, 300}, true},      /* midnight */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		print_message("case %zu\n", i);
		assert_int_equal(anchor_witness_due(&cases[i].f), cases[i].due);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_anchor_due),
					   cmocka_unit_test(test_witness_due)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
