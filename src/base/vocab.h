/* The words the whole program shares, each an enum with one text table: roles, visit
 * channels and states, tour outcomes. JSON, SQL, the command line and HTML all use these
 * tables; the rules about them live in src/policy/. */
#ifndef BASE_VOCAB_H
#define BASE_VOCAB_H

/* Highest authority first (docs/policy.md). */
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
	VISIT_LEFT,    /* a customer who joined by phone left the line from it */
	VISIT_REMOVED, /* the desk removed a ticket taken by phone (a duplicate, abuse) */
	VISIT_STATE__MAX
};

/* How a visit's ticket was taken: by staff at the desk, or by the customer's phone. */
enum joined { JOINED_DESK, JOINED_PHONE, JOINED__MAX };

/* What a customer who takes a ticket by phone says the visit is about: a short list, so the
 * desk reads it at a glance and nothing typed reaches the queue. */
enum visit_reason {
	REASON_NONE, /* not said (every ticket taken at the desk) */
	REASON_BORROWING,
	REASON_CARD,
	REASON_COMPUTERS,
	REASON_QUESTION,
	REASON_OTHER,
	/* Marked by the desk only, never on the public list: a call to renew items, which
	 * CS-INPERSON puts on hold while someone in the library is served. */
	REASON_RENEWAL,
	REASON__MAX
};
/* The last reason a customer may choose on their phone: those after it are the desk's. */
#define REASON_PUBLIC_LAST REASON_OTHER

enum tour_outcome { TOUR_NONE, TOUR_OFFERED, TOUR_GIVEN, TOUR_DECLINED, TOUR__MAX };

enum request_kind {
	REQUEST_REFERENCE, /* a reference question: its text is confidential (CS-CONFIDENTIAL) */
	REQUEST_MATERIAL,
	REQUEST_RENEWAL,
	REQUEST_INTERLIBRARY_LOAN,
	REQUEST_MEETING_ROOM,
	REQUEST_COMPUTER,
	REQUEST_OTHER,
	REQUEST_KIND__MAX
};

enum alt_kind {
	ALT_INTERLIBRARY_LOAN,
	ALT_ELECTRONIC_RESOURCE,
	ALT_OTHER_BRANCH,
	ALT_PURCHASE_SUGGESTION,
	ALT_REFERRAL,
	ALT_OTHER,
	ALT_KIND__MAX
};

enum request_outcome {
	OUTCOME_NONE, /* still open */
	OUTCOME_FULFILLED,
	OUTCOME_ALTERNATIVE_ACCEPTED,
	OUTCOME_NOT_FULFILLED,	   /* every avenue tried, up to Headquarters (CS-ALT) */
	OUTCOME_CUSTOMER_DECLINED, /* the customer refused every alternative and the referral */
	OUTCOME_CUSTOMER_LEFT,	   /* the customer walked away before an answer */
	OUTCOME__MAX
};

/* Who holds a request (CS-REFER): the staff member who took it, the person in charge at the
 * branch, or Headquarters. */
enum request_level { LEVEL_DESK, LEVEL_BRANCH, LEVEL_HEADQUARTERS, LEVEL__MAX };

/* CS-INCIDENT's significant incidents. */
enum incident_category {
	INCIDENT_INJURY,
	INCIDENT_BREAK_IN,
	INCIDENT_VANDALISM,
	INCIDENT_THEFT,
	INCIDENT_ALTERCATION,
	INCIDENT_MISSING_PERSON,
	INCIDENT_THREAT,
	INCIDENT_ANGRY_CUSTOMER,
	INCIDENT_COMPUTER_BAN,
	INCIDENT_OTHER,
	INCIDENT__MAX
};

/* Who a person in an incident report was to it. */
enum person_kind {
	PERSON_CUSTOMER,
	PERSON_STAFF,
	PERSON_VOLUNTEER,
	PERSON_VISITOR,
	PERSON_UNKNOWN, /* someone not known by name: described instead */
	PERSON_WITNESS,
	PERSON_OTHER, /* read from reports made before schema 24; no longer offered */
	PERSON_KIND__MAX
};

/* The care a person in an incident was given or offered. */
enum person_care {
	CARE_NONE,
	CARE_FIRST_AID,
	CARE_MEDICAL_OFFERED,
	CARE_MEDICAL_DECLINED,
	CARE_AMBULANCE,
	CARE__MAX
};

/* What a follow-up task on an incident report is for (Headquarters sets them at review). */
enum task_kind {
	TASK_REPAIR,
	TASK_CAMERA_FOOTAGE,
	TASK_TRESPASS_LETTER,
	TASK_OTHER,
	TASK_KIND__MAX
};

/* What a restriction on a customer bars: computer use and the building are bans, and so
 * incidents (CS-INCIDENT); other restrictions (meeting rooms, ...) are not. */
