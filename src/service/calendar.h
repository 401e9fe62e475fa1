/* The branch calendar (CS-HOURS): the system's holidays, a branch's closures and
 * changed hours, and the open spans the clocks run in. */
#ifndef SERVICE_CALENDAR_H
#define SERVICE_CALENDAR_H
#include <stddef.h>

#include "base/input.h"
#include "policy/calendar.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_calendar.h"

#define CALENDAR_MAX_DAYS 400 /* one request for a year of days and a little more */

/* One date at a branch, as the calendar has it. */
struct calendar_day {
	char date[11];
	enum day_kind kind;
	struct day_hours hours; /* -1: closed */
	const char *holiday;	/* the holiday's name, when the date is one */
	const char *reason;	/* the branch's own reason, for DAY_CLOSED and DAY_CHANGED */
	struct person set_by;
};

/* Branch b's weekly hours, as stored (none when they cannot be read). */
void calendar_week_hours(const struct branch *b, struct week_hours *out);
/* Inside a transaction: branch b's days from civil day first for ndays. */
int calendar_days_in_tx(struct svc *s, const struct branch *b, int64_t first, int ndays,
			struct calendar_day **out, struct fd_error *err);
/* Inside a transaction: the spans b is open, over the local days from `from` to `to`. */
int calendar_spans_in_tx(struct svc *s, const struct branch *b, int64_t from, int64_t to,
			 struct open_span **out, size_t *n, struct fd_error *err);
/* The spans open on days[0..ndays), which begin with civil day first. */
int calendar_spans_of_days(struct svc *s, const struct branch *b, int64_t first,
			   const struct calendar_day *days, int ndays, struct open_span **out,
			   size_t *n, struct fd_error *err);
/* The civil day (timefmt_days_from_civil) of instant t at branch b. */
int64_t calendar_local_day(const struct branch *b, int64_t t);

/* When instant t is at branch b, as a person says it: "today at 09:00", "tomorrow at
 * 09:00", "on Monday 30 November at 09:00" (in s->arena). */
const char *calendar_when(struct svc *s, const struct branch *b, int64_t t);

/* A branch's days between two dates (YYYY-MM-DD; at most CALENDAR_MAX_DAYS); from NULL is
 * the branch's today, to NULL a month after from. */
int calendar_branch(struct svc *s, const char *code, const char *from, const char *to,
		    struct branch *b, struct calendar_day **out, size_t *n, struct fd_error *err);

/* A holiday: its date (YYYY-MM-DD) and name. */
struct holiday_input {
	const char *date, *name;
};
extern const struct input_table holiday_input_table;
int holiday_add(struct svc *s, const struct holiday_input *in, struct fd_error *err);
int holiday_remove(struct svc *s, const char *date, struct fd_error *err);
/* from and to may be NULL: no bound. */
int holiday_list(struct svc *s, const char *from, const char *to, struct calendar_entry **out,
		 size_t *n, struct fd_error *err);
/* An iCalendar file's text as a form sends it (the API takes the file as its body, the command
 * line a FILE); the largest file read either way. */
#define HOLIDAY_ICS_MAX_BYTES (4 << 20)
struct ics_input {
	const char *ics;
};
extern const struct input_table ics_input_table;
/* Every day of every event in an iCalendar file becomes a holiday (a date already on the
 * list takes the file's name); all or nothing. *days says how many. */
int holiday_import(struct svc *s, const char *ics, size_t len, int *days, struct fd_error *err);

/* A branch's own day: hours NULL, closed all day, else "10:00-14:00"; and why. */
struct closure_input {
	const char *date, *hours, *reason;
};
extern const struct input_table closure_input_table;
int closure_set(struct svc *s, const char *code, const struct closure_input *in,
		struct fd_error *err);
int closure_remove(struct svc *s, const char *code, const char *date, struct fd_error *err);

#endif
