/* Shift handover: nothing is left held by someone who is off duty. Clocking off
 * while holding open requests, promised callbacks or unsigned incident drafts first shows
 * them; with a note they then pass to the person in charge, who sees the note. */
#ifndef SERVICE_HANDOVER_H
#define SERVICE_HANDOVER_H
#include <stddef.h>

#include "base/input.h"
#include "service/duty.h"
#include "service/svc.h"
#include "store/store_branch.h"
#include "store/store_handover.h"
#include "store/store_incident.h"
#include "store/store_request.h"
#include "store/store_staff.h"
#include "store/store_visit.h"

#define HANDOVER_SHOWN_S (24 * 3600) /* handovers received stay on one's list for a day */

struct held {
	struct request_rec *requests;
	size_t nrequests;
	struct visit *callbacks;
	size_t ncallbacks;
	struct incident *incidents;
	size_t nincidents;
	struct in_charge_view to; /* who gets them when the holder goes off duty now */
};

static inline bool held_anything(const struct held *h)
{
	return h->nrequests || h->ncallbacks || h->nincidents;
}

/* What the actor holds, who would get it, and the handovers the actor received lately
 * (*on_duty false: off duty, and to is left empty). */
int handover_mine(struct svc *s, struct held *out, bool *on_duty, struct handover **received,
		  size_t *nreceived, struct fd_error *err);
/* Clocks login (NULL: the actor) off; FD_ECONFLICT when not on duty. When they hold
 * anything, note is needed: without it nothing changes, *held lists it and the refusal says
 * so; with it all of it passes to the person in charge after them (Headquarters when nobody
 * else is on duty), in the same transaction. */
struct duty_off_input {
	const char *login, *note; /* login NULL: the actor */
	bool leave_waiting;	  /* go although customers wait and nobody else is on duty there */
};
extern const struct input_table duty_off_table;
/* Customers waiting at the branch with nobody else on duty there: refused, naming the field
 * leave_waiting, unless leave_waiting. */
int duty_off(struct svc *s, const char *login, const char *note, bool leave_waiting,
	     struct staff *out, struct held *held, struct fd_error *err);
/* Inside a transaction: ends who's duty at branch_id and hands over what they hold, with
 * note; *held gets what was handed and to whom. */
int handover_in_tx(struct svc *s, const struct staff *who, int64_t branch_id, const char *note,
		   struct held *held, struct fd_error *err);
/* The same, leaving who on duty where they are: what they hold passes to the person in
 * charge at branch_id but for them (a demotion to volunteer or page). */
int handover_held_in_tx(struct svc *s, const struct staff *who, int64_t branch_id, const char *note,
			struct held *held, struct fd_error *err);

/* Closing a branch for the day: everything still open there — visits not finished (callbacks
 * too), open requests, unsigned incident reports. */
struct open_items {
	struct branch branch;
	struct visit *visits;
	size_t nvisits;
	struct request_rec *requests;
	size_t nrequests;
	struct incident *incidents;
	size_t nincidents;
};
int branch_open_items(struct svc *s, const char *code, struct open_items *out,
		      struct fd_error *err);

#endif
