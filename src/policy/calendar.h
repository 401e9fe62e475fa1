/* CS-HOURS day by day: the weekly hours, less the system's holidays and a branch's own
 * closures, with changed hours where set; and the clocks that run only while it is open. */
#ifndef POLICY_CALENDAR_H
#define POLICY_CALENDAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/hours.h"

/* What is set for one date besides the weekly hours. */
enum day_kind {
	DAY_WEEKLY,  /* nothing set: the weekly hours */
	DAY_HOLIDAY, /* a holiday of the whole system: closed */
	DAY_CLOSED,  /* this branch closed for the day (weather, power, a judgement call) */
	DAY_CHANGED, /* this branch open other hours that day */
};

struct day_hours {
	short opens_min, closes_min; /* minutes after local midnight; -1: closed all day */
};

/* The hours of one date: a holiday closes every branch, and a branch's own closure or
 * changed hours override both the weekly hours and a holiday (a branch may open on one). */
struct day_hours calendar_day(const struct week_hours *week, int wday, bool holiday,
			      enum day_kind own, struct day_hours own_hours);

/* A time the branch is open: [from, to) in epoch seconds. */
struct open_span {
	int64_t from, to;
};

/* The instants a date's hours open and close. day_start is its local midnight and day_s its
 * length: an hour less or more on the days the clocks change, at night, so that the hours from
 * 03:00 on move by that hour. {0, 0} on a day closed all day. */
struct open_span calendar_day_span(int64_t day_start, int64_t day_s, struct day_hours h);

/* CS-HOURS: how an opening at `at` stands against the day's advertised span (today). An
 * opening outside it is asked to be confirmed, and shown as early or outside hours. */
enum opening_fit {
	OPENING_IN_HOURS,
	OPENING_EARLY,	     /* before today's advertised opening */
	OPENING_AFTER_HOURS, /* after today's advertised closing */
	OPENING_CLOSED_DAY,  /* the branch is closed all day today */
	OPENING_FIT__MAX
};
enum opening_fit opening_fit(struct open_span today, int64_t at);

/* Seconds of [from, to) that fall in spans (sorted, not overlapping). */
int64_t open_seconds(const struct open_span *spans, size_t n, int64_t from, int64_t to);
bool open_at(const struct open_span *spans, size_t n, int64_t t);
/* When the branch next opens after t, when closed at t; 0 when it is open at t or spans
 * hold no opening after t. */
int64_t next_opening(const struct open_span *spans, size_t n, int64_t t);

/* CS-ACK in open hours: a waiting customer's clock runs only while the branch is open. */
bool ack_overdue_open(const struct open_span *spans, size_t n, int64_t arrived_at, bool acked,
		      int target_s, int64_t now);
/* CS-INPERSON: a callback is overdue once the branch has been open past its promised time,
 * so one promised for a day the branch turned out to be closed waits for the next opening. */
bool callback_overdue_open(const struct open_span *spans, size_t n, int64_t promised_at,
			   int64_t now);

/* Reminders about an untouched request: after every step_s of open time without a touch,
 * one more level (1: its holder, 2: the person in charge, 3: Headquarters). Returns the
 * level due now that was not yet sent (sent: the highest sent since the last touch), or 0. */
int reminder_due(int64_t untouched_open_s, int64_t step_s, int sent);

#endif
