/* A reader for the part of iCalendar a holiday list uses: unfolded content lines, VEVENTs
 * with DTSTART, DTEND, SUMMARY and STATUS. Components inside an event (alarms) are skipped. */
#include "base/ical.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/timefmt.h"

#define MAX_EVENT_DAYS 31

struct event {
	int64_t start, end; /* civil days; end not included; start -1 when not seen */
	bool end_seen, cancelled;
	const char *name;
};

/* The next unfolded content line of text from *pos into line; false at the end. */
static bool next_line(const char *text, size_t len, size_t *pos, struct buf *line, int *lineno,
		      int *first_lineno)
{
	buf_reset(line);
	if (*pos >= len)
		return false;
	*first_lineno = *lineno + 1;
	while (*pos < len) {
		char c = text[(*pos)++];
		if (c == '\r')
			continue;
		if (c != '\n') {
			buf_putc(line, c);
			continue;
		}
		(*lineno)++;
		/* A line that starts with a space or tab continues the one before (folding). */
		if (*pos < len && (text[*pos] == ' ' || text[*pos] == '\t'))
			(*pos)++;
		else
			return true;
	}
	(*lineno)++;
	return true;
}

/* "20261225" or "20261225T090000[Z]" → civil day; *timed says which, *midnight whether the
 * time is 00:00:00. -1 when malformed. */
static int64_t parse_day(const char *v, bool *timed, bool *midnight)
{
	size_t n = strlen(v);
	if (n < 8)
		return -1;
	for (int i = 0; i < 8; i++)
		if (v[i] < '0' || v[i] > '9')
			return -1;
	*timed = n > 8;
	*midnight = true;
	if (*timed) {
		if ((n != 15 && !(n == 16 && v[15] == 'Z')) || v[8] != 'T')
			return -1;
		for (int i = 9; i < 15; i++)
			if (v[i] < '0' || v[i] > '9')
				return -1;
		*midnight = strncmp(v + 9, "000000", 6) == 0;
	}
	int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	int m = (v[4] - '0') * 10 + (v[5] - '0'), d = (v[6] - '0') * 10 + (v[7] - '0');
	char iso[32];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	int yy, mm, dd;
	if (timefmt_parse_date(iso, &yy, &mm, &dd))
		return -1;
	return timefmt_days_from_civil(y, m, d);
}

/* TEXT values escape \\ \; \, and \n. A name is one line: a line break or tab in it becomes
 * a space. */
static const char *unescape(struct arena *a, const char *v)
{
	char *out = arena_alloc(a, strlen(v) + 1), *o = out;
	for (const char *p = v; *p; p++) {
		char c = *p;
		if (c == '\\' && p[1]) {
			c = *++p;
			c = c == 'n' || c == 'N' ? ' ' : c;
		}
		*o++ = c == '\t' ? ' ' : c;
	}
	*o = 0;
	return out;
}

/* Every content line is text a person wrote: a NUL would cut the name short where it stands
 * and a byte that is not UTF-8 would make it unreadable. The error names the property when
 * the fault is in its value. */
static int check_line(const struct buf *line, int at, struct fd_error *err)
{
	struct text_fault f;
	char what[TEXT_FAULT_LEN];
	if (text_valid(line->data, line->len, true, &f))
		return 0;
	text_fault_text(&f, what);
	size_t name = strcspn(line->data, ":;");
	if (name < f.offset)
		return fd_fail_field(err, "ics", "line %d (%.*s): %s", at, (int)name, line->data,
				     what);
	return fd_fail_field(err, "ics", "line %d: %s", at, what);
}

static int add_event(const struct event *e, int lineno, struct arena *a, struct ical_day **days,
		     size_t *n, size_t *cap, struct fd_error *err)
{
	if (e->start < 0)
		return fd_fail_field(err, "ics", "line %d: an event without a DTSTART", lineno);
	if (e->cancelled)
		return 0;
	int64_t end = e->end_seen ? e->end : e->start + 1;
	if (end <= e->start)
		end = e->start + 1;
	if (end - e->start > MAX_EVENT_DAYS)
		return fd_fail_field(err, "ics",
				     "line %d: an event of more than %d days is not a holiday",
				     lineno, MAX_EVENT_DAYS);
	for (int64_t d = e->start; d < end; d++) {
		if (*n == ICAL_MAX_DAYS)
			return fd_fail_field(err, "ics", "the file holds more than %d days",
					     ICAL_MAX_DAYS);
		if (*n == *cap) {
			size_t bigger = *cap ? *cap * 2 : 32;
			struct ical_day *grown = arena_alloc(a, bigger * sizeof *grown);
			if (*n)
				memcpy(grown, *days, *n * sizeof *grown);
			*days = grown;
			*cap = bigger;
		}
		(*days)[(*n)++] = (struct ical_day){d, e->name ? e->name : "Holiday"};
	}
	return 0;
}

