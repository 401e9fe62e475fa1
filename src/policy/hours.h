/* CS-HOURS: a branch's advertised opening hours per weekday. */
#ifndef POLICY_HOURS_H
#define POLICY_HOURS_H
#include <stdbool.h>

#include "base/buf.h"
#include "base/error.h"

/* Days are indexed as struct tm's tm_wday: 0 = Sunday. */
struct week_hours {
	struct {
		short opens_min, closes_min; /* minutes after local midnight; -1 = closed */
	} day[7];
};

/* Parses "mon-fri 09:00-18:00,sat 10:00-14:00"; days not named are closed; "" closes all.
 * 0 on success, else err names field "hours" and what is wrong. */
int hours_parse(const char *text, struct week_hours *out, struct fd_error *err);
/* Parses one day's "10:00-14:00"; a refusal names field. */
int hours_parse_range(const char *text, const char *field, short *opens, short *closes,
		      struct fd_error *err);
#define HOURS_CLOCK_LEN 16
/* Minutes after midnight as "09:00": the form typed and stored, and the API's. */
void hours_clock(int minutes, char out[HOURS_CLOCK_LEN]);
/* Minutes after midnight as a person reads a time on every page: "9 am", "8:24 am",
 * "12 pm" (noon), "12 am" (midnight); 1440 (closing at midnight) too is "12 am". */
void hours_time_label(int minutes, char out[HOURS_CLOCK_LEN]);
/* Writes the canonical form of h (consecutive days with the same hours grouped). */
void hours_format(const struct week_hours *h, struct buf *out);
/* Writes h as a readable week, Monday first, days with the same hours grouped:
 * "Monday to Thursday 9 am – 6 pm; Friday 9 am – 5 pm; Saturday and Sunday closed".
 * A day open from midnight to midnight is "open 24 hours"; a week closed every day is
 * "Closed every day". */
void hours_week_label(const struct week_hours *h, struct buf *out);
/* Is the branch open at local weekday wday, minute of day min? */
bool hours_open_at(const struct week_hours *h, int wday, int min);
const char *hours_day_name(int wday); /* "sun", "mon", ... */
/* CS-HOURS: seconds after the advertised opening that a branch opened at local weekday wday,
 * second of day; 0 when on time or early, -1 when it does not open that day. */
int hours_late_s(const struct week_hours *h, int wday, int seconds_of_day);

#endif
