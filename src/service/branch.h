/* Branches: adding one, and reading them with their hours and whether open now (CS-HOURS). */
#ifndef SERVICE_BRANCH_H
#define SERVICE_BRANCH_H
#include <stddef.h>

#include "base/input.h"
#include "policy/hours.h"
#include "service/calendar.h"
#include "service/svc.h"
#include "store/store_branch.h"

#define BRANCH_DEFAULT_TZ "America/Chicago"

struct branch_view {
	struct branch branch;
	struct week_hours hours;
	bool open_now;	    /* by the branch calendar, in the branch's own time zone */
	int64_t opens_next; /* when closed: the next opening within BRANCH_LOOKAHEAD_DAYS, or 0 */
	struct calendar_day today;
};

#define BRANCH_LOOKAHEAD_DAYS 31

/* A new branch's fields, into a struct branch (code, name, time_zone, hours, phone, address,
 * headquarters, ack_target_s, no_show_after_s). */
extern const struct input_table branch_input_table;

/* in was read through branch_input_table. in->time_zone NULL means America/Chicago; in->hours
 * NULL or "" means no advertised hours; a target of 0, its default. *out is the branch as
 * stored, as branch_get shows it. */
int branch_add(struct svc *s, const struct branch *in, struct branch_view *out,
	       struct fd_error *err);
/* What a branch's change may give, into a struct branch: its table's fields, none required
 * (name, time_zone, hours, phone, address, ack_target_s, no_show_after_s). */
extern const struct input_table branch_change_table;
/* Changes the fields in gives (NULL or 0: not given; "" clears hours, phone or address) of the
 * branch with code, checked as branch_add checks them; audited, and a queue event at the
 * branch. *changed says which fields changed ("" none: nothing is written); *out is the
 * branch as stored now. */
int branch_update(struct svc *s, const char *code, const struct branch *in, struct branch_view *out,
		  const char **changed, struct fd_error *err);
int branch_get(struct svc *s, const char *code, struct branch_view *out, struct fd_error *err);
int branch_list(struct svc *s, struct branch_view **out, size_t *n, struct fd_error *err);
/* The branches alone, without their calendars: for a list of links. */
int branch_rows(struct svc *s, struct branch **out, size_t *n, struct fd_error *err);
/* Inside a transaction: fills v from b and its calendar, as at s->now. */
int branch_view_in_tx(struct svc *s, const struct branch *b, struct branch_view *v,
		      struct fd_error *err);

#endif
