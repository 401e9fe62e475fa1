/* Joining the queue from a phone: a customer in the building takes a ticket with no login,
 * follows it on a page of its own (known by a secret in its address) and may leave the line.
 * Bounded per device and per address (policy/join.h). */
#ifndef SERVICE_JOIN_H
#define SERVICE_JOIN_H

#include "base/input.h"
#include "policy/join.h"
#include "policy/queue.h"
#include "service/svc.h"

struct join_input {
	const char *first_name;	  /* optional: "" or NULL, none */
	enum visit_reason reason; /* required */
	const char *language;	  /* a language code of the catalogues; NULL: the page's */
};
/* join_input's fields ("first_name", "reason", "language"), for the join form. */
extern const struct input_table join_input_table;

/* Who takes the ticket, as the web layer knows them. */
struct join_client {
	const char *device; /* the device cookie's value (a random token) */
	int lang;	    /* the page's language: the one asked for when none is chosen */
};

/* A branch as its join page shows it. */
struct join_branch {
	const char *code, *name, *time_zone;
	bool open;	    /* join_open(): takes tickets now */
	int64_t opens_next; /* when closed: the next opening by its hours, 0 none known */
};

/* A ticket as its own page shows it: nothing about the customer but what they gave. */
struct join_status {
	struct join_branch branch;
	char ticket[TICKET_LABEL_MAX];
	enum visit_state state;
	const char *desk; /* the desk it is called to; NULL: none said */
	int ahead;	  /* waiting: those served before it; -1 otherwise */
	int estimate_s;
	const char *language; /* the language asked for */
	int64_t visit_id;
};

/* The branch code (as typed, or in capitals) of a join page; FD_ENOTFOUND when none. */
int join_branch_get(struct svc *s, const char *code, struct join_branch *out, struct fd_error *err);
/* Takes a ticket at branch: an in-person visit joined by phone. *secret gets the ticket page's
 * secret (in s->arena; only its hash is stored). Refusals (policy/join.h): closed and the
 * device's second ticket FD_ECONFLICT, the address bound FD_ETHROTTLE, bad input naming the
 * field; nothing is written then. */
int join_take(struct svc *s, const char *branch, const struct join_input *in,
	      const struct join_client *c, const char **secret, struct join_status *out,
	      struct fd_error *err);
/* The ticket with this secret; FD_ENOTFOUND when none. */
int join_status_get(struct svc *s, const char *secret, struct join_status *out,
		    struct fd_error *err);
/* The customer leaves the line: only a waiting ticket (FD_ECONFLICT otherwise). */
int join_leave(struct svc *s, const char *secret, struct join_status *out, struct fd_error *err);

#endif
