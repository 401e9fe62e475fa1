/* CS-ALT and CS-REFER as pure functions. */
#include "policy/request.h"

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
};

const char *avenue_name(enum avenue a)
{
	return a < AVENUE__MAX ? avenues[a].name : "unknown";
}

const char *avenue_advice(enum avenue a)
{
	return a < AVENUE__MAX ? avenues[a].advice : "";
}

bool request_may_close(enum request_outcome o, const struct close_facts *f)
{
	switch (o) {
	case OUTCOME_FULFILLED: return true;
	case OUTCOME_ALTERNATIVE_ACCEPTED: return f->accepted > 0;
	case OUTCOME_NOT_FULFILLED:
		return f->offered > 0 &&
		       (f->reached_headquarters || (f->declined == f->offered && f->accepted == 0));
	default: return false;
	}
}

unsigned request_avenues_left(const struct close_facts *f)
{
	unsigned left = 0;
	if (f->offered == 0)
		left |= 1u << AVENUE_OFFER_ALTERNATIVE;
	if (!f->reached_headquarters)
		left |= 1u << AVENUE_REFER;
	if (f->accepted + f->declined < f->offered)
		left |= 1u << AVENUE_ASK_CUSTOMER;
	return left;
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
