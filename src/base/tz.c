/* glibc converts through the TZ variable, which is process-wide: every conversion sets it
 * under one lock, and only when the zone changes (tzset rereads the zone file). Zones found
 * valid are remembered, so a request does not open the tz database each time. Nothing else
 * in frontdesk reads local time (logs use gmtime_r). */
#include "base/tz.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/timefmt.h"

#define ZONEINFO "/usr/share/zoneinfo/"

#define ZONE_MAX 64
#define KNOWN_ZONES 16 /* a regional system has a zone or two; a few more do no harm */

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static char current[ZONE_MAX + 1];	      /* what TZ is set to; under tz_lock */
static char known[KNOWN_ZONES][ZONE_MAX + 1]; /* zones found valid; under tz_lock */
static unsigned next_known;

static bool is_known(const char *name)
{
	bool yes = false;
	pthread_mutex_lock(&tz_lock);
	for (int i = 0; i < KNOWN_ZONES && !yes; i++)
		yes = strcmp(known[i], name) == 0;
	pthread_mutex_unlock(&tz_lock);
	return yes;
}

static void remember(const char *name)
{
	pthread_mutex_lock(&tz_lock);
	snprintf(known[next_known++ % KNOWN_ZONES], ZONE_MAX + 1, "%s", name);
	pthread_mutex_unlock(&tz_lock);
}

/* Under tz_lock. */
static void use_zone(const char *name)
{
	if (strcmp(current, name) != 0) {
		setenv("TZ", name, 1);
		tzset();
		snprintf(current, sizeof current, "%s", name);
	}
}

int tz_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > ZONE_MAX || name[0] == '/' || strstr(name, ".."))
		return 0;
	if (is_known(name))
		return 1;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
			return 0;
	char path[sizeof ZONEINFO + 64];
	snprintf(path, sizeof path, ZONEINFO "%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char magic[4] = {0};
	size_t got = fread(magic, 1, 4, f);
	fclose(f);
	/* glibc quietly falls back to UTC for an unknown zone: only real TZif files count. */
	if (got != 4 || memcmp(magic, "TZif", 4) != 0)
		return 0;
	remember(name);
	return 1;
}

int tz_localtime(const char *name, int64_t t, struct tm *out)
{
	if (!tz_valid(name))
		return -1;
	time_t tt = (time_t)t;
	pthread_mutex_lock(&tz_lock);
	use_zone(name);
	struct tm *r = localtime_r(&tt, out);
	pthread_mutex_unlock(&tz_lock);
	return r ? 0 : -1;
}

int tz_day_starts(const char *name, int64_t first_day, int ndays, int64_t *starts)
{
	if (!tz_valid(name))
		return -1;
	struct tm first = {0};
	time_t midnight_utc = (time_t)(first_day * 86400);
	gmtime_r(&midnight_utc, &first); /* the civil date of first_day */
	int rc = 0;
	pthread_mutex_lock(&tz_lock);
	use_zone(name);
	for (int i = 0; i <= ndays && !rc; i++) {
		/* mktime normalises the day of the month, and a midnight that a clock change
		 * skips becomes the first second that exists. */
		struct tm tm = {.tm_year = first.tm_year,
				.tm_mon = first.tm_mon,
				.tm_mday = first.tm_mday + i,
				.tm_isdst = -1};
		time_t t = mktime(&tm);
		if (t == (time_t)-1)
			rc = -1;
		starts[i] = (int64_t)t;
	}
	pthread_mutex_unlock(&tz_lock);
	return rc;
}

int tz_day(const char *name, int64_t t, struct tz_day *out)
{
	struct tm tm = {0};
	int64_t starts[2];
	*out = (struct tz_day){0};
	if (tz_localtime(name, t, &tm))
		return -1;
	int64_t day = timefmt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (tz_day_starts(name, day, 1, starts))
		return -1;
	*out = (struct tz_day){day, starts[0], starts[1]};
	return 0;
}

int tz_from_local(const char *name, int64_t day, int minute, int64_t *out)
{
	int64_t start;
	struct tm tm;
	if (minute < 0 || minute >= 24 * 60 || tz_day_starts(name, day, 0, &start))
		return -1;
	/* From the day's first second, counted in elapsed time, then corrected by what the
	 * clock shows: a clock change between midnight and then moves it by the change. */
	int64_t t = start + 60 * (int64_t)minute;
	for (int tries = 0; tries < 2; tries++) {
		if (tz_localtime(name, t, &tm))
			return -1;
		int shown = tm.tm_hour * 60 + tm.tm_min;
		int64_t shown_day =
			timefmt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		int diff = minute - shown + (int)(day - shown_day) * 24 * 60;
		if (diff == 0) {
			*out = t - tm.tm_sec;
			return 0;
		}
		t += 60 * (int64_t)diff;
	}
	return 1;
}

