/* RFC 3339 in and out, dates, and local time in a branch's zone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/timefmt.h"
#include "base/tz.h"

static void test_rfc3339(void **state)
{
	(void)state;
	char s[RFC3339_LEN];
	int64_t t;
	timefmt_rfc3339(0, s);
	assert_string_equal(s, "1970-01-01T00:00:00Z");
	assert_int_equal(timefmt_parse_rfc3339("2026-11-28T15:04:05Z", &t), 0);
	timefmt_rfc3339(t, s);
	assert_string_equal(s, "2026-11-28T15:04:05Z");
	int64_t t2;
	assert_int_equal(timefmt_parse_rfc3339("2026-11-28T09:04:05-06:00", &t2), 0);
	assert_int_equal(t2, t);
	assert_int_equal(timefmt_parse_rfc3339("2026-11-28T15:04:05.123Z", &t2), 0);
	assert_int_equal(t2, t);
	assert_int_equal(timefmt_parse_rfc3339("2024-02-29T00:00:00Z", &t2), 0);
}

static void test_refused(void **state)
{
	(void)state;
	int64_t t;
	static const char *const bad[] = {"2026-11-28",
					  "2026-11-28T15:04:05",
					  "2026-13-01T00:00:00Z",
					  "2025-02-29T00:00:00Z",
					  "2026-11-28T24:00:00Z",
					  "2026-11-28T15:04:05+0600",
					  "tomorrow",
					  ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(timefmt_parse_rfc3339(bad[i], &t), -1);
}

static void test_zones(void **state)
{
	(void)state;
	struct tm tm;
	int64_t t;
	assert_true(tz_valid("America/Chicago"));
	assert_false(tz_valid("America/Nowhere"));
	assert_false(tz_valid("../../etc/passwd"));
	assert_false(tz_valid("/etc/localtime"));
	/* 15:04 UTC in November is 09:04 in Chicago (CST, UTC-6), a Saturday. */
	assert_int_equal(timefmt_parse_rfc3339("2026-11-28T15:04:05Z", &t), 0);
	assert_int_equal(tz_localtime("America/Chicago", t, &tm), 0);
	assert_int_equal(tm.tm_hour, 9);
	assert_int_equal(tm.tm_wday, 6);
	/* In July it is CDT, UTC-5. */
	assert_int_equal(timefmt_parse_rfc3339("2026-07-01T15:00:00Z", &t), 0);
	assert_int_equal(tz_localtime("America/Chicago", t, &tm), 0);
	assert_int_equal(tm.tm_hour, 10);
	assert_int_equal(tz_localtime("Nowhere/Else", t, &tm), -1);
}

static void test_day_starts_follow_the_clock_changes(void **state)
{
	(void)state;
	int64_t starts[4];
	/* 2026-03-07..09 in Chicago: the 8th has 23 hours (CST to CDT). */
	assert_int_equal(
		tz_day_starts("America/Chicago", timefmt_days_from_civil(2026, 3, 7), 3, starts),
		0);
	char s[RFC3339_LEN];
	timefmt_rfc3339(starts[0], s);
	assert_string_equal(s, "2026-03-07T06:00:00Z");
	assert_int_equal(starts[1] - starts[0], 86400);
	assert_int_equal(starts[2] - starts[1], 23 * 3600);
	assert_int_equal(starts[3] - starts[2], 86400);
	/* 2026-11-01 has 25 hours, and a month's end rolls over. */
	assert_int_equal(
		tz_day_starts("America/Chicago", timefmt_days_from_civil(2026, 10, 31), 2, starts),
		0);
	assert_int_equal(starts[2] - starts[1], 25 * 3600);
	assert_int_equal(
		tz_day_starts("Nowhere/Else", timefmt_days_from_civil(2026, 1, 1), 1, starts), -1);
	char day[11];
	timefmt_date(timefmt_days_from_civil(2026, 11, 28), day);
	assert_string_equal(day, "2026-11-28");
	timefmt_date(timefmt_days_from_civil(2024, 2, 29) + 1, day);
	assert_string_equal(day, "2024-03-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_day_starts_follow_the_clock_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
