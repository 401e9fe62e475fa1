/* Times are int64 seconds since the epoch, UTC, everywhere; RFC 3339 at the edges. */
#ifndef BASE_TIMEFMT_H
#define BASE_TIMEFMT_H
#include <stdint.h>

#define RFC3339_LEN 21 /* "2026-11-28T15:04:05Z" and NUL */

int64_t time_now(void);
/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into out. */
void timefmt_rfc3339(int64_t t, char out[RFC3339_LEN]);
/* Parses RFC 3339 ("Z" or "+hh:mm" offset, optional fraction); 0 on success. */
int timefmt_parse_rfc3339(const char *s, int64_t *t);
/* Parses "YYYY-MM-DD" into year, month (1-12), day; checks the day exists. 0 on success. */
int timefmt_parse_date(const char *s, int *year, int *month, int *day);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t timefmt_days_from_civil(int year, int month, int day);
/* The civil date "YYYY-MM-DD" of a day counted since 1970-01-01. */
void timefmt_date(int64_t days, char out[11]);

#endif
