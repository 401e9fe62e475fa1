/* tz_day, the one place a branch's local day is found: across both clock changes of a zone
 * that has them, east of UTC, without DST, and against the old "subtract the hour" way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/timefmt.h"
#include "base/tz.h"

static int64_t at(const char *rfc3339)
{
	int64_t t = 0;
	assert_int_equal(timefmt_parse_rfc3339(rfc3339, &t), 0);
	return t;
}

/* One instant and the local day it must fall on: its date, start and end (the local times are
 * written with their offsets, so each line can be checked against a wall calendar). */
struct day_case {
	const char *zone, *instant, *date, *start, *end;
	int hours; /* the day's length */
};

static const struct day_case cases[] = {
	/* New York, 2026-03-08: at 02:00 EST the clocks go to 03:00 EDT, a 23-hour day. */
	{"America/New_York", "2026-03-08T00:00:01-05:00", "2026-03-08", "2026-03-08T00:00:00-05:00",
	 "2026-03-09T00:00:00-04:00", 23},
	{"America/New_York", "2026-03-08T01:59:59-05:00", "2026-03-08", "2026-03-08T00:00:00-05:00",
	 "2026-03-09T00:00:00-04:00", 23},
	{"America/New_York", "2026-03-08T03:00:00-04:00", "2026-03-08", "2026-03-08T00:00:00-05:00",
	 "2026-03-09T00:00:00-04:00", 23},
	{"America/New_York", "2026-03-08T23:59:59-04:00", "2026-03-08", "2026-03-08T00:00:00-05:00",
	 "2026-03-09T00:00:00-04:00", 23},
	{"America/New_York", "2026-03-09T00:00:00-04:00", "2026-03-09", "2026-03-09T00:00:00-04:00",
	 "2026-03-10T00:00:00-04:00", 24},
	/* New York, 2026-11-01: at 02:00 EDT the clocks go back to 01:00 EST, a 25-hour day;
	 * 01:30 comes twice and both are that day. */
	{"America/New_York", "2026-11-01T00:00:01-04:00", "2026-11-01", "2026-11-01T00:00:00-04:00",
	 "2026-11-02T00:00:00-05:00", 25},
	{"America/New_York", "2026-11-01T01:30:00-04:00", "2026-11-01", "2026-11-01T00:00:00-04:00",
	 "2026-11-02T00:00:00-05:00", 25},
	{"America/New_York", "2026-11-01T01:59:59-04:00", "2026-11-01", "2026-11-01T00:00:00-04:00",
	 "2026-11-02T00:00:00-05:00", 25},
	{"America/New_York", "2026-11-01T01:30:00-05:00", "2026-11-01", "2026-11-01T00:00:00-04:00",
	 "2026-11-02T00:00:00-05:00", 25},
	{"America/New_York", "2026-11-01T23:59:59-05:00", "2026-11-01", "2026-11-01T00:00:00-04:00",
	 "2026-11-02T00:00:00-05:00", 25},
	{"America/New_York", "2026-10-31T23:59:59-04:00", "2026-10-31", "2026-10-31T00:00:00-04:00",
	 "2026-11-01T00:00:00-04:00", 24},
	/* Berlin, east of UTC: 2026-03-29 and 2026-10-25, the changes at 02:00 and 03:00. */
	{"Europe/Berlin", "2026-03-29T00:30:00+01:00", "2026-03-29", "2026-03-29T00:00:00+01:00",
	 "2026-03-30T00:00:00+02:00", 23},
	{"Europe/Berlin", "2026-03-29T03:00:00+02:00", "2026-03-29", "2026-03-29T00:00:00+01:00",
	 "2026-03-30T00:00:00+02:00", 23},
	{"Europe/Berlin", "2026-10-25T02:30:00+01:00", "2026-10-25", "2026-10-25T00:00:00+02:00",
	 "2026-10-26T00:00:00+01:00", 25},
	/* Its local day has begun while it is still the day before in UTC. */
	{"Europe/Berlin", "2026-10-24T22:30:00Z", "2026-10-25", "2026-10-25T00:00:00+02:00",
	 "2026-10-26T00:00:00+01:00", 25},
	/* Tokyo and Kolkata keep no daylight saving time: every day is 24 hours. */
	{"Asia/Tokyo", "2026-03-08T00:00:00+09:00", "2026-03-08", "2026-03-08T00:00:00+09:00",
	 "2026-03-09T00:00:00+09:00", 24},
	{"Asia/Tokyo", "2026-11-01T23:59:59+09:00", "2026-11-01", "2026-11-01T00:00:00+09:00",
	 "2026-11-02T00:00:00+09:00", 24},
	{"Asia/Kolkata", "2026-11-01T05:29:59Z", "2026-11-01", "2026-11-01T00:00:00+05:30",
	 "2026-11-02T00:00:00+05:30", 24},
	{"Asia/Kolkata", "2026-11-01T18:30:00Z", "2026-11-02", "2026-11-02T00:00:00+05:30",
	 "2026-11-03T00:00:00+05:30", 24},
};

