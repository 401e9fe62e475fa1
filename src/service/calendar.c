/* Branch calendar use cases. Dates are the branch's local dates; the open spans are epoch
 * seconds, found through the branch's time zone, so that every clock can count open time. */
#include "service/calendar.h"

#include <stdio.h>
#include <string.h>

#include "base/ical.h"
#include "base/timefmt.h"
#include "base/tz.h"

int64_t calendar_local_day(const struct branch *b, int64_t t)
{
	struct tz_day d;
	tz_day(b->time_zone, t, &d);
	return d.day;
}

const char *calendar_when(struct svc *s, const struct branch *b, int64_t t)
{
	static const char *const days[7] = {"Sunday",	"Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday", "Saturday"};
	static const char *const months[12] = {"January",   "February", "March",    "April",
					       "May",	    "June",	"July",	    "August",
					       "September", "October",	"November", "December"};
	struct tm tm = {0};
	tz_localtime(b->time_zone, t, &tm);
	int64_t ahead = calendar_local_day(b, t) - calendar_local_day(b, s->now);
	char clock[HOURS_CLOCK_LEN]; /* the pages' one clock: "9 am" */
	hours_time_label(tm.tm_hour % 24 * 60 + tm.tm_min % 60, clock);
	if (ahead == 0 || ahead == 1)
		return arena_printf(s->arena, "%s at %s", ahead ? "tomorrow" : "today", clock);
	return arena_printf(s->arena, "on %s %d %s at %s", days[tm.tm_wday % 7], tm.tm_mday,
			    months[tm.tm_mon % 12], clock);
}

void calendar_week_hours(const struct branch *b, struct week_hours *out)
{
	struct fd_error ignored;
	/* Stored hours were validated on the way in. */
	if (hours_parse(b->hours ? b->hours : "", out, &ignored))
		hours_parse("", out, &ignored);
}

int calendar_days_in_tx(struct svc *s, const struct branch *b, int64_t first, int ndays,
			struct calendar_day **out, struct fd_error *err)
{
	struct week_hours week;
	struct calendar_entry *hol, *own;
	size_t nhol, nown;
	char from[11], to[11];
	calendar_week_hours(b, &week);
	timefmt_date(first, from);
	timefmt_date(first + ndays - 1, to);
	if (store_holidays(s->store, from, to, s->arena, &hol, &nhol, err) ||
	    store_branch_days(s->store, b->id, from, to, s->arena, &own, &nown, err))
		return -1;
	struct calendar_day *days =
		arena_alloc(s->arena, (size_t)(ndays ? ndays : 1) * sizeof *days);
	size_t h = 0, o = 0;
	for (int i = 0; i < ndays; i++) {
		struct calendar_day *d = &days[i];
		timefmt_date(first + i, d->date);
		/* Both lists are in date order, as the days are. */
		while (h < nhol && strcmp(hol[h].day, d->date) < 0)
			h++;
		while (o < nown && strcmp(own[o].day, d->date) < 0)
			o++;
		bool holiday = h < nhol && strcmp(hol[h].day, d->date) == 0;
		const struct calendar_entry *mine =
			o < nown && strcmp(own[o].day, d->date) == 0 ? &own[o] : NULL;
		enum day_kind own_kind = !mine		? DAY_WEEKLY
					 : mine->closed ? DAY_CLOSED
							: DAY_CHANGED;
		struct day_hours own_hours = {mine ? mine->opens_min : -1,
					      mine ? mine->closes_min : -1};
		/* 1970-01-01 was a Thursday. */
		int wday = (int)(((first + i) % 7 + 7 + 4) % 7);
		d->hours = calendar_day(&week, wday, holiday, own_kind, own_hours);
		d->kind = own_kind != DAY_WEEKLY ? own_kind : holiday ? DAY_HOLIDAY : DAY_WEEKLY;
		d->holiday = holiday ? hol[h].reason : NULL;
		if (mine) {
			d->reason = mine->reason;
			d->set_by = mine->set_by;
		} else if (holiday) {
			d->set_by = hol[h].set_by;
		}
	}
	*out = days;
	return 0;
}

