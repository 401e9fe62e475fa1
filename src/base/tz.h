/* IANA time zones (each branch has one): validation and conversion to local time. */
#ifndef BASE_TZ_H
#define BASE_TZ_H
#include <stdint.h>
#include <time.h>

/* 1 when name is a zone in the system's tz database, such as "America/Chicago". */
int tz_valid(const char *name);
/* Local broken-down time of t in zone name. 0 on success. */
int tz_localtime(const char *name, int64_t t, struct tm *out);
/* When each of ndays + 1 local days begins in zone name, from the civil day first_day
 * (counted since 1970-01-01, as timefmt_days_from_civil counts) on: starts[i] is the first
 * second of day i, so day i is [starts[i], starts[i + 1]). */
int tz_day_starts(const char *name, int64_t first_day, int ndays, int64_t *starts);

/* The local day an instant falls on: its civil day number, the instant it begins and the
 * instant the next one begins (23 or 25 hours later on a clock change, not always 24). */
struct tz_day {
	int64_t day;   /* days since 1970-01-01, as timefmt_days_from_civil counts */
	int64_t start; /* its first second */
	int64_t end;   /* the next day's first second */
};
/* The local day in zone name that t falls on. 0 on success. */
int tz_day(const char *name, int64_t t, struct tz_day *out);
/* The instant the local clock in zone name shows minute (0..1439) of the civil day `day`
 * (counted as tz_day counts): 0 on success; 1 when the clock skipped that minute (a spring
 * change); -1 for a bad zone. A minute shown twice (an autumn change) is its first showing. */
int tz_from_local(const char *name, int64_t day, int minute, int64_t *out);

/* How a printed document or an email gives a time, in words, with the zone's abbreviation that
 * day. */
enum tz_form {
	TZ_DAY_TIME,  /* "Sun, Nov 1, 2026, 2:30 PM CST" */
	TZ_DAY,	      /* "Sunday, November 1, 2026" */
	TZ_SHORT_DAY, /* "Sun, Nov 1, 2026" */
	TZ_CLOCK      /* "2:30 PM CST" */
};
struct arena;
/* t in zone (UTC when zone is NULL or unknown), as form says (in a); 0 is a dash. */
const char *tz_words(struct arena *a, const char *zone, int64_t t, enum tz_form form);

/* The public's words for a time, in a language of base/i18n.h. */
#define TZ_CLOCK_LEN 24
/* minutes (0..1439) as a clock in lang: "9 am", "4:30 pm"; Spanish "9 a. m.", "4:30 p. m.". */
void tz_clock_words(int lang, int minutes, char out[TZ_CLOCK_LEN]);
/* When t falls in zone, seen from now, in lang (in a): "today at 9 am", "tomorrow at 9 am",
 * "on Tuesday 1 December at 9 am"; Spanish "hoy a las 9 a. m.", "mañana a la 1 p. m.",
 * "el martes 1 de diciembre a las 9 a. m.". */
const char *tz_when_words(struct arena *a, int lang, const char *zone, int64_t t, int64_t now);

#endif
