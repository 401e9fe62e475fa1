/* The desk queue: visits in the policy's order, the desk actions, the opening log, roving
 * help, the public board and the events live desks follow. */
#ifndef SERVICE_QUEUE_H
#define SERVICE_QUEUE_H
#include <stddef.h>

#include "base/input.h"
#include "policy/queue.h"
#include "service/branch.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_restriction.h"
#include "store/store_visit.h"

struct visit_input {
	enum channel channel;
	const char *customer_card; /* optional */
	bool new_customer;	   /* flagged new at the desk (CS-NEWCUST) */
	const char *note;
	bool renewal; /* a phone call to renew items (CS-INPERSON) */
};
/* visit_input's fields, for the API, the desk's form and anyone else adding a visit. */
extern const struct input_table visit_input_table;

struct visit_view {
	struct visit v;
	bool is_new;		 /* flagged, or registered today: offer a tour */
	bool ack_overdue;	 /* CS-ACK */
	bool callback_overdue;	 /* the promised time has passed */
	bool past_target;	 /* waiting longer than the branch's CS-ACK target, by the clock */
	int64_t wait_s;		 /* so far, or until served */
	const char *greeting;	 /* CS-PHONE, for a phone visit the actor opened */
	const char *instruction; /* what to tell the caller now: a renewal call asked to hold */
	unsigned actions;	 /* DESK_BIT()s: what the reader may do now (visit_actions) */
	unsigned not_yet;	 /* what is refused only for now (visit_actions_later) */
	int walkins_ahead;	 /* CS-INPERSON: customers waiting in the library served first */
	char busy_with[TICKET_LABEL_MAX]; /* the reader serves this ticket now ("": nobody) */
	/* The customer's computer-use or building ban in force, issued at any branch, and what
	 * the desk is told of it; NULL for whom may not see customers (CS-CONFIDENTIAL). */
	const struct restriction *ban;
	const char *ban_notice;
};

/* Everything a queue view depends on but the branch's records: two views with equal stamps
 * are the same view, so one made can be served again (the queue API's cache). */
struct queue_stamp {
	int64_t branch_id;
	int64_t now;
	int64_t last_event;  /* the newest queue event, from any process */
	uint64_t generation; /* this process's committed writes (store_generation) */
	bool customers;	     /* CS-CONFIDENTIAL: the reader may see who is in the queue */
	bool desk;	     /* the reader works this desk now: the visits' actions are theirs */
	int64_t reader;	     /* who, when desk: whether one is serving someone changes them */
};

struct queue_view {
	struct queue_stamp stamp;
	struct branch branch;
	struct visit_view *waiting, *serving, *on_hold, *callbacks, *no_shows;
	size_t nwaiting, nserving, non_hold, ncallbacks, nno_shows;
	int64_t served_today, roving_today;
	bool opened_today;
	struct opening opening;
	enum opening_fit opening_fit; /* the opening against today's hours */
	int estimate_s;		      /* for someone joining the line now */
	/* Whom "next" takes now (NULL: nobody): a view in waiting or on_hold. A caller on hold
	 * may come before the walk-ins listed as waiting (CS-INPERSON). */
	const struct visit_view *next;
};

struct act_input {
	const char *phone;	/* callback */
	int64_t promised_at;	/* callback */
	enum tour_outcome tour; /* tour; TOUR_NONE or TOUR__MAX: not given */
};
/* act_input's fields ("phone", "promised_at", "outcome"). */
extern const struct input_table act_input_table;

int queue_visit_add(struct svc *s, const char *branch, const struct visit_input *in,
		    struct visit_view *out, struct fd_error *err);
int queue_get(struct svc *s, const char *branch, struct queue_view *out, struct fd_error *err);
/* CS-ACK: how many wait at branch past the acknowledgement target, as queue_get marks them
 * (ack_overdue), for the cost of the open visits alone; inside the caller's transaction. */
int queue_overdue_in_tx(struct svc *s, const char *branch, size_t *n, struct fd_error *err);
/* The stamp queue_get would give now, after the same checks, for much less work. */
int queue_stamp(struct svc *s, const char *branch, struct queue_stamp *out, struct fd_error *err);
/* May the actor follow this branch's queue live? Fills *out with the branch, and nothing
 * more: a listener keeps what its request allocated for as long as it listens. */
int queue_follow(struct svc *s, const char *branch, struct branch *out, struct fd_error *err);
/* Starts serving the visit the policy says is next; *found false when nobody waits. */
int queue_next(struct svc *s, const char *branch, struct visit_view *out, bool *found,
	       struct fd_error *err);
int queue_act(struct svc *s, int64_t visit_id, enum desk_action a, const struct act_input *in,
	      struct visit_view *out, struct fd_error *err);
/* Opening a branch outside its hours is confirmed ("outside_hours"): a closed Sunday is not
 * opened by a stray click. */
struct open_input {
	bool outside_hours;
};
extern const struct input_table open_input_table;
/* CS-HOURS: records that the branch opened now, and how late against its hours; outside
 * them, only with in->outside_hours (else a refusal naming that field). */
int queue_open(struct svc *s, const char *branch, const struct open_input *in, struct opening *out,
	       struct fd_error *err);
/* CS-ROVE: one help given on the floor; *today gets the branch's count for the day. */
int queue_rove(struct svc *s, const char *branch, int64_t *today, struct fd_error *err);

/* What the public display board may show: tickets, counts and the wait; never a name or a
 * card number (CS-CONFIDENTIAL). */
struct board_ticket {
	int ticket;
	const char *desk; /* the desk it is called to; NULL: none said */
	int64_t called_at;
	const char *language; /* the ticket's language, a code such as "es"; NULL: none said */
};
struct board_view {
	const char *branch_name, *time_zone;
	bool open_now;
	const char *opens_next;	      /* when closed: "tomorrow at 09:00", or NULL */
	int64_t opens_at;	      /* when closed: the instant it opens next, or 0 */
	int *waiting;		      /* in-person ticket numbers, in serving order */
	struct board_ticket *serving; /* in person, being served: the latest call first */
	size_t nwaiting, nserving;
	int phone_waiting;
	int estimate_s;
};

/* CS-PHONE: the greeting for the actor answering bv's phone now, in lang (base/i18n.h); when
 * the branch is closed it says when it opens next (in s->arena). */
const char *queue_greeting(struct svc *s, const struct branch_view *bv, int lang);

/* For the board: needs no login, and so returns nothing that identifies anyone. */
/* The branch a public board follows live, for anyone (its events say only that the board
 * changed): the code as typed, or in capitals. */
int queue_board_follow(struct svc *s, const char *branch, struct branch *out, struct fd_error *err);
int queue_board(struct svc *s, const char *branch, struct board_view *out, struct fd_error *err);

/* Where a waiting visit stands in its branch's line, inside the caller's transaction: *ahead
 * those next takes before it (callers on hold included), *estimate_s the wait the board gives
 * for that place (wait_estimate_s). *ahead is -1 for a visit no longer waiting. */
int queue_place_in_tx(struct svc *s, const struct branch *b, int64_t visit_id, int *ahead,
		      int *estimate_s, struct fd_error *err);

/* The events after after_id, for live desks; *max_id the newest there is. */
int queue_events_since(struct svc *s, int64_t after_id, struct queue_event **out, size_t *n,
		       struct fd_error *err);
int queue_event_max(struct svc *s, int64_t *id, struct fd_error *err);
int queue_event_wait(struct svc *s, int timeout_ms, struct fd_error *err);

#endif
