/* One text table per shared enum, sized by its __MAX so a missing entry does not compile. */
#include "base/vocab.h"

#include <string.h>

static const struct {
	const char *name, *label;
} roles[ROLE__MAX] = {
	[ROLE_EXECUTIVE_DIRECTOR] = {"executive_director", "Executive Director"},
	[ROLE_BUSINESS_MANAGER] = {"business_manager", "Business Manager"},
	[ROLE_BRANCH_SERVICES_COORDINATOR] = {"branch_services_coordinator",
					      "Branch Services Coordinator"},
	[ROLE_HQ_STAFF] = {"hq_staff", "Headquarters Staff"},
	[ROLE_BRANCH_MANAGER] = {"branch_manager", "Branch Manager"},
	[ROLE_ASSISTANT_LIBRARIAN] = {"assistant_librarian", "Assistant Librarian"},
	[ROLE_STAFF] = {"staff", "Staff"},
	[ROLE_SUBSTITUTE] = {"substitute", "Substitute"},
	[ROLE_VOLUNTEER] = {"volunteer", "Volunteer"},
	[ROLE_PAGE] = {"page", "Page"},
};
static const char *const channel_names[CHANNEL__MAX] = {"in_person", "phone"};
static const char *const state_names[VISIT_STATE__MAX] = {
	"waiting", "serving", "on_hold", "callback", "finished", "no_show",
};
static const struct {
	const char *name, *label;
} tours[TOUR__MAX] = {
	[TOUR_NONE] = {NULL, "No tour yet"},
	[TOUR_OFFERED] = {"offered", "Offered a tour"},
	[TOUR_GIVEN] = {"given", "Given the tour"},
	[TOUR_DECLINED] = {"declined", "Declined the tour"},
};

static const char *const request_kind_names[REQUEST_KIND__MAX] = {
	"reference",	"material", "renewal", "interlibrary_loan",
	"meeting_room", "computer", "other",
};
static const struct {
	const char *name, *label;
} alt_kinds[ALT_KIND__MAX] = {
	[ALT_INTERLIBRARY_LOAN] = {"interlibrary_loan", "interlibrary loan"},
	[ALT_ELECTRONIC_RESOURCE] = {"electronic_resource", "electronic resources"},
	[ALT_OTHER_BRANCH] = {"other_branch", "another branch"},
	[ALT_PURCHASE_SUGGESTION] = {"purchase_suggestion", "a purchase suggestion"},
	[ALT_REFERRAL] = {"referral", "a referral elsewhere"},
	[ALT_OTHER] = {"other", "something else"},
};
static const struct {
	const char *name, *label;
} outcomes[OUTCOME__MAX] = {
	[OUTCOME_NONE] = {NULL, "Still open"},
	[OUTCOME_FULFILLED] = {"fulfilled", "Fulfilled"},
	[OUTCOME_ALTERNATIVE_ACCEPTED] = {"alternative_accepted", "Alternative accepted"},
	[OUTCOME_NOT_FULFILLED] = {"not_fulfilled", "Not fulfilled"},
	[OUTCOME_CUSTOMER_DECLINED] = {"customer_declined", "Customer declined"},
	[OUTCOME_CUSTOMER_LEFT] = {"customer_left", "Customer left"},
};
static const char *const level_names[LEVEL__MAX] = {"desk", "branch", "headquarters"};

static const char *const incident_names[INCIDENT__MAX] = {
	"injury",	  "break_in", "vandalism",	"theft",	"altercation",
	"missing_person", "threat",   "angry_customer", "computer_ban", "other",
};

const char *role_name(enum role r)
{
	return r < ROLE__MAX ? roles[r].name : "unknown";
}

const char *role_label(enum role r)
{
	return r < ROLE__MAX ? roles[r].label : "Unknown";
}

const char *channel_name(enum channel c)
{
	return c < CHANNEL__MAX ? channel_names[c] : "unknown";
}

const char *visit_state_name(enum visit_state s)
{
	return s < VISIT_STATE__MAX ? state_names[s] : "unknown";
}

const char *tour_outcome_name(enum tour_outcome t)
{
	return t < TOUR__MAX ? tours[t].name : NULL;
}

const char *tour_outcome_label(enum tour_outcome t)
{
	return t < TOUR__MAX ? tours[t].label : "Unknown";
}

const char *request_kind_name(enum request_kind k)
{
	return k < REQUEST_KIND__MAX ? request_kind_names[k] : "unknown";
}

const char *alt_kind_name(enum alt_kind k)
{
	return k < ALT_KIND__MAX ? alt_kinds[k].name : "unknown";
}

