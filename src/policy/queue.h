/* The desk queue's rules: the order customers are served in (CS-INPERSON, CS-EQUAL), the
 * moves a visit may make, the acknowledgement target (CS-ACK) and the phone greeting
 * (CS-PHONE). Pure functions. */
#ifndef POLICY_QUEUE_H
#define POLICY_QUEUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/vocab.h"
#include "policy/role.h"

enum desk_action {
	DESK_ACKNOWLEDGE,
	DESK_START,
	DESK_FINISH,
	DESK_HOLD,
	DESK_RESUME,
	DESK_CALLBACK,
	DESK_CALLBACK_DONE,
	DESK_NO_SHOW,
	DESK_RETURN,
	DESK_TOUR,
	DESK_MARK_NEW, /* the customer is new after all (CS-NEWCUST): the desk offers a tour */
	DESK_REMOVE,   /* a ticket taken by phone taken out of the line (a duplicate, abuse) */
	DESK_RENEWAL,  /* the customer wants items renewed: the desk renews them (CS-INPERSON) */
	DESK_ACTION__MAX
};

const char *desk_action_name(enum desk_action a);
/* The action named name ("acknowledge", "callback-done", ...); false when none is. */
bool desk_action_from_name(const char *name, enum desk_action *a);
/* A visit's ticket as the desk and the board call it: "A12" for someone at the desk, "P3"
 * for a phone caller. out holds TICKET_LABEL_MAX bytes. */
#define TICKET_LABEL_MAX 16
void ticket_label(enum channel c, int ticket, char out[TICKET_LABEL_MAX]);

/* What the ordering may look at, and all it may look at (CS-EQUAL): the channel, times and
 * ids; no name, no card, no age, no history. */
struct queue_entry {
	enum channel channel;
	int64_t hold_at; /* a phone caller put on hold: when (kept once back from hold); 0: never */
	int64_t queue_at; /* when they joined the line */
	int64_t id;	  /* ties: the earlier visit */
};

/* Sorts e[0..n) into serving order (CS-INPERSON): in-person customers first come, first
 * served; a caller put on hold right after the in-person customers who joined the line at or
 * before the hold began, and so before those who came later (earliest hold first); a caller
 * never put on hold after every in-person customer, first come, first served. */
void queue_order(struct queue_entry *e, size_t n);
/* Is e served before f? (the order queue_order establishes) */
bool queue_before(const struct queue_entry *e, const struct queue_entry *f);

/* The facts a desk action is judged on. */
struct visit_facts {
	enum visit_state state;
	enum channel channel;
	enum tour_outcome tour; /* the tour recorded on the visit so far (TOUR_NONE: none) */
	bool acknowledged, called_by_next;
	bool held;   /* a phone caller who was put on hold (and may be back from it) */
	bool today;  /* the visit is of the branch's day today */
	bool is_new; /* flagged new, or registered today (CS-NEWCUST) */
	int64_t seconds_since_called;
	int no_show_after_s;
	int in_person_ahead;  /* in-person customers waiting who come before it (queue_before) */
	bool actor_busy;      /* the one acting is serving someone else now: one at a time */
	bool joined_by_phone; /* the customer took the ticket on their own phone */
	bool renewal;	      /* marked as a call (or visit) to renew items */
	bool actor_serving_walkin; /* the one acting serves someone in the library now */
};

/* visit_may's refusal to serve while serving someone else, as the very pointer it gives: a
 * caller may say whom (the ticket) in its place. */
extern const char desk_busy_why[];
/* May action a be taken on a visit? *to gets the state after it. When refused, *why says
 * why and *rule names the CS- rule behind it (NULL when it is only an impossible move). */
bool visit_may(const struct visit_facts *v, enum desk_action a, enum visit_state *to,
	       const char **why, const char **rule);

/* CS-INPERSON's own example: "If the customer is calling to renew items on their account and
 * you are currently assisting someone in the library, ask the caller to please hold." What the
 * desk is told when a renewal call is put on hold so. */
extern const char renewal_hold_words[];
/* How a new visit joins the line: a renewal call taken while the one taking it serves someone
 * in the library is on hold from the start (it comes back right after that customer); any
 * other visit waits. */
enum visit_state visit_arrival_state(enum channel c, bool renewal, bool actor_serving_walkin);

/* Who would act on a visit: desk work is done by a role that works the queue, on duty at the
 * visit's branch. */
struct actor_facts {
	enum role role;
	bool on_duty_here; /* clocked on at the visit's branch now */
	bool command_line; /* the administrator at the command line: no role, no duty */
};

/* Does this person work the queue here now (a role the matrix lets work it, on duty here)?
 * Nobody else may take any desk action. */
bool actor_works_desk(const struct actor_facts *who);

/* A desk action's bit in a set of them. */
#define DESK_BIT(a) (1u << (a))
/* The desk actions this person may take on this visit now, as DESK_BIT()s: every one
 * visit_may allows, and none for someone the role × action matrix keeps from the queue or who
 * is not on duty at the visit's branch. The desk page and the API offer exactly these. */
unsigned visit_actions(const struct visit_facts *v, const struct actor_facts *who);
/* The actions refused only for now: allowed once the walk-ins ahead have been served
 * (CS-INPERSON), once the one acting has finished with whom they serve, or once a customer
 * called with next has had time to come (a no-show). */
unsigned visit_actions_later(const struct visit_facts *v, const struct actor_facts *who);

/* A callback promised at promised_at, asked for at now: may that time be promised? Not once
 * it has passed (a minute's grace for the clocks of the desk and the server). */
#define CALLBACK_PAST_GRACE_S 60
bool callback_time_ok(int64_t promised_at, int64_t now);

/* CS-ACK's clock, which runs only while the branch is open, is ack_overdue_open() in
 * policy/calendar.h. */

/* CS-PHONE: "Good morning, <branch>, this is <first name>. How may I help you?" for the
 * branch's local hour, in lang (base/i18n.h); opens_next, when the branch is closed, is when
 * it opens again in the same language. */
void phone_greeting(int lang, int local_hour, const char *branch_name, const char *staff_name,
		    const char *opens_next, struct buf *out);

/* An estimated wait for someone joining the line now: the median of recent service times,
 * times the people ahead, shared among the desks serving. 0 with nobody ahead. */
int wait_estimate_s(int ahead, const int *recent_service_s, size_t n, int desks);

#endif
