/* libFuzzer: the iCalendar holiday reader. Whatever the bytes, it either refuses them with a
 * message naming the field or gives days that are real dates, each with a name that is one
 * line of UTF-8 text without control characters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/ical.h"
#include "base/text.h"
#include "base/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct ical_day *days;
	size_t n;
	struct fd_error err = {0};
	arena_init(&a);
	if (ical_days((const char *)data, size, &a, &days, &n, &err)) {
		if (strcmp(err.field, "ics") != 0 || !err.message[0])
			abort();
	} else {
		if (n > ICAL_MAX_DAYS)
			abort();
		for (size_t i = 0; i < n; i++) {
			char date[11];
			timefmt_date(days[i].day, date);
			int y, m, d;
			if (!days[i].name ||
			    !text_valid(days[i].name, strlen(days[i].name), false, NULL) ||
			    timefmt_parse_date(date, &y, &m, &d) ||
			    timefmt_days_from_civil(y, m, d) != days[i].day)
				abort();
		}
	}
	arena_free(&a);
	return 0;
}
