/* CS-HOURS: parsing, the canonical form, and open-at at the edges of the day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "policy/hours.h"

static void test_parse_and_format(void **state)
{
	(void)state;
	static const struct {
		const char *in, *canonical;
	} cases[] = {
		{"mon-fri 09:00-18:00,sat 10:00-14:00", "mon-fri 09:00-18:00,sat 10:00-14:00"},
		{"sat 10:00-14:00, mon-fri 09:00-18:00", "mon-fri 09:00-18:00,sat 10:00-14:00"},
		{"mon 09:00-17:00,tue 09:00-17:00,wed 09:00-12:00",
		 "mon-tue 09:00-17:00,wed 09:00-12:00"},
		{"sun 13:00-17:00", "sun 13:00-17:00"},
		{"fri-mon 08:00-24:00", "mon 08:00-24:00,fri-sun 08:00-24:00"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct week_hours h;
		struct fd_error err = {0};
		struct buf b = BUF_INIT;
		assert_int_equal(hours_parse(cases[i].in, &h, &err), 0);
		hours_format(&h, &b);
		assert_string_equal(buf_str(&b), cases[i].canonical);
		buf_free(&b);
	}
}

static void test_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"monday 09:00-18:00",
		"mon-fri",
		"mon-fri 9-6",
		"mon 18:00-09:00",
		"mon 25:00-26:00",
		"mon 09:60-10:00",
		"mon 09:00-18:00,mon 10:00-11:00",
		"xyz-fri 09:00-18:00",
		"mon 09:00-09:00",
		"mon 24:30-25:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct week_hours h;
		struct fd_error err = {0};
		print_message("  refuses '%s'\n", bad[i]);
		assert_int_equal(hours_parse(bad[i], &h, &err), -1);
		assert_int_equal(err.code, FD_EINVAL);
		assert_string_equal(err.field, "hours");
		assert_true(strlen(err.message) > 0);
	}
}

static void test_open_at(void **state)
{
	(void)state;
	struct week_hours h;
	struct fd_error err = {0};
	assert_int_equal(hours_parse("mon-fri 09:00-18:00,sat 10:00-14:00", &h, &err), 0);
	assert_false(hours_open_at(&h, 1, 8 * 60 + 59));
	assert_true(hours_open_at(&h, 1, 9 * 60));
	assert_true(hours_open_at(&h, 5, 17 * 60 + 59));
	assert_false(hours_open_at(&h, 5, 18 * 60)); /* closing time is closed */
	assert_true(hours_open_at(&h, 6, 10 * 60));
	assert_false(hours_open_at(&h, 0, 12 * 60)); /* Sunday not named: closed */
	assert_false(hours_open_at(&h, 7, 12 * 60));
}

static void test_lateness(void **state)
{
	(void)state;
	struct week_hours h;
	struct fd_error err = {0};
	assert_int_equal(hours_parse("mon-fri 09:00-18:00", &h, &err), 0);
	assert_int_equal(hours_late_s(&h, 1, 8 * 3600 + 50 * 60), 0); /* early */
	assert_int_equal(hours_late_s(&h, 1, 9 * 3600), 0);
	assert_int_equal(hours_late_s(&h, 1, 9 * 3600 + 125), 125);
	assert_int_equal(hours_late_s(&h, 0, 10 * 3600), -1); /* not open on Sunday */
}

/* What a page shows: every time on one 12-hour clock, the week in words, Monday first. */
static void test_time_label(void **state)
{
	(void)state;
	static const struct {
		int minutes;
		const char *label;
	} cases[] = {
		{0, "12 am"},
		{9 * 60, "9 am"},
		{8 * 60 + 24, "8:24 am"},
		{8 * 60 + 5, "8:05 am"},
		{12 * 60, "12 pm"},
		{12 * 60 + 30, "12:30 pm"},
		{18 * 60, "6 pm"},
		{23 * 60 + 59, "11:59 pm"},
		{24 * 60, "12 am"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[HOURS_CLOCK_LEN];
		hours_time_label(cases[i].minutes, out);
		assert_string_equal(out, cases[i].label);
	}
}

static void test_week_label(void **state)
{
	(void)state;
	static const struct {
		const char *in, *label;
	} cases[] = {
		{"mon-thu 09:00-18:00,fri 09:00-17:00,sat 10:00-14:00",
		 "Monday to Thursday 9 am – 6 pm; Friday 9 am – 5 pm; Saturday 10 am – 2 pm; "
		 "Sunday closed"},
		{"mon-fri 09:30-20:00",
		 "Monday to Friday 9:30 am – 8 pm; Saturday and Sunday closed"},
		{"mon-sun 10:00-16:00", "Monday to Sunday 10 am – 4 pm"},
		{"tue 12:00-13:00,thu 12:00-13:00",
		 "Monday closed; Tuesday 12 pm – 1 pm; Wednesday closed; Thursday 12 pm – 1 pm; "
		 "Friday to Sunday closed"},
		{"mon-fri 00:00-24:00",
		 "Monday to Friday open 24 hours; Saturday and Sunday closed"},
		{"", "Closed every day"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct week_hours h;
		struct fd_error err = {0};
		struct buf out = {0};
		assert_int_equal(hours_parse(cases[i].in, &h, &err), 0);
		hours_week_label(&h, &out);
		assert_string_equal(buf_str(&out), cases[i].label);
		buf_free(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format), cmocka_unit_test(test_refused),
		cmocka_unit_test(test_open_at),		 cmocka_unit_test(test_lateness),
		cmocka_unit_test(test_time_label),	 cmocka_unit_test(test_week_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