enum restriction_scope { RESTRICT_COMPUTER, RESTRICT_BUILDING, RESTRICT_OTHER, RESTRICT__MAX };

/* How an appeal of a restriction was decided. */
enum appeal_outcome { APPEAL_UPHELD, APPEAL_REDUCED, APPEAL_LIFTED, APPEAL__MAX };

/* What the person in charge is fetched for (CS-DIFFICULT). */
enum fetch_about { FETCH_COMPLAINT, FETCH_SITUATION, FETCH_INCIDENT, FETCH_OTHER, FETCH__MAX };
/* Where a customer said how the visit went: their phone's ticket page after joining online, a QR
 * code the desk showed or printed, or the tablet at the exit. */
enum feedback_channel { FEEDBACK_JOIN, FEEDBACK_DESK, FEEDBACK_KIOSK, FEEDBACK_CHANNEL__MAX };
/* What a customer's request to be contacted becomes. */
enum feedback_follow { FOLLOW_COMPLAINT, FOLLOW_COMPLIMENT, FOLLOW__MAX };

/* Enum → text. A name is the word JSON, SQL and the CLI use (text → enum is vocab_from_name,
 * below); a label is what a person reads on a page, and the only one a page may print. */
const char *role_name(enum role r);
const char *role_label(enum role r); /* "Branch Manager" */
const char *channel_name(enum channel c);
const char *channel_label(enum channel c); /* "In person" */
const char *visit_state_name(enum visit_state s);
const char *visit_state_label(enum visit_state s); /* "Being served" */
const char *joined_name(enum joined j);
const char *joined_label(enum joined j);	     /* "Joined by phone" */
const char *visit_reason_name(enum visit_reason r);  /* NULL for REASON_NONE */
const char *visit_reason_label(enum visit_reason r); /* "A library card" (English: tr() it) */
const char *tour_outcome_name(enum tour_outcome t);  /* NULL for TOUR_NONE */
const char *tour_outcome_label(enum tour_outcome t); /* "Given the tour" */
const char *request_kind_name(enum request_kind k);
const char *request_kind_label(enum request_kind k); /* "Interlibrary loan" */
const char *alt_kind_name(enum alt_kind k);
const char *alt_kind_label(enum alt_kind k);		   /* "interlibrary loan", mid-sentence */
const char *request_outcome_name(enum request_outcome o);  /* NULL for OUTCOME_NONE */
const char *request_outcome_label(enum request_outcome o); /* "Customer declined" */
const char *request_level_name(enum request_level l);
const char *request_level_label(enum request_level l); /* "At Headquarters" */
const char *incident_category_name(enum incident_category c);
const char *incident_category_label(enum incident_category c); /* "Break-in" */
const char *person_kind_name(enum person_kind k);
const char *person_kind_label(enum person_kind k); /* "Staff member" */
const char *person_care_name(enum person_care c);
const char *person_care_label(enum person_care c); /* "First aid given" */
const char *task_kind_name(enum task_kind k);
const char *task_kind_label(enum task_kind k); /* "Camera footage" */
const char *restriction_scope_name(enum restriction_scope sc);
const char *restriction_scope_label(enum restriction_scope sc); /* "Computer use" */
const char *appeal_outcome_name(enum appeal_outcome o);
const char *appeal_outcome_label(enum appeal_outcome o); /* "Upheld" */
const char *fetch_about_name(enum fetch_about a);
const char *fetch_about_label(enum fetch_about a); /* "A customer's complaint" */
const char *feedback_channel_name(enum feedback_channel c);
const char *feedback_channel_label(enum feedback_channel c); /* "Exit kiosk" */
const char *feedback_follow_name(enum feedback_follow f);
const char *feedback_follow_label(enum feedback_follow f); /* "A compliment" */

/* A language the customer asked for, by its code ("es"), as the desk reads it: "Spanish";
 * the code itself for one not in the table. */
const char *language_label(const char *code);

/* An enum's names as one value for the input layer (base/input.h): name(i) for i below count,
 * NULL for a value that is no choice (TOUR_NONE); label(i), what a form's option shows. */
struct vocab {
	int count;
	const char *(*name)(int value);
	const char *(*label)(int value);
};
extern const struct vocab vocab_role, vocab_channel, vocab_visit_state, vocab_tour_outcome,
	vocab_request_kind, vocab_alt_kind, vocab_request_outcome, vocab_request_level,
	vocab_incident_category, vocab_person_kind, vocab_person_care, vocab_restriction_scope,
	vocab_appeal_outcome, vocab_fetch_about, vocab_task_kind, vocab_joined, vocab_visit_reason,
	vocab_feedback_channel, vocab_feedback_follow;
/* The value named name, or -1. */
int vocab_from_name(const struct vocab *v, const char *name);

#endif
