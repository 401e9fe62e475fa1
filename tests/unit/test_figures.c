/* The policy in figures: CS-ACK, CS-INPERSON callbacks, CS-INCIDENT's same day, CS-HOURS's
 * early closings, and the wait percentiles, each at its boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* CS-ACK per visit, over contact or none, state and how long it waited (target 60 s). */
static void test_a_customer_who_gave_up_after_the_target_is_a_miss(void **state)
{
	(void)state;
	static const struct {
		int64_t contact_at, ended_at;
		enum visit_state state;
		enum ack_result want;
	} cases[] = {
		{1060, 1300, VISIT_FINISHED, ACK_MET},	  /* contacted in time */
		{1061, 1300, VISIT_FINISHED, ACK_MISSED}, /* contacted late */
		{1030, 1200, VISIT_LEFT, ACK_MET},	  /* acknowledged, then left */
		{0, 1061, VISIT_LEFT, ACK_MISSED},	  /* waited past the target, left */
		{0, 1061, VISIT_REMOVED, ACK_MISSED},	  /* past the target, removed */
		{0, 1060, VISIT_LEFT, ACK_NOT_COUNTED},	  /* left at the target: not a miss */
		{0, 1030, VISIT_REMOVED, ACK_NOT_COUNTED},
		{0, 0, VISIT_WAITING, ACK_NOT_COUNTED},	   /* still waiting */
		{0, 5000, VISIT_NO_SHOW, ACK_NOT_COUNTED}, /* called, never came: not this rule */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ack_visit v = {1000, cases[i].contact_at, cases[i].ended_at, cases[i].state};
		assert_int_equal(figures_ack(always, 1, &v, 60), cases[i].want);
	}
	/* Only open time counts: left 30 s before closing + 31 s after reopening is a miss,
	 * + 30 s is not. */
	struct ack_visit late = {1970, 0, 4031, VISIT_LEFT}, soon = {1970, 0, 4030, VISIT_LEFT};
	assert_int_equal(figures_ack(two, 2, &late, 60), ACK_MISSED);
	assert_int_equal(figures_ack(two, 2, &soon, 60), ACK_NOT_COUNTED);
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

#define H 3600
#define M 60

/* A day at a branch: its local midnight, its length and its hours (minutes after midnight). */
struct day {
	int64_t start, length;
	struct day_hours hours;
};

/* Monday 30 November 2026 in America/Chicago (UTC-6), open 09:00-18:00. */
#define MON 1796018400
static const struct day monday = {MON, 86400, {9 * 60, 18 * 60}};
static const struct day monday_closed = {MON, 86400, {-1, -1}};
static const struct day monday_to_midnight = {MON, 86400, {9 * 60, 24 * 60}};
/* Sunday 8 March 2026 in Chicago: the clocks go forward at 02:00, a day of 23 hours; open
 * 13:00-17:00 CDT (UTC-5), so it closes at 22:00 UTC, not 23:00. SPRING_Z: 00:00 UTC. */
#define SPRING_Z 1772928000
static const struct day spring_forward = {1772949600, 23 * H, {13 * 60, 17 * 60}};
/* Sunday 1 November 2026 in Chicago: the clocks go back at 02:00, a day of 25 hours; open
 * 13:00-17:00 CST (UTC-6), so it closes at 23:00 UTC, not 22:00. FALL_Z: 00:00 UTC. */
#define FALL_Z 1793491200
static const struct day fall_back = {1793509200, 25 * H, {13 * 60, 17 * 60}};
/* Monday 30 November 2026 in Pacific/Honolulu (UTC-10): open 09:00-17:00, closing at 03:00
 * UTC on 1 December. HNL_Z: 30 November 00:00 UTC. */
#define HNL_Z 1795996800
static const struct day honolulu = {1796032800, 86400, {9 * 60, 17 * 60}};

#define AFTER 0			      /* judged the day after */
#define T(h, m) (MON + (h)*H + (m)*M) /* Monday's local time */

/* One day's shifts against its hours: one or two shifts, off 0 while still on. */
struct closing_case {
	const char *what;
	const struct day *day;
	int64_t on1, off1, on2, off2;
	int64_t now;
	enum closing_result want;
	int64_t early_s; /* closing time less the last clocking off, when early */
};

static const struct closing_case closings[] = {
	{"on duty past closing", &monday, T(8, 50), T(18, 5), 0, 0, AFTER, CLOSING_ON_TIME, 0},
	{"the last person off 45 minutes before closing", &monday, T(8, 50), T(17, 15), 0, 0, AFTER,
	 CLOSING_EARLY, 45 * M},
	{"one second before closing is early", &monday, T(9, 0), T(18, 0) - 1, 0, 0, AFTER,
	 CLOSING_EARLY, 1},
	{"a shift ended at closing time (as one left open is ended)", &monday, T(8, 50), T(18, 0),
	 0, 0, AFTER, CLOSING_ON_TIME, 0},
	{"still on duty", &monday, T(8, 50), 0, 0, 0, AFTER, CLOSING_ON_TIME, 0},
	{"one leaves early, another stays", &monday, T(9, 0), T(15, 0), T(12, 0), T(18, 10), AFTER,
	 CLOSING_ON_TIME, 0},
	{"clocked back on before closing and still on", &monday, T(8, 55), T(15, 0), T(16, 0), 0,
	 AFTER, CLOSING_ON_TIME, 0},
	{"back on, then off again before closing", &monday, T(8, 55), T(15, 0), T(16, 0), T(16, 30),
	 AFTER, CLOSING_EARLY, 90 * M},
	{"whoever stays longest decides, in any order", &monday, T(12, 0), T(17, 0), T(8, 0),
	 T(16, 0), AFTER, CLOSING_EARLY, 60 * M},
	{"on since the day before", &monday, T(-6, 0), 0, 0, 0, AFTER, CLOSING_ON_TIME, 0},
	{"nobody on duty", &monday, 0, 0, 0, 0, AFTER, CLOSING_UNSTAFFED, 0},
	{"on duty only before opening", &monday, T(7, 0), T(9, 0), 0, 0, AFTER, CLOSING_UNSTAFFED,
	 0},
	{"on duty only from closing", &monday, T(18, 0), T(19, 0), 0, 0, AFTER, CLOSING_UNSTAFFED,
	 0},
	{"clocked on and off at once", &monday, T(10, 0), T(10, 0), 0, 0, AFTER, CLOSING_UNSTAFFED,
	 0},
	{"not judged before closing time", &monday, T(9, 0), T(15, 0), 0, 0, T(17, 59),
	 CLOSING_PENDING, 0},
	{"judged from closing time", &monday, T(9, 0), T(15, 0), 0, 0, T(18, 0), CLOSING_EARLY,
	 3 * H},
	{"closed all day", &monday_closed, T(9, 0), T(15, 0), 0, 0, AFTER, CLOSING_NONE, 0},
	{"open until midnight, on until midnight", &monday_to_midnight, T(9, 0), T(24, 0), 0, 0,
	 AFTER, CLOSING_ON_TIME, 0},
	{"open until midnight, off at 23:30", &monday_to_midnight, T(9, 0), T(23, 30), 0, 0, AFTER,
	 CLOSING_EARLY, 30 * M},
	{"clocks forward: off at 17:00 CDT", &spring_forward, SPRING_Z + 17 * H, SPRING_Z + 22 * H,
	 0, 0, AFTER, CLOSING_ON_TIME, 0},
	{"clocks forward: off at 16:30 CDT", &spring_forward, SPRING_Z + 17 * H,
	 SPRING_Z + 21 * H + 30 * M, 0, 0, AFTER, CLOSING_EARLY, 30 * M},
	{"clocks back: off at 16:30 CST", &fall_back, FALL_Z + 18 * H, FALL_Z + 22 * H + 30 * M, 0,
	 0, AFTER, CLOSING_EARLY, 30 * M},
	{"clocks back: off at 17:00 CST", &fall_back, FALL_Z + 18 * H, FALL_Z + 23 * H, 0, 0, AFTER,
	 CLOSING_ON_TIME, 0},
	{"Honolulu: off at 16:45 HST, the next day in UTC", &honolulu, HNL_Z + 18 * H + 45 * M,
	 HNL_Z + 26 * H + 45 * M, 0, 0, AFTER, CLOSING_EARLY, 15 * M},
	{"Honolulu: off at 17:00 HST", &honolulu, HNL_Z + 18 * H + 45 * M, HNL_Z + 27 * H, 0, 0,
	 AFTER, CLOSING_ON_TIME, 0},
	{"Honolulu: not judged at 17:00 in Chicago", &honolulu, HNL_Z + 18 * H + 45 * M,
	 HNL_Z + 23 * H, 0, 0, HNL_Z + 23 * H, CLOSING_PENDING, 0},
};

static void test_a_day_closed_early_when_the_last_person_left_before_closing(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof closings / sizeof closings[0]; i++) {
		const struct closing_case *c = &closings[i];
		struct duty_span duty[2] = {{c->on1, c->off1}, {c->on2, c->off2}};
		size_t n = c->on2 ? 2 : c->on1 ? 1 : 0;
		struct open_span open =
			calendar_day_span(c->day->start, c->day->length, c->day->hours);
		int64_t now = c->now ? c->now : c->day->start + 2 * 86400, left_at = -1;
		enum closing_result got = figures_closing(open, duty, n, now, &left_at);
		if (got != c->want || (got == CLOSING_EARLY && open.to - left_at != c->early_s) ||
		    (got != CLOSING_EARLY && left_at != 0))
			fail_msg("%s: got %d, %lld s early; want %d, %lld s", c->what, got,
				 (long long)(open.to - left_at), c->want, (long long)c->early_s);
	}
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

static int by_seconds(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Thousands of waits over many buckets, most of them equal (customers seen at once) and some
 * far apart, against each bucket sorted in full: the selection must give the same ranks. */
static void test_percentiles_match_a_full_sort_on_many_equal_waits(void **state)
{
	(void)state;
	enum { N = 20000, BUCKETS = 37 };
	static struct bucket_wait v[N];
	static int64_t sorted[N];
	int64_t median[BUCKETS], p90[BUCKETS];
	uint32_t seed = 20261130;
	for (size_t i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		/* A third no wait at all, a third 0-59 s, the rest up to an hour. */
		int64_t s = r % 3 == 0 ? 0 : r % 3 == 1 ? (int64_t)(r % 60) : (int64_t)(r % 3600);
		v[i] = (struct bucket_wait){(r >> 3) % (BUCKETS - 1), s}; /* the last stays empty */
	}
	figures_percentiles(v, N, BUCKETS, median, p90);
	for (uint32_t b = 0; b < BUCKETS; b++) {
		size_t m = 0;
		for (size_t i = 0; i < N; i++)
			if (v[i].bucket == b)
				sorted[m++] = v[i].seconds;
		if (!m) {
			assert_int_equal(median[b], -1);
			continue;
		}
		qsort(sorted, m, sizeof sorted[0], by_seconds);
		size_t r50 = (m * 50 + 99) / 100, r90 = (m * 90 + 99) / 100;
		assert_int_equal(median[b], sorted[r50 - 1]);
		assert_int_equal(p90[b], sorted[r90 - 1]);
	}
	/* All equal, and one bucket of one. */
	for (size_t i = 0; i < 1000; i++)
		v[i] = (struct bucket_wait){0, 42};
	v[1000] = (struct bucket_wait){1, 7};
	figures_percentiles(v, 1001, 2, median, p90);
	assert_int_equal(median[0], 42);
	assert_int_equal(p90[0], 42);
	assert_int_equal(median[1], 7);
}

static void test_satisfied_is_the_share_of_answers_four_or_five_beside_its_count(void **state)
{
	(void)state;
	struct satisfaction s = {0};
	/* No answers: no share and no mean, never 0 %. */
	assert_true(figures_satisfied_pct(&s) < 0);
	assert_true(figures_mean_score(&s) < 0);
	int scores[] = {5, 4, 2, 4};
	for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
		figures_answer(&s, scores[i]);
	assert_int_equal(s.answers, 4);
	assert_int_equal(s.satisfied, 3);
	assert_true(figures_satisfied_pct(&s) == 75.0);
	assert_true(figures_mean_score(&s) == 3.8); /* 15 / 4 = 3.75, to one decimal */
	/* A 3 is an answer, and not a satisfied one. */
	figures_answer(&s, 3);
	assert_int_equal(s.answers, 5);
	assert_true(figures_satisfied_pct(&s) == 60.0);
	/* Scores outside the five faces count for nothing. */
	figures_answer(&s, 0);
	figures_answer(&s, 6);
	assert_int_equal(s.answers, 5);
	assert_int_equal(s.score_sum, 18);
	struct satisfaction one = {0};
	figures_answer(&one, 1);
	assert_true(figures_satisfied_pct(&one) == 0.0); /* one answer, unhappy: a real 0 % */
	assert_true(figures_mean_score(&one) == 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_contact_is_the_earlier_of_acknowledgement_and_service),
		cmocka_unit_test(test_ack_target_is_met_up_to_and_including_the_target),
		cmocka_unit_test(test_a_customer_who_gave_up_after_the_target_is_a_miss),
		cmocka_unit_test(test_a_callback_is_kept_when_made_by_the_promised_time),
		cmocka_unit_test(
			test_an_incident_report_is_on_time_when_signed_by_the_end_of_its_day),
		cmocka_unit_test(test_a_day_closed_early_when_the_last_person_left_before_closing),
		cmocka_unit_test(test_percentages_round_to_one_decimal_and_need_something_to_count),
		cmocka_unit_test(test_percentiles_by_nearest_rank_in_each_bucket),
		cmocka_unit_test(test_percentiles_match_a_full_sort_on_many_equal_waits),
		cmocka_unit_test(
			test_satisfied_is_the_share_of_answers_four_or_five_beside_its_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
