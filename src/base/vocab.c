/* One text table per shared enum, sized by its __MAX so a missing entry does not compile. */
#include "base/vocab.h"
#include "base/i18n.h"

#include <string.h>

/* A vocabulary word: its name (JSON, SQL, the CLI) and its label (what people read). */
struct word {
	const char *name, *label;
};

static const struct word roles[ROLE__MAX] = {
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
static const struct word channels[CHANNEL__MAX] = {
	[CHANNEL_IN_PERSON] = {"in_person", "In person"},
	[CHANNEL_PHONE] = {"phone", "Phone"},
};
static const struct word joins[JOINED__MAX] = {
	[JOINED_DESK] = {"desk", "Taken at the desk"},
	[JOINED_PHONE] = {"phone", "Joined by phone"},
};
/* The labels are the public's words too: the join page passes them through tr(). */
static const struct word reasons[REASON__MAX] = {
	[REASON_NONE] = {NULL, N_("Not said")},
	[REASON_BORROWING] = {"borrowing", N_("Borrowing and returns")},
	[REASON_CARD] = {"card", N_("A library card")},
	[REASON_COMPUTERS] = {"computers", N_("Computers and printing")},
	[REASON_QUESTION] = {"question", N_("A question")},
	[REASON_OTHER] = {"other", N_("Something else")},
	/* Staff's words only (not on the join page's list): English, not translated. */
	[REASON_RENEWAL] = {"renewal", "Renewing items"},
};
static const struct word states[VISIT_STATE__MAX] = {
	[VISIT_WAITING] = {"waiting", "Waiting"},
	[VISIT_SERVING] = {"serving", "Being served"},
	[VISIT_ON_HOLD] = {"on_hold", "On hold"},
	[VISIT_CALLBACK] = {"callback", "Callback promised"},
	[VISIT_FINISHED] = {"finished", "Finished"},
	[VISIT_NO_SHOW] = {"no_show", "Did not come"},
	[VISIT_LEFT] = {"left", "Left the line"},
	[VISIT_REMOVED] = {"removed", "Removed by the desk"},
};
static const struct word tours[TOUR__MAX] = {
	[TOUR_NONE] = {NULL, "No tour yet"},
	[TOUR_OFFERED] = {"offered", "Offered a tour"},
	[TOUR_GIVEN] = {"given", "Given the tour"},
	[TOUR_DECLINED] = {"declined", "Declined the tour"},
};

static const struct word request_kinds[REQUEST_KIND__MAX] = {
	[REQUEST_REFERENCE] = {"reference", "Reference question"},
	[REQUEST_MATERIAL] = {"material", "Material"},
	[REQUEST_RENEWAL] = {"renewal", "Renewal"},
	[REQUEST_INTERLIBRARY_LOAN] = {"interlibrary_loan", "Interlibrary loan"},
	[REQUEST_MEETING_ROOM] = {"meeting_room", "Meeting room"},
	[REQUEST_COMPUTER] = {"computer", "Computer"},
	[REQUEST_OTHER] = {"other", "Other"},
};
static const struct word alt_kinds[ALT_KIND__MAX] = {
	[ALT_INTERLIBRARY_LOAN] = {"interlibrary_loan", "interlibrary loan"},
	[ALT_ELECTRONIC_RESOURCE] = {"electronic_resource", "electronic resources"},
	[ALT_OTHER_BRANCH] = {"other_branch", "another branch"},
	[ALT_PURCHASE_SUGGESTION] = {"purchase_suggestion", "a purchase suggestion"},
	[ALT_REFERRAL] = {"referral", "a referral elsewhere"},
	[ALT_OTHER] = {"other", "something else"},
};
static const struct word outcomes[OUTCOME__MAX] = {
	[OUTCOME_NONE] = {NULL, "Still open"},
	[OUTCOME_FULFILLED] = {"fulfilled", "Fulfilled"},
	[OUTCOME_ALTERNATIVE_ACCEPTED] = {"alternative_accepted", "Alternative accepted"},
	[OUTCOME_NOT_FULFILLED] = {"not_fulfilled", "Not fulfilled"},
	[OUTCOME_CUSTOMER_DECLINED] = {"customer_declined", "Customer declined"},
	[OUTCOME_CUSTOMER_LEFT] = {"customer_left", "Customer left"},
};
static const struct word levels[LEVEL__MAX] = {
	[LEVEL_DESK] = {"desk", "At the desk"},
	[LEVEL_BRANCH] = {"branch", "With the person in charge"},
	[LEVEL_HEADQUARTERS] = {"headquarters", "At Headquarters"},
};
static const struct word incidents[INCIDENT__MAX] = {
	[INCIDENT_INJURY] = {"injury", "Injury"},
	[INCIDENT_BREAK_IN] = {"break_in", "Break-in"},
	[INCIDENT_VANDALISM] = {"vandalism", "Vandalism"},
	[INCIDENT_THEFT] = {"theft", "Theft"},
	[INCIDENT_ALTERCATION] = {"altercation", "Altercation"},
	[INCIDENT_MISSING_PERSON] = {"missing_person", "Missing person"},
	[INCIDENT_THREAT] = {"threat", "Threat"},
	[INCIDENT_ANGRY_CUSTOMER] = {"angry_customer", "Angry customer"},
	[INCIDENT_COMPUTER_BAN] = {"computer_ban", "Computer ban"},
	[INCIDENT_OTHER] = {"other", "Other"},
};
static const struct word person_kinds[PERSON_KIND__MAX] = {
	[PERSON_CUSTOMER] = {"customer", "Customer"},
	[PERSON_STAFF] = {"staff", "Staff member"},
	[PERSON_VOLUNTEER] = {"volunteer", "Volunteer"},
	[PERSON_VISITOR] = {"visitor", "Visitor"},
	[PERSON_UNKNOWN] = {"unknown", "Unknown person"},
	[PERSON_WITNESS] = {"witness", "Witness"},
	[PERSON_OTHER] = {"other", "Other"},
};

static const struct word person_cares[CARE__MAX] = {
	[CARE_NONE] = {"none", "None"},
	[CARE_FIRST_AID] = {"first_aid", "First aid given"},
	[CARE_MEDICAL_OFFERED] = {"medical_offered", "Medical care offered"},
	[CARE_MEDICAL_DECLINED] = {"medical_declined", "Medical care declined"},
	[CARE_AMBULANCE] = {"ambulance", "Ambulance called"},
};
static const struct word task_kinds[TASK_KIND__MAX] = {
	[TASK_REPAIR] = {"repair", "Repair"},
	[TASK_CAMERA_FOOTAGE] = {"camera_footage", "Camera footage"},
	[TASK_TRESPASS_LETTER] = {"trespass_letter", "Trespass letter"},
	[TASK_OTHER] = {"other", "Other"},
};
static const struct word scopes[RESTRICT__MAX] = {
	[RESTRICT_COMPUTER] = {"computer", "Computer use"},
	[RESTRICT_BUILDING] = {"building", "The building"},
	[RESTRICT_OTHER] = {"other", "Other"},
};
static const struct word appeals[APPEAL__MAX] = {
	[APPEAL_UPHELD] = {"upheld", "Upheld"},
	[APPEAL_REDUCED] = {"reduced", "Reduced"},
	[APPEAL_LIFTED] = {"lifted", "Lifted"},
};
static const struct word abouts[FETCH__MAX] = {
	[FETCH_COMPLAINT] = {"complaint", "A customer's complaint"},
	[FETCH_SITUATION] = {"situation", "A difficult situation"},
	[FETCH_INCIDENT] = {"incident", "An incident (an accident, a theft, a threat...)"},
	[FETCH_OTHER] = {"other", "Something else"},
};

static const struct word feedback_channels[FEEDBACK_CHANNEL__MAX] = {
	[FEEDBACK_JOIN] = {"join", "Online ticket"},
	[FEEDBACK_DESK] = {"desk", "Desk QR code"},
	[FEEDBACK_KIOSK] = {"kiosk", "Exit kiosk"},
};

static const struct word feedback_follows[FOLLOW__MAX] = {
	[FOLLOW_COMPLAINT] = {"complaint", "A complaint"},
	[FOLLOW_COMPLIMENT] = {"compliment", "A compliment"},
};

/* A table's name and label at v, or the fallbacks for a value out of range. */

#define WORD_NAME(table, max, v) ((unsigned)(v) < (max) ? (table)[v].name : "unknown")
#define WORD_LABEL(table, max, v) ((unsigned)(v) < (max) ? (table)[v].label : "Unknown")

const char *role_name(enum role r)
{
	return WORD_NAME(roles, ROLE__MAX, r);
}

const char *role_label(enum role r)
{
	return WORD_LABEL(roles, ROLE__MAX, r);
}

const char *channel_name(enum channel c)
{
	return WORD_NAME(channels, CHANNEL__MAX, c);
}

const char *channel_label(enum channel c)
{
	return WORD_LABEL(channels, CHANNEL__MAX, c);
}

const char *visit_state_name(enum visit_state s)
{
	return WORD_NAME(states, VISIT_STATE__MAX, s);
}

const char *visit_state_label(enum visit_state s)
{
	return WORD_LABEL(states, VISIT_STATE__MAX, s);
}

const char *joined_name(enum joined j)
{
	return WORD_NAME(joins, JOINED__MAX, j);
}

const char *joined_label(enum joined j)
{
	return WORD_LABEL(joins, JOINED__MAX, j);
}

const char *visit_reason_name(enum visit_reason r)
{
	return WORD_NAME(reasons, REASON__MAX, r);
}

const char *visit_reason_label(enum visit_reason r)
{
	return WORD_LABEL(reasons, REASON__MAX, r);
}

const char *tour_outcome_name(enum tour_outcome t)
{
	return t < TOUR__MAX ? tours[t].name : NULL;
}

const char *tour_outcome_label(enum tour_outcome t)
{
	return WORD_LABEL(tours, TOUR__MAX, t);
}

const char *request_kind_name(enum request_kind k)
{
	return WORD_NAME(request_kinds, REQUEST_KIND__MAX, k);
}

const char *request_kind_label(enum request_kind k)
{
	return WORD_LABEL(request_kinds, REQUEST_KIND__MAX, k);
}

const char *alt_kind_name(enum alt_kind k)
{
	return WORD_NAME(alt_kinds, ALT_KIND__MAX, k);
}

const char *alt_kind_label(enum alt_kind k)
{
	return k < ALT_KIND__MAX ? alt_kinds[k].label : "something else";
}

const char *request_outcome_name(enum request_outcome o)
{
	return o < OUTCOME__MAX ? outcomes[o].name : NULL;
}

const char *request_outcome_label(enum request_outcome o)
{
	return WORD_LABEL(outcomes, OUTCOME__MAX, o);
}

const char *request_level_name(enum request_level l)
{
	return WORD_NAME(levels, LEVEL__MAX, l);
}

const char *request_level_label(enum request_level l)
{
	return WORD_LABEL(levels, LEVEL__MAX, l);
}

const char *incident_category_name(enum incident_category c)
{
	return WORD_NAME(incidents, INCIDENT__MAX, c);
}

const char *incident_category_label(enum incident_category c)
{
	return WORD_LABEL(incidents, INCIDENT__MAX, c);
}

const char *person_kind_name(enum person_kind k)
{
	return WORD_NAME(person_kinds, PERSON_KIND__MAX, k);
}

const char *person_kind_label(enum person_kind k)
{
	return WORD_LABEL(person_kinds, PERSON_KIND__MAX, k);
}

const char *person_care_name(enum person_care c)
{
	return WORD_NAME(person_cares, CARE__MAX, c);
}

const char *person_care_label(enum person_care c)
{
	return WORD_LABEL(person_cares, CARE__MAX, c);
}

const char *task_kind_name(enum task_kind k)
{
	return WORD_NAME(task_kinds, TASK_KIND__MAX, k);
}

const char *task_kind_label(enum task_kind k)
{
	return WORD_LABEL(task_kinds, TASK_KIND__MAX, k);
}

const char *restriction_scope_name(enum restriction_scope sc)
{
	return WORD_NAME(scopes, RESTRICT__MAX, sc);
}

const char *restriction_scope_label(enum restriction_scope sc)
{
	return WORD_LABEL(scopes, RESTRICT__MAX, sc);
}

const char *appeal_outcome_name(enum appeal_outcome o)
{
	return WORD_NAME(appeals, APPEAL__MAX, o);
}

const char *appeal_outcome_label(enum appeal_outcome o)
{
	return WORD_LABEL(appeals, APPEAL__MAX, o);
}

const char *fetch_about_name(enum fetch_about a)
{
	return WORD_NAME(abouts, FETCH__MAX, a);
}

const char *fetch_about_label(enum fetch_about a)
{
	return a < FETCH__MAX ? abouts[a].label : "Something else";
}

/* The languages a public library's customers most often ask for, in English for the desk. */
static const struct word languages[] = {
	{"en", "English"}, {"es", "Spanish"},	     {"zh", "Chinese"},	   {"vi", "Vietnamese"},
	{"tl", "Tagalog"}, {"ar", "Arabic"},	     {"fr", "French"},	   {"ko", "Korean"},
	{"ru", "Russian"}, {"ht", "Haitian Creole"}, {"pt", "Portuguese"}, {"de", "German"},
	{"pl", "Polish"},  {"hmn", "Hmong"},	     {"so", "Somali"},	   {"uk", "Ukrainian"},
};

const char *language_label(const char *code)
{
	for (size_t i = 0; code && i < sizeof languages / sizeof languages[0]; i++)
		if (strcmp(languages[i].name, code) == 0)
			return languages[i].label;
	return code;
}

/* The typed name and label functions, as the one signature struct vocab holds. */
const char *feedback_channel_name(enum feedback_channel c)
{
	return WORD_NAME(feedback_channels, FEEDBACK_CHANNEL__MAX, c);
}

const char *feedback_channel_label(enum feedback_channel c)
{
	return WORD_LABEL(feedback_channels, FEEDBACK_CHANNEL__MAX, c);
}

const char *feedback_follow_name(enum feedback_follow f)
{
	return WORD_NAME(feedback_follows, FOLLOW__MAX, f);
}

const char *feedback_follow_label(enum feedback_follow f)
{
	return WORD_LABEL(feedback_follows, FOLLOW__MAX, f);
}

#define VOCAB(var, stem, type, max)                                                                \
	static const char *var##_name_of(int v)                                                    \
	{                                                                                          \
		return stem##_name((type)v);                                                       \
	}                                                                                          \
	static const char *var##_label_of(int v)                                                   \
	{                                                                                          \
		return stem##_label((type)v);                                                      \
	}                                                                                          \
	const struct vocab var = {max, var##_name_of, var##_label_of}

VOCAB(vocab_role, role, enum role, ROLE__MAX);
VOCAB(vocab_channel, channel, enum channel, CHANNEL__MAX);
VOCAB(vocab_visit_state, visit_state, enum visit_state, VISIT_STATE__MAX);
VOCAB(vocab_tour_outcome, tour_outcome, enum tour_outcome, TOUR__MAX);
VOCAB(vocab_request_kind, request_kind, enum request_kind, REQUEST_KIND__MAX);
VOCAB(vocab_alt_kind, alt_kind, enum alt_kind, ALT_KIND__MAX);
VOCAB(vocab_request_outcome, request_outcome, enum request_outcome, OUTCOME__MAX);
VOCAB(vocab_request_level, request_level, enum request_level, LEVEL__MAX);
VOCAB(vocab_incident_category, incident_category, enum incident_category, INCIDENT__MAX);
VOCAB(vocab_person_kind, person_kind, enum person_kind, PERSON_KIND__MAX);
VOCAB(vocab_person_care, person_care, enum person_care, CARE__MAX);
VOCAB(vocab_restriction_scope, restriction_scope, enum restriction_scope, RESTRICT__MAX);
VOCAB(vocab_appeal_outcome, appeal_outcome, enum appeal_outcome, APPEAL__MAX);
VOCAB(vocab_fetch_about, fetch_about, enum fetch_about, FETCH__MAX);
VOCAB(vocab_task_kind, task_kind, enum task_kind, TASK_KIND__MAX);
VOCAB(vocab_joined, joined, enum joined, JOINED__MAX);
VOCAB(vocab_visit_reason, visit_reason, enum visit_reason, REASON__MAX);
VOCAB(vocab_feedback_channel, feedback_channel, enum feedback_channel, FEEDBACK_CHANNEL__MAX);
VOCAB(vocab_feedback_follow, feedback_follow, enum feedback_follow, FOLLOW__MAX);

int vocab_from_name(const struct vocab *v, const char *name)
{
	for (int i = 0; name && i < v->count; i++) {
		const char *n = v->name(i);
		if (n && strcmp(n, name) == 0)
			return i;
	}
	return -1;
}