static int not_ical(struct fd_error *err)
{
	return fd_fail_field(err, "ics",
			     "not an iCalendar file: it should begin with BEGIN:VCALENDAR");
}

/* One property of an event (name upper or lower case): the days, the name, whether it was
 * cancelled; a repeating event is refused, since its days are not listed. */
static int event_property(struct event *e, const char *name, char *value, int at, struct arena *a,
			  struct fd_error *err)
{
	bool timed, midnight;
	if (strcasecmp(name, "DTSTART") == 0 || strcasecmp(name, "DTEND") == 0) {
		int64_t d = parse_day(value, &timed, &midnight);
		if (d < 0)
			return fd_fail_field(err, "ics", "line %d: '%s' is not a date", at, value);
		if (strcasecmp(name, "DTSTART") == 0) {
			e->start = d;
		} else {
			/* An all-day end is the day after; a timed one is on its day. */
			e->end = timed && !midnight ? d + 1 : d;
			e->end_seen = true;
		}
	} else if (strcasecmp(name, "SUMMARY") == 0) {
		e->name = unescape(a, value);
	} else if (strcasecmp(name, "STATUS") == 0) {
		e->cancelled = strcasecmp(value, "CANCELLED") == 0;
	} else if (strcasecmp(name, "RRULE") == 0 || strcasecmp(name, "RDATE") == 0) {
		return fd_fail_field(err, "ics",
				     "line %d: repeating events are not read; list each year's "
				     "holiday as an event of its own",
				     at);
	}
	return 0;
}

int ical_days(const char *text, size_t len, struct arena *a, struct ical_day **out, size_t *n,
	      struct fd_error *err)
{
	struct buf line = BUF_INIT;
	size_t pos = 0, cap = 0;
	int lineno = 0, at = 0, depth = 0; /* depth: 1 in the calendar, 2 in an event */
	bool calendar = false;
	struct event e = {0};
	int rc = 0;
	*out = NULL;
	*n = 0;
	while (rc == 0 && next_line(text, len, &pos, &line, &lineno, &at)) {
		if (!line.len)
			continue;
		if ((rc = check_line(&line, at, err)))
			break;
		char *l = line.data;
		char *colon = strchr(l, ':');
		if (!colon && !calendar) {
			rc = not_ical(err);
			break;
		}
		if (!colon) {
			rc = fd_fail_field(err, "ics", "line %d is not 'NAME:value'", at);
			break;
		}
		*colon = 0;
		char *value = colon + 1, *semi = strchr(l, ';');
		if (semi)
			*semi = 0; /* parameters: VALUE=DATE says no more than the value does */
		if (!calendar) {
			if (strcasecmp(l, "BEGIN") != 0 || strcasecmp(value, "VCALENDAR") != 0) {
				rc = not_ical(err);
				break;
			}
			calendar = true;
			depth = 1;
			continue;
		}
		if (strcasecmp(l, "BEGIN") == 0) {
			if (depth == 1 && strcasecmp(value, "VEVENT") == 0)
				e = (struct event){.start = -1};
			depth++;
		} else if (strcasecmp(l, "END") == 0) {
			if (depth == 2 && strcasecmp(value, "VEVENT") == 0)
				rc = add_event(&e, at, a, out, n, &cap, err);
			if (--depth == 0)
				break;
		} else if (depth == 2) {
			rc = event_property(&e, l, value, at, a, err);
		}
	}
	if (rc == 0 && !calendar)
		rc = not_ical(err);
	else if (rc == 0 && depth != 0)
		rc = fd_fail_field(err, "ics", "the file ends inside a component (no END)");
	buf_free(&line);
	return rc;
}
