/* CS-HOURS day by day, and the clocks that run only while a branch is open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/calendar.h"

#define H 3600

/* Open 09:00-17:00 on three days; day d starts at d * 86400 (UTC, for the arithmetic). */
static const struct open_span three_days[] = {
	{9 * H, 17 * H},
	{86400 + 9 * H, 86400 + 17 * H},
	{2 * 86400 + 9 * H, 2 * 86400 + 17 * H},
};

static void test_day_hours(void **state)
{
	(void)state;
	struct week_hours w;
	struct fd_error err = {0};
	assert_int_equal(hours_parse("mon-fri 09:00-18:00,sat 10:00-14:00", &w, &err), 0);
	struct day_hours none = {-1, -1}, short_day = {600, 720};
	struct day_hours d = calendar_day(&w, 1, false, DAY_WEEKLY, none);
	assert_int_equal(d.opens_min, 540);
	assert_int_equal(d.closes_min, 1080);
	/* A holiday closes every branch ... */
	assert_int_equal(calendar_day(&w, 1, true, DAY_WEEKLY, none).opens_min, -1);
	/* ... a branch's own closure closes it on an ordinary day ... */
	assert_int_equal(calendar_day(&w, 1, false, DAY_CLOSED, none).opens_min, -1);
	/* ... and its changed hours stand, even on a holiday or a day it is usually shut. */
	assert_int_equal(calendar_day(&w, 1, true, DAY_CHANGED, short_day).opens_min, 600);
	assert_int_equal(calendar_day(&w, 0, false, DAY_CHANGED, short_day).closes_min, 720);
	assert_int_equal(calendar_day(&w, 0, false, DAY_WEEKLY, none).opens_min, -1);
}

static void test_a_days_hours_as_instants_move_with_the_clocks(void **state)
{
	(void)state;
	struct day_hours nine_to_five = {540, 1020}, closed = {-1, -1}, night = {60, 180};
	struct open_span s = calendar_day_span(86400, 86400, nine_to_five);
	assert_int_equal(s.from, 86400 + 9 * H);
	assert_int_equal(s.to, 86400 + 17 * H);
	/* A day of 23 hours (clocks forward at 02:00): 09:00 and 17:00 come an hour sooner ... */
	s = calendar_day_span(0, 23 * H, nine_to_five);
	assert_int_equal(s.from, 8 * H);
	assert_int_equal(s.to, 16 * H);
	/* ... and a day of 25 hours an hour later; a time before 03:00 stays where it is. */
	s = calendar_day_span(0, 25 * H, nine_to_five);
	assert_int_equal(s.to, 18 * H);
	s = calendar_day_span(0, 25 * H, night);
	assert_int_equal(s.from, H);
	assert_int_equal(s.to, 4 * H);
	s = calendar_day_span(86400, 86400, closed);
	assert_int_equal(s.from, 0);
	assert_int_equal(s.to, 0);
}

static void test_open_seconds_count_only_open_time(void **state)
{
	(void)state;
	assert_int_equal(open_seconds(three_days, 3, 10 * H, 11 * H), H);
	/* From 16:00 one day to 10:00 the next: an hour each side of the night. */
	assert_int_equal(open_seconds(three_days, 3, 16 * H, 86400 + 10 * H), 2 * H);
	assert_int_equal(open_seconds(three_days, 3, 17 * H, 86400 + 9 * H), 0);
	assert_int_equal(open_seconds(three_days, 3, 0, 3 * 86400), 24 * H);
	assert_int_equal(open_seconds(three_days, 3, 11 * H, 10 * H), 0);
}

static void test_open_at_and_next_opening(void **state)
{
	(void)state;
	assert_true(open_at(three_days, 3, 9 * H));
	assert_false(open_at(three_days, 3, 17 * H)); /* closing time is closed */
	assert_int_equal(next_opening(three_days, 3, 12 * H), 0);
	assert_int_equal(next_opening(three_days, 3, 18 * H), 86400 + 9 * H);
	assert_int_equal(next_opening(three_days, 3, 3 * 86400), 0);
}

/* The look-up by halves against the plain walk it replaced, over many span sets and every
 * pair of instants around their edges. */
static int64_t walked_seconds(const struct open_span *sp, size_t n, int64_t from, int64_t to)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t a = sp[i].from > from ? sp[i].from : from,
			b = sp[i].to < to ? sp[i].to : to;
		total += b > a ? b - a : 0;
	}
	return total;
}

