/* Holiday lists from iCalendar files: folding, all-day and timed events, escapes, and the
 * refusals that name the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/ical.h"
#include "base/timefmt.h"

static size_t read_days(const char *text, struct arena *a, struct ical_day **days, int expect_rc,
			struct fd_error *err)
{
	size_t n = 0;
	assert_int_equal(ical_days(text, strlen(text), a, days, &n, err), expect_rc);
	return n;
}

static void assert_day(const struct ical_day *d, const char *date, const char *name)
{
	char got[11];
	timefmt_date(d->day, got);
	assert_string_equal(got, date);
	assert_string_equal(d->name, name);
}

static void test_all_day_timed_and_folded_events(void **state)
{
	(void)state;
	struct arena a;
	struct ical_day *d;
	struct fd_error err = {0};
	arena_init(&a);
	size_t n = read_days("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//MMRLS//Holidays//EN\r\n"
			     "BEGIN:VEVENT\r\nUID:1@mmrls\r\nDTSTART;VALUE=DATE:20261126\r\n"
			     "DTEND;VALUE=DATE:20261128\r\nSUMMARY:Thanksgiving\\, and the day "
			     "\r\n after\r\nBEGIN:VALARM\r\nSUMMARY:not this\r\nEND:VALARM\r\n"
			     "END:VEVENT\r\n"
			     "BEGIN:VEVENT\nDTSTART:20261224T120000\nDTEND:20261224T170000\n"
			     "SUMMARY:Christmas Eve (half day)\nEND:VEVENT\n"
			     "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nSUMMARY:Christmas Day\n"
			     "END:VEVENT\n"
			     "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261226\nSTATUS:CANCELLED\n"
			     "END:VEVENT\nBEGIN:VEVENT\nDTSTART:20270101\nEND:VEVENT\n"
			     "END:VCALENDAR\r\n",
			     &a, &d, 0, &err);
	assert_int_equal(n, 5);
	assert_day(&d[0], "2026-11-26", "Thanksgiving, and the day after");
	assert_day(&d[1], "2026-11-27", "Thanksgiving, and the day after");
	assert_day(&d[2], "2026-12-24", "Christmas Eve (half day)");
	assert_day(&d[3], "2026-12-25", "Christmas Day");
	assert_day(&d[4], "2027-01-01", "Holiday");
	arena_free(&a);
}

static void test_refusals_name_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
	} bad[] = {
		{"hello", "not an iCalendar file"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-12-25\nEND:VEVENT\nEND:VCALENDAR\n",
		 "line 3: '2026-12-25' is not a date"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261231\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
		 "END:VCALENDAR\n",
		 "line 4: repeating events"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
		 "line 4: an event without a DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260230\nEND:VEVENT\nEND:VCALENDAR\n",
		 "not a date"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nDTEND:20260301\nEND:VEVENT\n"
		 "END:VCALENDAR\n",
		 "more than 31 days"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\n", "ends inside"},
		{"BEGIN:VCALENDAR\nno colon here\nEND:VCALENDAR\n", "line 2 is not"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct arena a;
		struct ical_day *d;
		struct fd_error err = {0};
		arena_init(&a);
		read_days(bad[i].text, &a, &d, -1, &err);
		assert_string_equal(err.field, "ics");
		if (!strstr(err.message, bad[i].says))
			fail_msg("%zu: '%s' does not say '%s'", i, err.message, bad[i].says);
		arena_free(&a);
	}
}

/* A NUL once cut "Christ\0mas" to "Christ"; a stray byte stored a name that read back as
 * nothing. Both are refused with the line and the property; a tab becomes a space. */
static void test_bytes_that_are_not_text_name_the_line(void **state)
{
	(void)state;
#define EVENT(summary)                                                                             \
	"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261225\r\nSUMMARY:" summary                  \
	"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	static const struct {
		const char *text;
		size_t len;
		const char *says;
	} bad[] = {
		{EVENT("Christ\0mas"), sizeof EVENT("Christ\0mas") - 1,
		 "line 4 (SUMMARY): control character U+0000 is not allowed"},
		{EVENT("No\xe9l"), sizeof EVENT("No\xe9l") - 1,
		 "line 4 (SUMMARY): byte 0xE9 is not valid UTF-8"},
		{EVENT("Bell\x07"), sizeof EVENT("Bell\x07") - 1, "line 4 (SUMMARY): control"},
		{"BEGIN:VCALENDAR\nX-\xff:1\nEND:VCALENDAR\n", 36, "line 2: byte 0xFF"},
	};
#undef EVENT
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct arena a;
		struct ical_day *d;
		struct fd_error err = {0};
		size_t n = 0;
		arena_init(&a);
		assert_int_equal(ical_days(bad[i].text, bad[i].len, &a, &d, &n, &err), -1);
		assert_string_equal(err.field, "ics");
		if (!strstr(err.message, bad[i].says))
			fail_msg("%zu: '%s' does not say '%s'", i, err.message, bad[i].says);
		arena_free(&a);
	}
	struct arena a;
	struct ical_day *d;
	struct fd_error err = {0};
	arena_init(&a);
	assert_int_equal(read_days("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\n"
				   "SUMMARY:No\xc3\xabl\tDay\nEND:VEVENT\nEND:VCALENDAR\n",
				   &a, &d, 0, &err),
			 1);
	assert_day(&d[0], "2026-12-25", "No\xc3\xabl Day");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_day_timed_and_folded_events),
		cmocka_unit_test(test_refusals_name_the_line),
		cmocka_unit_test(test_bytes_that_are_not_text_name_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
