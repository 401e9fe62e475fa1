/* CS-ALT and CS-REFER: when a request may close, what avenues are left, and where it goes
 * when referred up. Pure functions. */
#ifndef POLICY_REQUEST_H
#define POLICY_REQUEST_H
#include <stdbool.h>

#include "base/vocab.h"

/* What the closing rule looks at. */
struct close_facts {
	int offered;		/* alternatives offered, referrals elsewhere among them */
	int accepted;		/* of those, accepted by the customer */
	int declined;		/* of those, declined */
	int referrals;		/* of those offered, referrals elsewhere (ALT_REFERRAL) */
	int referrals_declined; /* of those, declined */
	bool reached_headquarters;
	bool referred_up; /* referred up once: with the person in charge, or at Headquarters */
	bool noted;	  /* the closing says, in a note, what happened */
};

enum avenue {
	AVENUE_OFFER_ALTERNATIVE, /* offer interlibrary loan, electronic resources, ... */
	AVENUE_REFER,		  /* refer up: the person in charge, then Headquarters */
	AVENUE_ASK_CUSTOMER,	  /* the customer has not answered every alternative offered */
	AVENUE_OFFER_REFERRAL,	  /* offer a referral elsewhere, another library or agency */
	AVENUE_REFER_ON,	  /* with the person in charge: refer it on to Headquarters */
	AVENUE__MAX
};

/* May a request close with outcome o? (CS-ALT)
 * - fulfilled, customer_left (walked away before an answer): any time;
 * - alternative_accepted: with an accepted alternative;
 * - not_fulfilled: an alternative (not a referral) offered and the request referred up to
 *   Headquarters;
 * - customer_declined: an alternative (not a referral) and a referral offered, every offer
 *   refused by the customer, and a note. */
bool request_may_close(enum request_outcome o, const struct close_facts *f);
/* The avenues still to try before the request may close with outcome o, as a set of
 * 1 << enum avenue (0 for an outcome that needs none). */
unsigned request_avenues_left(enum request_outcome o, const struct close_facts *f);
/* Why the request may not close with outcome o yet, in a plain sentence; NULL when it may. */
const char *request_close_refusal(enum request_outcome o, const struct close_facts *f);
/* Does closing with outcome o need a note? (customer_declined: what the customer said) */
bool request_close_needs_note(enum request_outcome o);
const char *avenue_name(enum avenue a);
const char *avenue_advice(enum avenue a); /* a sentence for the close screen */

/* CS-REFER: the level a request goes to when referred from level from. The person in charge
 * is skipped when there is none at the branch or when she holds it already. -1 when it is at
 * Headquarters already. */
int request_escalate_to(enum request_level from, bool branch_has_person_in_charge,
			bool holder_is_in_charge);

#endif