static void test_open_time_by_halves_is_the_walk(void **state)
{
	(void)state;
	struct open_span sp[8];
	unsigned seed = 12345;
	for (int round = 0; round < 300; round++) {
		size_t n = (size_t)(round % 8);
		int64_t t = 0;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			t += 1 + (seed >> 16) % 5;
			sp[i].from = t;
			t += 1 + (seed >> 8) % 4;
			sp[i].to = t;
		}
		for (int64_t from = -1; from <= t + 1; from++) {
			bool open = false;
			for (size_t i = 0; i < n; i++)
				open |= from >= sp[i].from && from < sp[i].to;
			assert_int_equal(open_at(sp, n, from), open);
			int64_t next = 0;
			for (size_t i = 0; i < n && !open && !next; i++)
				next = sp[i].from > from ? sp[i].from : 0;
			assert_int_equal(next_opening(sp, n, from), next);
			for (int64_t to = from - 1; to <= t + 1; to++)
				assert_int_equal(open_seconds(sp, n, from, to),
						 walked_seconds(sp, n, from, to));
		}
	}
}

static void test_clocks_stop_while_closed(void **state)
{
	(void)state;
	/* CS-ACK while open: 60 s is the target, the 61st second is past it. */
	assert_false(ack_overdue_open(three_days, 3, 10 * H, false, 60, 10 * H + 60));
	assert_true(ack_overdue_open(three_days, 3, 10 * H, false, 60, 10 * H + 61));
	/* Arrived at 16:59:30 with a 60 s target: not overdue at closing nor overnight ... */
	int64_t arrived = 17 * H - 30;
	assert_false(ack_overdue_open(three_days, 3, arrived, false, 60, 86400 + 8 * H));
	/* ... but 31 s after the next opening it is, unless acknowledged. */
	assert_true(ack_overdue_open(three_days, 3, arrived, false, 60, 86400 + 9 * H + 31));
	assert_false(ack_overdue_open(three_days, 3, arrived, true, 60, 86400 + 9 * H + 31));
	/* A callback promised for 19:00, after closing, is not overdue until the next opening. */
	assert_false(callback_overdue_open(three_days, 3, 19 * H, 86400 + 9 * H));
	assert_true(callback_overdue_open(three_days, 3, 19 * H, 86400 + 9 * H + 1));
	assert_true(callback_overdue_open(three_days, 3, 10 * H, 10 * H + 1));
}

static void test_reminders_climb_one_level_at_a_time(void **state)
{
	(void)state;
	assert_int_equal(reminder_due(3 * H, 4 * H, 0), 0);
	assert_int_equal(reminder_due(4 * H, 4 * H, 0), 1);
	assert_int_equal(reminder_due(5 * H, 4 * H, 1), 0);
	assert_int_equal(reminder_due(8 * H, 4 * H, 1), 2);
	assert_int_equal(reminder_due(12 * H, 4 * H, 2), 3);
	assert_int_equal(reminder_due(40 * H, 4 * H, 3), 0); /* Headquarters is the last */
	assert_int_equal(reminder_due(40 * H, 4 * H, 0), 1); /* never two levels at once */
	assert_int_equal(reminder_due(40 * H, 0, 0), 0);
}

/* CS-HOURS: an opening is in hours only inside the day's span; before, after and on a closed
 * day it is asked to be confirmed (the desk's "Open the branch now" on a closed Sunday). */
static void test_an_opening_against_the_days_hours(void **state)
{
	(void)state;
	struct open_span day = {1000, 2000}, closed = {0, 0};
	const struct {
		struct open_span span;
		int64_t at;
		enum opening_fit want;
	} cases[] = {
		{day, 999, OPENING_EARLY},	 {day, 1000, OPENING_IN_HOURS},
		{day, 1999, OPENING_IN_HOURS},	 {day, 2000, OPENING_AFTER_HOURS},
		{closed, 0, OPENING_CLOSED_DAY}, {closed, 1500, OPENING_CLOSED_DAY},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(opening_fit(cases[i].span, cases[i].at), cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_hours),
		cmocka_unit_test(test_a_days_hours_as_instants_move_with_the_clocks),
		cmocka_unit_test(test_open_seconds_count_only_open_time),
		cmocka_unit_test(test_open_at_and_next_opening),
		cmocka_unit_test(test_open_time_by_halves_is_the_walk),
		cmocka_unit_test(test_clocks_stop_while_closed),
		cmocka_unit_test(test_reminders_climb_one_level_at_a_time),
		cmocka_unit_test(test_an_opening_against_the_days_hours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
