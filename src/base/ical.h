/* Holiday lists from iCalendar files (RFC 5545), as calendar programs export them. */
#ifndef BASE_ICAL_H
#define BASE_ICAL_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/error.h"

#define ICAL_MAX_DAYS 3660 /* ten years of days in one file is plenty for a holiday list */

struct ical_day {
	int64_t day;	  /* civil day number (timefmt_days_from_civil) */
	const char *name; /* the event's SUMMARY, unescaped; "Holiday" when it has none */
};

/* Every day of every VEVENT in text: from DTSTART up to DTEND (not included) for all-day
 * events, through the day DTEND falls on for timed ones, or DTSTART's day alone. Cancelled
 * events are left out. A repeating event (RRULE) or anything malformed is refused with the
 * line it is on, in err's field "ics". Results live in a. */
int ical_days(const char *text, size_t len, struct arena *a, struct ical_day **out, size_t *n,
	      struct fd_error *err);

#endif