int calendar_spans_of_days(struct svc *s, const struct branch *b, int64_t first,
			   const struct calendar_day *days, int ndays, struct open_span **out,
			   size_t *n, struct fd_error *err)
{
	int64_t *starts = arena_alloc(s->arena, (size_t)(ndays + 1) * sizeof *starts);
	if (tz_day_starts(b->time_zone, first, ndays, starts))
		return fd_fail(err, FD_EINTERNAL, "the time zone %s cannot be read", b->time_zone);
	*out = arena_alloc(s->arena, (size_t)(ndays ? ndays : 1) * sizeof **out);
	*n = 0;
	for (int i = 0; i < ndays; i++) {
		struct open_span span =
			calendar_day_span(starts[i], starts[i + 1] - starts[i], days[i].hours);
		if (span.to <= span.from)
			continue;
		/* Open through midnight: one span, so a shift is not taken to end there. */
		if (*n && (*out)[*n - 1].to == span.from)
			(*out)[*n - 1].to = span.to;
		else
			(*out)[(*n)++] = span;
	}
	return 0;
}

int calendar_spans_in_tx(struct svc *s, const struct branch *b, int64_t from, int64_t to,
			 struct open_span **out, size_t *n, struct fd_error *err)
{
	int64_t first = calendar_local_day(b, from), last = calendar_local_day(b, to);
	/* A clock that started longer ago than this has long run out: the latest days do. */
	if (last - first + 1 > 3 * CALENDAR_MAX_DAYS)
		first = last - 3 * CALENDAR_MAX_DAYS + 1;
	int ndays = last >= first ? (int)(last - first + 1) : 1;
	struct calendar_day *days;
	return calendar_days_in_tx(s, b, first, ndays, &days, err) ||
			       calendar_spans_of_days(s, b, first, days, ndays, out, n, err)
		       ? -1
		       : 0;
}

int calendar_branch(struct svc *s, const char *code, const char *from, const char *to,
		    struct branch *b, struct calendar_day **out, size_t *n, struct fd_error *err)
{
	int64_t first = 0, last = 0;
	*n = 0;
	if (svc_may(s, ACTION_BRANCH_READ, err) ||
	    (from && svc_check_date("from", from, &first, err)) ||
	    (to && svc_check_date("to", to, &last, err)) || svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, code, b, err);
	if (!rc && !from)
		first = calendar_local_day(b, s->now); /* from today at the branch ... */
	if (!rc && !to)
		last = first + 30; /* ... for a month */
	if (!rc && last < first)
		rc = fd_fail_field(err, "to", "The last day comes on or after the first day.");
	if (!rc && last - first + 1 > CALENDAR_MAX_DAYS)
		rc = fd_fail_field(err, "to", "at most %d days at a time", CALENDAR_MAX_DAYS);
	if (!rc)
		rc = calendar_days_in_tx(s, b, first, (int)(last - first + 1), out, err);
	if (!rc)
		*n = (size_t)(last - first + 1);
	return svc_end(s, rc, err);
}

#define IN(type, member) .offset = offsetof(struct type, member)
static const struct input_field holiday_fields[] = {
	{"date", "Date", INPUT_DATE, true, IN(holiday_input, date)},
	{"name", "Name", INPUT_TEXT, true, 1, 100, IN(holiday_input, name)},
};
const struct input_table holiday_input_table = INPUT_TABLE(holiday_fields);

static const struct input_field closure_fields[] = {
	{"date", "Date", INPUT_DATE, true, IN(closure_input, date)},
	{"hours", "Open only these hours (10:00-14:00)", INPUT_TEXT, false, 0, 11,
	 IN(closure_input, hours)},
	{"reason", "Why", INPUT_TEXT, true, 1, 200, IN(closure_input, reason)},
};
const struct input_table closure_input_table = INPUT_TABLE(closure_fields);

static const struct input_field ics_fields[] = {
	{"ics", "iCalendar (.ics) file", INPUT_LINES, true, 1, HOLIDAY_ICS_MAX_BYTES,
	 IN(ics_input, ics)},
};
const struct input_table ics_input_table = INPUT_TABLE(ics_fields);

/* in was read through holiday_input_table. */
int holiday_add(struct svc *s, const struct holiday_input *in, struct fd_error *err)
{
	int64_t day = 0;
	if (svc_may(s, ACTION_HOLIDAYS, err) || svc_check_date("date", in->date, &day, err) ||
	    svc_begin(s, true, err))
		return -1;
	int rc = store_holiday_put(s->store, in->date, in->name, s->actor ? s->actor->id : 0,
				   s->now, err);
	if (!rc)
		rc = svc_audit(s, "change", "holiday", day, err);
	return svc_end(s, rc, err);
}