const char *tz_words(struct arena *a, const char *zone, int64_t t, enum tz_form form)
{
	static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					   "Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January",	  "February", "March",	  "April",
					     "May",	  "June",     "July",	  "August",
					     "September", "October",  "November", "December"};
	struct tm tm = {0};
	char abbr[16] = "UTC";
	time_t tt = (time_t)t;
	if (!t)
		return "—";
	/* glibc keeps a zone's abbreviations for the life of the process: tm_zone stays valid. */
	if (zone && tz_localtime(zone, t, &tm) == 0 && tm.tm_zone)
		snprintf(abbr, sizeof abbr, "%s", tm.tm_zone);
	else
		gmtime_r(&tt, &tm);
	int hour12 = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;
	const char *half = tm.tm_hour < 12 ? "AM" : "PM";
	if (form == TZ_CLOCK)
		return arena_printf(a, "%d:%02d %s %s", hour12, tm.tm_min, half, abbr);
	if (form == TZ_DAY)
		return arena_printf(a, "%s, %s %d, %d", days[tm.tm_wday], months[tm.tm_mon],
				    tm.tm_mday, tm.tm_year + 1900);
	if (form == TZ_SHORT_DAY)
		return arena_printf(a, "%.3s, %.3s %d, %d", days[tm.tm_wday], months[tm.tm_mon],
				    tm.tm_mday, tm.tm_year + 1900);
	return arena_printf(a, "%.3s, %.3s %d, %d, %d:%02d %s %s", days[tm.tm_wday],
			    months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, hour12, tm.tm_min,
			    half, abbr);
}

void tz_clock_words(int lang, int minutes, char out[TZ_CLOCK_LEN])
{
	int h = (minutes / 60) % 24, m = minutes % 60;
	int h12 = h % 12 == 0 ? 12 : h % 12;
	/* TRANSLATORS: after a time of day before noon, "9 am"; US Spanish writes "a. m.". */
	const char *half = h < 12 ? tr(lang, "am")
				  /* TRANSLATORS: after a time from noon on, "4 pm". */
				  : tr(lang, "pm");
	if (m)
		snprintf(out, TZ_CLOCK_LEN, "%d:%02d %s", h12, m, half);
	else
		snprintf(out, TZ_CLOCK_LEN, "%d %s", h12, half);
}

static const char *const weekdays[7] = {N_("Sunday"),	 N_("Monday"),	 N_("Tuesday"),
					N_("Wednesday"), N_("Thursday"), N_("Friday"),
					N_("Saturday")};
static const char *const month_names[12] = {N_("January"), N_("February"), N_("March"),
					    N_("April"),   N_("May"),	   N_("June"),
					    N_("July"),	   N_("August"),   N_("September"),
					    N_("October"), N_("November"), N_("December")};

const char *tz_when_words(struct arena *a, int lang, const char *zone, int64_t t, int64_t now)
{
	struct tm tm = {0};
	struct tz_day then, today;
	if (tz_localtime(zone, t, &tm) || tz_day(zone, t, &then) || tz_day(zone, now, &today))
		return "";
	char clock[TZ_CLOCK_LEN];
	tz_clock_words(lang, tm.tm_hour * 60 + tm.tm_min, clock);
	const char *at = arena_printf(a,
				      tm.tm_hour % 12 == 1
					      /* TRANSLATORS: "at 1 pm", "at 1:30 am": a time in
					       * the hour of one, which Spanish says in the
					       * singular: "a la %s". */
					      ? trp(lang, "one o'clock", "at %s")
					      /* TRANSLATORS: "at 9 am", the time of day
					       * something happens: "a las %s". */
					      : tr(lang, "at %s"),
				      clock);
	int64_t ahead = then.day - today.day;
	if (ahead == 0)
		/* TRANSLATORS: %s is "at 9 am". */
		return arena_printf(a, tr(lang, "today %s"), at);
	if (ahead == 1)
		/* TRANSLATORS: %s is "at 9 am". */
		return arena_printf(a, tr(lang, "tomorrow %s"), at);
	/* TRANSLATORS: weekday, day of the month, month, then "at 9 am": "on Tuesday 1 December
	 * at 9 am". Spanish: "el %s %d de %s %s" (weekday and month in lower case). */
	return arena_printf(a, tr(lang, "on %s %d %s %s"), tr(lang, weekdays[tm.tm_wday % 7]),
			    tm.tm_mday, tr(lang, month_names[tm.tm_mon % 12]), at);
}
