/* The words the whole program shares, each an enum with one text table: roles, visit
 * channels and states, tour outcomes. JSON, SQL, the command line and HTML all use these
 * tables; the rules about them live in src/policy/. */
#ifndef BASE_VOCAB_H
#define BASE_VOCAB_H

/* Highest authority first (policy/RULES.md). */
enum role {
	ROLE_EXECUTIVE_DIRECTOR,
	ROLE_BUSINESS_MANAGER,
	ROLE_BRANCH_SERVICES_COORDINATOR,
	ROLE_HQ_STAFF,
	ROLE_BRANCH_MANAGER,
	ROLE_ASSISTANT_LIBRARIAN,
	ROLE_STAFF,
	ROLE_SUBSTITUTE,
	ROLE_VOLUNTEER,
	ROLE_PAGE,
	ROLE__MAX
};

enum channel { CHANNEL_IN_PERSON, CHANNEL_PHONE, CHANNEL__MAX };

enum visit_state {
	VISIT_WAITING,
	VISIT_SERVING,
	VISIT_ON_HOLD,	/* a phone caller asked to hold (a renewal while a walk-in is served) */
	VISIT_CALLBACK, /* a phone caller we promised to call back */
	VISIT_FINISHED,
	VISIT_NO_SHOW, /* called by `next` and did not come */
	VISIT_STATE__MAX
};

enum tour_outcome { TOUR_NONE, TOUR_OFFERED, TOUR_GIVEN, TOUR_DECLINED, TOUR__MAX };

/* Enum → text; the _from_name functions return -1 for an unknown name. */
const char *role_name(enum role r);
const char *role_label(enum role r); /* "Branch Manager" */
int role_from_name(const char *name);
const char *channel_name(enum channel c);
int channel_from_name(const char *name);
const char *visit_state_name(enum visit_state s);
int visit_state_from_name(const char *name);
const char *tour_outcome_name(enum tour_outcome t); /* NULL for TOUR_NONE */
int tour_outcome_from_name(const char *name);

#endif
