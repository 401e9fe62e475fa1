/* CS-ALT and CS-REFER as pure functions. */
#include "policy/request.h"

#include <stddef.h>

static const struct {
	const char *name, *advice;
} avenues[AVENUE__MAX] = {
	[AVENUE_OFFER_ALTERNATIVE] = {"offer_alternative",
				      "Offer an alternative: interlibrary loan, electronic "
				      "resources, another branch, a purchase suggestion."},
	[AVENUE_REFER] = {"refer", "Refer it up: to the person in charge, then Headquarters. "
				   "\"I can find out!\""},
	[AVENUE_ASK_CUSTOMER] = {"ask_customer",
				 "Ask the customer about the alternatives still unanswered."},
	[AVENUE_OFFER_REFERRAL] = {"offer_referral",
				   "Offer a referral elsewhere, to another library or agency, "
				   "and ask whether the customer takes it."},
	[AVENUE_REFER_ON] = {"refer_on", "Refer it on to Headquarters: the person in charge "
					 "has it now, and Headquarters is the last step up."},
};

const char *avenue_name(enum avenue a)
{
	return a < AVENUE__MAX ? avenues[a].name : "unknown";
}

const char *avenue_advice(enum avenue a)
{
	return a < AVENUE__MAX ? avenues[a].advice : "";
}

/* A referral elsewhere sends the customer away: it is not an alternative to what was asked. */
static int alternatives(const struct close_facts *f)
{
	return f->offered - f->referrals;
}

static int unanswered(const struct close_facts *f)
{
	return f->offered - f->accepted - f->declined;
}

unsigned request_avenues_left(enum request_outcome o, const struct close_facts *f)
{
	unsigned left = 0;
	switch (o) {
	case OUTCOME_ALTERNATIVE_ACCEPTED:
		if (f->accepted == 0)
			left |= 1u
				<< (unanswered(f) ? AVENUE_ASK_CUSTOMER : AVENUE_OFFER_ALTERNATIVE);
		break;
	case OUTCOME_NOT_FULFILLED:
		if (alternatives(f) == 0)
			left |= 1u << AVENUE_OFFER_ALTERNATIVE;
		/* Referred to the person in charge already: only the step to HQ is left. */
		if (!f->reached_headquarters)
			left |= 1u << (f->referred_up ? AVENUE_REFER_ON : AVENUE_REFER);
		break;
	case OUTCOME_CUSTOMER_DECLINED:
		if (alternatives(f) == 0)
			left |= 1u << AVENUE_OFFER_ALTERNATIVE;
		if (f->referrals == 0)
			left |= 1u << AVENUE_OFFER_REFERRAL;
		if (unanswered(f))
			left |= 1u << AVENUE_ASK_CUSTOMER;
		break;
	default: break;
	}
	return left;
}

bool request_close_needs_note(enum request_outcome o)
{
	return o == OUTCOME_CUSTOMER_DECLINED;
}

bool request_may_close(enum request_outcome o, const struct close_facts *f)
{
	return request_close_refusal(o, f) == NULL;
}

const char *request_close_refusal(enum request_outcome o, const struct close_facts *f)
{
	switch (o) {
	case OUTCOME_FULFILLED:
	case OUTCOME_CUSTOMER_LEFT: return NULL;
	case OUTCOME_ALTERNATIVE_ACCEPTED:
		return f->accepted > 0 ? NULL
				       : "Alternative accepted needs an alternative the customer "
					 "accepted. No alternative was accepted.";
	case OUTCOME_NOT_FULFILLED:
		return alternatives(f) > 0 && f->reached_headquarters
			       ? NULL
			       : "Not fulfilled needs an alternative offered and the request "
				 "referred up to Headquarters: every avenue must be tried first.";
	case OUTCOME_CUSTOMER_DECLINED:
		if (f->accepted > 0)
			return "The customer accepted an alternative: close the request as "
			       "alternative accepted.";
		if (alternatives(f) == 0 || f->referrals_declined == 0 || f->declined != f->offered)
			return "Customer declined needs an alternative and a referral offered, "
			       "and the customer to have refused every one: every avenue must be "
			       "tried first.";
		return f->noted ? NULL
				: "Customer declined needs a note of what the customer said.";
	default: return "That is not an outcome a request closes with.";
	}
}

int request_escalate_to(enum request_level from, bool branch_has_person_in_charge,
			bool holder_is_in_charge)
{
	switch (from) {
	case LEVEL_DESK:
		return branch_has_person_in_charge && !holder_is_in_charge ? LEVEL_BRANCH
									   : LEVEL_HEADQUARTERS;
	case LEVEL_BRANCH: return LEVEL_HEADQUARTERS;
	default: return -1;
	}
}