const char *alt_kind_label(enum alt_kind k)
{
	return k < ALT_KIND__MAX ? alt_kinds[k].label : "unknown";
}

const char *request_outcome_name(enum request_outcome o)
{
	return o < OUTCOME__MAX ? outcomes[o].name : NULL;
}

const char *request_outcome_label(enum request_outcome o)
{
	return o < OUTCOME__MAX ? outcomes[o].label : "Unknown";
}

const char *request_level_name(enum request_level l)
{
	return l < LEVEL__MAX ? level_names[l] : "unknown";
}

const char *incident_category_name(enum incident_category c)
{
	return c < INCIDENT__MAX ? incident_names[c] : "unknown";
}

static const char *const person_kind_names[PERSON_KIND__MAX] = {
	[PERSON_CUSTOMER] = "customer", [PERSON_STAFF] = "staff", [PERSON_VOLUNTEER] = "volunteer",
	[PERSON_WITNESS] = "witness",	[PERSON_OTHER] = "other",
};

const char *person_kind_name(enum person_kind k)
{
	return k < PERSON_KIND__MAX ? person_kind_names[k] : "unknown";
}

static const char *const scope_names[RESTRICT__MAX] = {[RESTRICT_COMPUTER] = "computer",
						       [RESTRICT_BUILDING] = "building",
						       [RESTRICT_OTHER] = "other"};

const char *restriction_scope_name(enum restriction_scope sc)
{
	return sc < RESTRICT__MAX ? scope_names[sc] : "unknown";
}

static const char *const appeal_names[APPEAL__MAX] = {
	[APPEAL_UPHELD] = "upheld", [APPEAL_REDUCED] = "reduced", [APPEAL_LIFTED] = "lifted"};

const char *appeal_outcome_name(enum appeal_outcome o)
{
	return o < APPEAL__MAX ? appeal_names[o] : "unknown";
}

static const struct {
	const char *name, *label;
} abouts[FETCH__MAX] = {
	[FETCH_COMPLAINT] = {"complaint", "A customer's complaint"},
	[FETCH_SITUATION] = {"situation", "A difficult situation"},
	[FETCH_INCIDENT] = {"incident", "An incident (an accident, a theft, a threat...)"},
	[FETCH_OTHER] = {"other", "Something else"},
};

const char *fetch_about_name(enum fetch_about a)
{
	return a < FETCH__MAX ? abouts[a].name : "unknown";
}

const char *fetch_about_label(enum fetch_about a)
{
	return a < FETCH__MAX ? abouts[a].label : "Something else";
}

/* The typed name functions, as the one signature struct vocab holds. */
#define VOCAB(var, fn, type, max)                                                                  \
	static const char *var##_of(int v)                                                         \
	{                                                                                          \
		return fn((type)v);                                                                \
	}                                                                                          \
	const struct vocab var = {max, var##_of}

VOCAB(vocab_role, role_name, enum role, ROLE__MAX);
VOCAB(vocab_channel, channel_name, enum channel, CHANNEL__MAX);
VOCAB(vocab_visit_state, visit_state_name, enum visit_state, VISIT_STATE__MAX);
VOCAB(vocab_tour_outcome, tour_outcome_name, enum tour_outcome, TOUR__MAX);
VOCAB(vocab_request_kind, request_kind_name, enum request_kind, REQUEST_KIND__MAX);
VOCAB(vocab_alt_kind, alt_kind_name, enum alt_kind, ALT_KIND__MAX);
VOCAB(vocab_request_outcome, request_outcome_name, enum request_outcome, OUTCOME__MAX);
VOCAB(vocab_request_level, request_level_name, enum request_level, LEVEL__MAX);
VOCAB(vocab_incident_category, incident_category_name, enum incident_category, INCIDENT__MAX);
VOCAB(vocab_person_kind, person_kind_name, enum person_kind, PERSON_KIND__MAX);
VOCAB(vocab_restriction_scope, restriction_scope_name, enum restriction_scope, RESTRICT__MAX);
VOCAB(vocab_appeal_outcome, appeal_outcome_name, enum appeal_outcome, APPEAL__MAX);
VOCAB(vocab_fetch_about, fetch_about_name, enum fetch_about, FETCH__MAX);

int vocab_from_name(const struct vocab *v, const char *name)
{
	for (int i = 0; name && i < v->count; i++) {
		const char *n = v->name(i);
		if (n && strcmp(n, name) == 0)
			return i;
	}
	return -1;
}
