/* Restrictions on a customer (CS-INCIDENT's computer-use bans, building bans): issued with a
 * length the graduated schedule suggests, shown at the desk while active (and nothing else of
 * the customer's past: CS-NOBIAS), lifted early only by the issuing branch's manager or HQ,
 * and appealed. */
#ifndef SERVICE_RESTRICTION_H
#define SERVICE_RESTRICTION_H
#include <stddef.h>

struct incident_input;

#include "base/input.h"
#include "service/svc.h"
#include "store/store_visit.h"
#include "store/store_complaint.h"
#include "store/store_request.h"
#include "store/store_restriction.h"

struct restriction_input {
	enum restriction_scope scope;
	const char *reason;
	int64_t until; /* 0: as the schedule suggests */
	const char
		*until_date; /* or: the last day (YYYY-MM-DD, the issuing branch's), from forms */
	bool indefinite;     /* until lifted */
	int64_t incident_id; /* the incident report it cites (a ban must cite one) */
	struct incident_input *new_incident; /* or: the incident, to report in this step */
};
extern const struct input_table restriction_input_table;

/* An appeal's decision; until is the new end of a reduced restriction. */
struct appeal_input {
	const char *note;
	enum appeal_outcome outcome;
	int64_t until;
};
extern const struct input_table appeal_input_table;

struct restriction_view {
	struct restriction r;
	bool active;
	int64_t suggested_until; /* what the schedule suggested (0: until lifted) */
};

/* How long a new ban of each scope would last by default for the customer with card: the
 * number of their earlier bans of that scope and the graduated schedule's length (0: until
 * lifted). For the ban form; only for whom may issue bans. */
struct restriction_default {
	int earlier;
	int64_t length_s;
};
int restriction_defaults(struct svc *s, const char *card,
			 struct restriction_default out[RESTRICT__MAX], struct fd_error *err);
int restriction_add(struct svc *s, const char *card, const struct restriction_input *in,
		    struct restriction_view *out, struct fd_error *err);
int restriction_lift(struct svc *s, int64_t id, struct restriction_view *out, struct fd_error *err);
/* Upheld, reduced (to in->until) or lifted. */
int restriction_appeal(struct svc *s, int64_t id, const struct appeal_input *in,
		       struct restriction_view *out, struct fd_error *err);
/* Inside a transaction: the customer's restrictions in force at s->now. */
int restriction_active_in_tx(struct svc *s, int64_t customer_id, struct restriction_view **out,
			     size_t *n, struct fd_error *err);
/* CS-NOBIAS: a customer's whole history, for branch managers and HQ. */
struct customer_history {
	struct restriction_view *restrictions; /* every one, active or not */
	size_t nrestrictions;
	struct complaint *complaints;
	size_t ncomplaints;
	struct request_rec *requests; /* a reference question's text only for whom request.c
				       * lets read it (CS-CONFIDENTIAL) */
	size_t nrequests;
	struct visit *visits; /* those still linked: the link goes at retention */
	size_t nvisits;
};
int restriction_history(struct svc *s, const char *card, struct customer_history *out,
			struct fd_error *err);

#endif
