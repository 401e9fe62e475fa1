/* CS-ALT and CS-REFER: when a request may close, what avenues are left, and where it goes
 * when referred up. Pure functions. */
#ifndef POLICY_REQUEST_H
#define POLICY_REQUEST_H
#include <stdbool.h>

#include "base/vocab.h"

/* What the closing rule looks at. */
struct close_facts {
	int offered;  /* alternatives offered */
	int accepted; /* of those, accepted by the customer */
	int declined; /* of those, declined */
	bool reached_headquarters;
};

enum avenue {
	AVENUE_OFFER_ALTERNATIVE, /* offer interlibrary loan, electronic resources, ... */
	AVENUE_REFER,		  /* refer up: the person in charge, then Headquarters */
	AVENUE_ASK_CUSTOMER,	  /* the customer has not answered every alternative offered */
	AVENUE__MAX
};

/* May a request close with outcome o? fulfilled: any time. alternative_accepted: only with
 * an accepted alternative. not_fulfilled: only after an alternative was offered and either
 * the request reached Headquarters or the customer declined every alternative offered. */
bool request_may_close(enum request_outcome o, const struct close_facts *f);
/* The avenues not yet tried, as a set of 1 << enum avenue. */
unsigned request_avenues_left(const struct close_facts *f);
const char *avenue_name(enum avenue a);
const char *avenue_advice(enum avenue a); /* a sentence for the close screen */

/* CS-REFER: the level a request goes to when referred from level from. The person in charge
 * is skipped when there is none at the branch or when she holds it already. -1 when it is at
 * Headquarters already. */
int request_escalate_to(enum request_level from, bool branch_has_person_in_charge,
			bool holder_is_in_charge);

#endif