int holiday_remove(struct svc *s, const char *date, struct fd_error *err)
{
	int64_t day = 0;
	bool found;
	if (svc_may(s, ACTION_HOLIDAYS, err) || svc_check_date("date", date, &day, err) ||
	    svc_begin(s, true, err))
		return -1;
	int rc = store_holiday_delete(s->store, date, &found, err);
	if (!rc && !found)
		rc = fd_fail(err, FD_ENOTFOUND, "%s is not a holiday", date);
	if (!rc)
		rc = svc_audit(s, "change", "holiday", day, err);
	return svc_end(s, rc, err);
}

int holiday_list(struct svc *s, const char *from, const char *to, struct calendar_entry **out,
		 size_t *n, struct fd_error *err)
{
	int64_t day = 0;
	if (svc_may(s, ACTION_BRANCH_READ, err) ||
	    (from && svc_check_date("from", from, &day, err)) ||
	    (to && svc_check_date("to", to, &day, err)) || svc_begin(s, false, err))
		return -1;
	/* Without a range: every holiday on the list (dates compare as text). */
	return svc_end(s,
		       store_holidays(s->store, from ? from : "0000-00-00", to ? to : "9999-99-99",
				      s->arena, out, n, err),
		       err);
}

/* An event's name is a holiday's: checked by the table's name field, the file named as the
 * field in error. */
static int check_event_name(const char *name, struct fd_error *err)
{
	struct holiday_input h;
	if (input_set(input_find(&holiday_input_table, "name"), "ics", name, &h, err) == 0)
		return 0;
	snprintf(err->field, sizeof err->field, "ics");
	return -1;
}

int holiday_import(struct svc *s, const char *ics, size_t len, int *days, struct fd_error *err)
{
	struct ical_day *d;
	size_t n;
	*days = 0;
	if (svc_may(s, ACTION_HOLIDAYS, err) || ical_days(ics, len, s->arena, &d, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (check_event_name(d[i].name, err))
			return -1;
	if (svc_begin(s, true, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char date[11];
		timefmt_date(d[i].day, date);
		rc = store_holiday_put(s->store, date, d[i].name, s->actor ? s->actor->id : 0,
				       s->now, err);
	}
	if (!rc)
		rc = svc_audit(s, "change", "holiday", (int64_t)n, err);
	if (svc_end(s, rc, err))
		return -1;
	*days = (int)n;
	return 0;
}

/* The branch whose calendar the actor may change: one she works at (CS-SCOPE), unless she is
 * at Headquarters. */
static int own_branch(struct svc *s, const char *code, struct branch *b, struct fd_error *err)
{
	return svc_branch(s, code, b, err) || svc_may_at(s, ACTION_BRANCH_CALENDAR, b->id, err) ? -1
												: 0;
}

/* in was read through closure_input_table. */
int closure_set(struct svc *s, const char *code, const struct closure_input *in,
		struct fd_error *err)
{
	short opens = -1, closes = -1;
	bool closed = !in->hours || !*in->hours;
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_CALENDAR, err) ||
	    (!closed && hours_parse_range(in->hours, "hours", &opens, &closes, err)) ||
	    svc_begin(s, true, err))
		return -1;
	int rc = own_branch(s, code, &b, err);
	if (!rc)
		rc = store_branch_day_put(s->store, b.id, in->date, closed, opens, closes,
					  in->reason, s->actor ? s->actor->id : 0, s->now, err);
	if (!rc)
		rc = svc_audit(s, "change", "branch_day", b.id, err);
	return svc_end(s, rc, err);
}

int closure_remove(struct svc *s, const char *code, const char *date, struct fd_error *err)
{
	int64_t day = 0;
	bool found;
	struct branch b;
	if (svc_may(s, ACTION_BRANCH_CALENDAR, err) || svc_check_date("date", date, &day, err) ||
	    svc_begin(s, true, err))
		return -1;
	int rc = own_branch(s, code, &b, err);
	if (!rc)
		rc = store_branch_day_delete(s->store, b.id, date, &found, err);
	if (!rc && !found)
		rc = fd_fail(err, FD_ENOTFOUND, "%s has nothing set for %s", b.code, date);
	if (!rc)
		rc = svc_audit(s, "change", "branch_day", b.id, err);
	return svc_end(s, rc, err);
}
