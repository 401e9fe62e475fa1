/* CS-ALT's closing rule over every combination that matters, and CS-REFER's ladder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/request.h"

/* The rule as RULES.md words it, written out again to check the function against. */
static bool expected(enum request_outcome o, int offered, int accepted, int declined, bool hq)
{
	if (o == OUTCOME_FULFILLED)
		return true;
	if (o == OUTCOME_ALTERNATIVE_ACCEPTED)
		return accepted >= 1;
	if (o == OUTCOME_NOT_FULFILLED) {
		bool customer_declined_each = offered > 0 && declined == offered;
		return offered >= 1 && (hq || customer_declined_each);
	}
	return false;
}

static void test_closing_exhaustive(void **state)
{
	(void)state;
	int cases = 0;
	for (int o = 0; o < OUTCOME__MAX; o++)
		for (int offered = 0; offered <= 4; offered++)
			for (int accepted = 0; accepted <= offered; accepted++)
				for (int declined = 0; accepted + declined <= offered; declined++)
					for (int hq = 0; hq <= 1; hq++) {
						struct close_facts f = {offered, accepted, declined,
									hq};
						assert_int_equal(
							request_may_close((enum request_outcome)o,
									  &f),
							expected((enum request_outcome)o, offered,
								 accepted, declined, hq));
						cases++;
					}
	print_message("  %d combinations checked\n", cases);
}

static void test_the_done_when_cases(void **state)
{
	(void)state;
	struct close_facts none = {0};
	assert_false(request_may_close(OUTCOME_NOT_FULFILLED, &none));
	struct close_facts offered_only = {1, 0, 0, false};
	assert_false(request_may_close(OUTCOME_NOT_FULFILLED, &offered_only));
	struct close_facts at_hq = {1, 0, 0, true};
	assert_true(request_may_close(OUTCOME_NOT_FULFILLED, &at_hq));
	struct close_facts all_declined = {2, 0, 2, false};
	assert_true(request_may_close(OUTCOME_NOT_FULFILLED, &all_declined));
	struct close_facts one_declined = {2, 0, 1, false};
	assert_false(request_may_close(OUTCOME_NOT_FULFILLED, &one_declined));
	assert_true(request_may_close(OUTCOME_FULFILLED, &none));
	assert_false(request_may_close(OUTCOME_ALTERNATIVE_ACCEPTED, &offered_only));
	assert_false(request_may_close(OUTCOME_NONE, &at_hq));
}

static void test_avenues(void **state)
{
	(void)state;
	struct close_facts none = {0};
	assert_int_equal(request_avenues_left(&none),
			 (1u << AVENUE_OFFER_ALTERNATIVE) | (1u << AVENUE_REFER));
	struct close_facts pending = {2, 0, 1, false};
	assert_int_equal(request_avenues_left(&pending),
			 (1u << AVENUE_REFER) | (1u << AVENUE_ASK_CUSTOMER));
	struct close_facts done = {1, 0, 1, true};
	assert_int_equal(request_avenues_left(&done), 0);
	assert_string_equal(avenue_name(AVENUE_REFER), "refer");
}

static void test_ladder(void **state)
{
	(void)state;
	assert_int_equal(request_escalate_to(LEVEL_DESK, true, false), LEVEL_BRANCH);
	/* Nobody in charge at the branch, or she holds it herself: straight to HQ. */
	assert_int_equal(request_escalate_to(LEVEL_DESK, false, false), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_DESK, true, true), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_BRANCH, true, false), LEVEL_HEADQUARTERS);
	assert_int_equal(request_escalate_to(LEVEL_HEADQUARTERS, true, false), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_closing_exhaustive),
		cmocka_unit_test(test_the_done_when_cases),
		cmocka_unit_test(test_avenues),
		cmocka_unit_test(test_ladder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
