/* The branch calendar: holidays and a branch's changed or closed days. */
#ifndef STORE_STORE_CALENDAR_H
#define STORE_STORE_CALENDAR_H
#include "store/store.h"

/* The branch calendar. A day is "YYYY-MM-DD". */
struct calendar_entry {
	const char *day;
	bool closed;		     /* a branch's day: closed all day (a holiday always is) */
	short opens_min, closes_min; /* a branch's changed hours */
	const char *reason;	     /* the holiday's name, or why the branch set the day */
	struct person set_by;
};
int store_holiday_put(struct store *s, const char *day, const char *name, int64_t by, int64_t now,
		      struct fd_error *err);
int store_holiday_delete(struct store *s, const char *day, bool *found, struct fd_error *err);
int store_holidays(struct store *s, const char *from_day, const char *to_day, struct arena *a,
		   struct calendar_entry **out, size_t *n, struct fd_error *err);
/* closed, or open opens_min to closes_min that day. */
int store_branch_day_put(struct store *s, int64_t branch_id, const char *day, bool closed,
			 int opens_min, int closes_min, const char *reason, int64_t by, int64_t now,
			 struct fd_error *err);
int store_branch_day_delete(struct store *s, int64_t branch_id, const char *day, bool *found,
			    struct fd_error *err);
int store_branch_days(struct store *s, int64_t branch_id, const char *from_day, const char *to_day,
		      struct arena *a, struct calendar_entry **out, size_t *n,
		      struct fd_error *err);

#endif