static void test_local_days(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct day_case *c = &cases[i];
		struct tz_day d;
		char date[11];
		print_message("%s %s\n", c->zone, c->instant);
		assert_int_equal(tz_day(c->zone, at(c->instant), &d), 0);
		timefmt_date(d.day, date);
		assert_string_equal(date, c->date);
		assert_int_equal(d.start, at(c->start));
		assert_int_equal(d.end, at(c->end));
		assert_int_equal(d.end - d.start, (int64_t)c->hours * 3600);
		assert_true(d.start <= at(c->instant) && at(c->instant) < d.end);
	}
}

/* CS-INCIDENT: a report is due by the end of the day it happened. Made at 01:30 on the
 * autumn change, that is the next local midnight, not an hour before it, which is where the
 * old way (the instant, less the local hours, plus 24 hours) put it. */
static void test_the_deadline_of_an_incident_on_the_autumn_change(void **state)
{
	(void)state;
	struct tz_day d;
	int64_t made = at("2026-11-01T01:30:00-04:00");
	assert_int_equal(tz_day("America/New_York", made, &d), 0);
	assert_int_equal(d.end, at("2026-11-02T00:00:00-05:00"));
	int64_t old_way = made - (1 * 3600 + 30 * 60) + 86400;
	assert_int_equal(d.end - old_way, 3600);
	/* And on the spring change the day's counts start at midnight, not an hour early: at
	 * 09:00 EDT the old way started the day at 2026-03-07T23:00-05:00. */
	int64_t nine = at("2026-03-08T09:00:00-04:00");
	assert_int_equal(tz_day("America/New_York", nine, &d), 0);
	assert_int_equal(d.start, at("2026-03-08T00:00:00-05:00"));
	assert_int_equal(d.start - (nine - 9 * 3600), 3600);
}

static void test_an_unknown_zone_is_refused(void **state)
{
	(void)state;
	struct tz_day d = {1, 2, 3};
	assert_int_equal(tz_day("Nowhere/Else", 0, &d), -1);
	assert_int_equal(d.day, 0);
	assert_int_equal(d.start, 0);
	assert_int_equal(d.end, 0);
}

/* A form's date and time of day in the branch's zone, on both clock changes of 2026. */
static void test_a_local_clock_time_on_the_clock_changes(void **state)
{
	(void)state;
	const char *z = "America/Chicago";
	int64_t t = 0;
	int64_t fall = timefmt_days_from_civil(2026, 11, 1),
		spring = timefmt_days_from_civil(2026, 3, 8);
	assert_int_equal(tz_from_local(z, fall, 14 * 60 + 30, &t), 0);
	assert_int_equal(t, at("2026-11-01T14:30:00-06:00")); /* after the change: CST */
	assert_int_equal(tz_from_local(z, fall, 1 * 60 + 30, &t), 0);
	assert_int_equal(t, at("2026-11-01T01:30:00-05:00")); /* shown twice: the first, CDT */
	assert_int_equal(tz_from_local(z, spring, 14 * 60 + 30, &t), 0);
	assert_int_equal(t, at("2026-03-08T14:30:00-05:00")); /* after the change: CDT */
	assert_int_equal(tz_from_local(z, spring, 0, &t), 0);
	assert_int_equal(t, at("2026-03-08T00:00:00-06:00"));
	assert_int_equal(tz_from_local(z, spring, 2 * 60 + 30, &t), 1); /* skipped */
	assert_int_equal(tz_from_local(z, spring, 23 * 60 + 59, &t), 0);
	assert_int_equal(t, at("2026-03-08T23:59:00-05:00"));
	assert_int_equal(tz_from_local("Nowhere/Else", spring, 60, &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local_days),
		cmocka_unit_test(test_the_deadline_of_an_incident_on_the_autumn_change),
		cmocka_unit_test(test_an_unknown_zone_is_refused),
		cmocka_unit_test(test_a_local_clock_time_on_the_clock_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
