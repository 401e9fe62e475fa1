/* Joining the line from a phone (policy/join.c): where a ticket stands for every visit state,
 * which is the one word on "still in play" (the device bound, reopening the join page, the
 * ticket page and its tone); the join form's sentences per field; the bounds' order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/join.h"

/* Every state, worked out from the rule's words: waiting is in the line; being served is
 * called; on hold (never a phone ticket's) is in the desk's hands, called; the rest is over. */
static void test_stage_of_every_state(void **state)
{
	(void)state;
	static const struct {
		enum visit_state s;
		enum join_stage want;
	} cases[] = {
		{VISIT_WAITING, JOIN_STAGE_IN_LINE}, {VISIT_SERVING, JOIN_STAGE_CALLED},
		{VISIT_ON_HOLD, JOIN_STAGE_CALLED},  {VISIT_CALLBACK, JOIN_STAGE_OVER},
		{VISIT_FINISHED, JOIN_STAGE_OVER},   {VISIT_NO_SHOW, JOIN_STAGE_OVER},
		{VISIT_LEFT, JOIN_STAGE_OVER},	     {VISIT_REMOVED, JOIN_STAGE_OVER},
	};
	assert_int_equal(sizeof cases / sizeof cases[0], VISIT_STATE__MAX);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(join_stage(cases[i].s), cases[i].want);
}

/* The page's data-stage words, which join.js reads: "called" is the tone. */
static void test_stage_names(void **state)
{
	(void)state;
	assert_string_equal(join_stage_name(JOIN_STAGE_IN_LINE), "in-line");
	assert_string_equal(join_stage_name(JOIN_STAGE_CALLED), "called");
	assert_string_equal(join_stage_name(JOIN_STAGE_OVER), "over");
	assert_string_equal(join_stage_name(JOIN_STAGE__MAX), "over");
}

/* Each field of the join form has a sentence of its own for the customer; others none. */
static void test_field_texts(void **state)
{
	(void)state;
	const char *fields[] = {"first_name", "reason", "language"};
	for (size_t i = 0; i < 3; i++) {
		const char *t = join_field_text(fields[i]);
		assert_non_null(t);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(t, join_field_text(fields[j]));
	}
	assert_non_null(strstr(join_field_text("first_name"), "40"));
	assert_null(join_field_text("token"));
	assert_null(join_field_text(NULL));
}

/* Closed first, then the device's ticket, then the address: each refusal has its words. */
static void test_bounds_in_order(void **state)
{
	(void)state;
	struct join_facts f = {false, true, 99, 6};
	assert_int_equal(join_check(&f), JOIN_CLOSED);
	f.open = true;
	assert_int_equal(join_check(&f), JOIN_DEVICE_HAS_ONE);
	f.device_has_ticket = false;
	assert_int_equal(join_check(&f), JOIN_ADDRESS_BUSY);
	f.address_last_hour = 5;
	assert_int_equal(join_check(&f), JOIN_OK);
	for (int r = JOIN_OK + 1; r < JOIN_REFUSAL__MAX; r++)
		assert_non_null(join_refusal_words((enum join_refusal)r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_of_every_state),
		cmocka_unit_test(test_stage_names),
		cmocka_unit_test(test_field_texts),
		cmocka_unit_test(test_bounds_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
