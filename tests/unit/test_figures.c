/* The policy in figures: CS-ACK, CS-INPERSON callbacks, CS-INCIDENT's same day, and the
 * wait percentiles, each at its boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/figures.h"

static void test_first_contact_is_the_earlier_of_acknowledgement_and_service(void **state)
{
	(void)state;
	assert_int_equal(figures_first_contact(0, 0), 0);
	assert_int_equal(figures_first_contact(100, 0), 100);
	assert_int_equal(figures_first_contact(0, 120), 120);
	assert_int_equal(figures_first_contact(100, 120), 100);
	assert_int_equal(figures_first_contact(130, 120), 120); /* served before the button */
}

/* Open all the time, and open 1000-2000 and 4000-5000 only. */
static const struct open_span always[] = {{0, INT64_MAX / 2}};
static const struct open_span two[] = {{1000, 2000}, {4000, 5000}};

static void test_ack_target_is_met_up_to_and_including_the_target(void **state)
{
	(void)state;
	assert_true(figures_ack_met(always, 1, 1000, 1060, 60));
	assert_false(figures_ack_met(always, 1, 1000, 1061, 60));
	assert_true(figures_ack_met(always, 1, 1000, 1000, 60));
	assert_false(figures_ack_met(always, 1, 1000, 0, 60)); /* never contacted */
	/* Only open time counts: 30 s before closing and 30 s after the next opening. */
	assert_true(figures_ack_met(two, 2, 1970, 4030, 60));
	assert_false(figures_ack_met(two, 2, 1970, 4031, 60));
}

static void test_a_callback_is_kept_when_made_by_the_promised_time(void **state)
{
	(void)state;
	assert_int_equal(figures_callback(always, 1, 0, 0, 5000), CALLBACK_NONE);
	assert_int_equal(figures_callback(always, 1, 3000, 3000, 5000), CALLBACK_KEPT);
	assert_int_equal(figures_callback(always, 1, 3000, 2000, 5000), CALLBACK_KEPT);
	assert_int_equal(figures_callback(always, 1, 3000, 3001, 5000), CALLBACK_LATE);
	assert_int_equal(figures_callback(always, 1, 3000, 0, 3000), CALLBACK_PENDING);
	assert_int_equal(figures_callback(always, 1, 3000, 0, 3001), CALLBACK_LATE);
	/* Promised for 3000, while closed: made at the next opening it is kept ... */
	assert_int_equal(figures_callback(two, 2, 3000, 4000, 5000), CALLBACK_KEPT);
	assert_int_equal(figures_callback(two, 2, 3000, 4001, 5000), CALLBACK_LATE);
	/* ... and not late before the branch has been open past the promise. */
	assert_int_equal(figures_callback(two, 2, 3000, 0, 3999), CALLBACK_PENDING);
	assert_int_equal(figures_callback(two, 2, 3000, 0, 4001), CALLBACK_LATE);
}

static void test_an_incident_report_is_on_time_when_signed_by_the_end_of_its_day(void **state)
{
	(void)state;
	assert_int_equal(figures_incident(86400, 86400, 90000), INCIDENT_SAME_DAY);
	assert_int_equal(figures_incident(86400, 86401, 90000), INCIDENT_LATE);
	assert_int_equal(figures_incident(86400, 0, 86400), INCIDENT_PENDING);
	assert_int_equal(figures_incident(86400, 0, 86401), INCIDENT_LATE);
}

static void test_percentages_round_to_one_decimal_and_need_something_to_count(void **state)
{
	(void)state;
	assert_true(figures_pct(2, 3) == 66.7);
	assert_true(figures_pct(1, 3) == 33.3);
	assert_true(figures_pct(3, 3) == 100.0);
	assert_true(figures_pct(0, 5) == 0.0);
	assert_true(figures_pct(0, 0) < 0);
}

static void test_percentiles_by_nearest_rank_in_each_bucket(void **state)
{
	(void)state;
	struct bucket_wait v[] = {
		{0, 300}, {0, 20}, {0, 120}, /* bucket 0: 20 120 300 */
		{2, 7},			     /* bucket 2: one wait */
		{1, 10},  {1, 20}, {1, 30},  {1, 40}, {1, 50},
		{1, 60},  {1, 70}, {1, 80},  {1, 90}, {1, 100}, /* bucket 1: ten waits */
	};
	int64_t median[4], p90[4];
	figures_percentiles(v, sizeof v / sizeof v[0], 4, median, p90);
	assert_int_equal(median[0], 120);
	assert_int_equal(p90[0], 300);
	assert_int_equal(median[1], 50);
	assert_int_equal(p90[1], 90);
	assert_int_equal(median[2], 7);
	assert_int_equal(p90[2], 7);
	assert_int_equal(median[3], -1); /* nothing waited */
	assert_int_equal(p90[3], -1);
	figures_percentiles(NULL, 0, 1, median, p90);
	assert_int_equal(median[0], -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_contact_is_the_earlier_of_acknowledgement_and_service),
		cmocka_unit_test(test_ack_target_is_met_up_to_and_including_the_target),
		cmocka_unit_test(test_a_callback_is_kept_when_made_by_the_promised_time),
		cmocka_unit_test(
			test_an_incident_report_is_on_time_when_signed_by_the_end_of_its_day),
		cmocka_unit_test(test_percentages_round_to_one_decimal_and_need_something_to_count),
		cmocka_unit_test(test_percentiles_by_nearest_rank_in_each_bucket),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
