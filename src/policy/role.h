/* The roles of the policy and the one authorization model every read and write consults:
 * the role × action matrix, branch scope (CS-SCOPE) and which roles see customers. */
#ifndef POLICY_ROLE_H
#define POLICY_ROLE_H
#include <stdbool.h>
#include <stdint.h>

#include "base/vocab.h"

enum action {
	ACTION_NONE,		/* any logged-in person */
	ACTION_BRANCH_READ,	/* branches, hours, who is on duty, who is in charge */
	ACTION_BRANCH_MANAGE,	/* add or change a branch */
	ACTION_USER_READ,	/* the staff list */
	ACTION_USER_MANAGE,	/* add or deactivate accounts (branch managers: own branch) */
	ACTION_USER_CHANGE,	/* change an account's role, home branch, service start, details */
	ACTION_DUTY_SELF,	/* clock oneself on and off */
	ACTION_DUTY_OTHERS,	/* clock another person on or off at the desk */
	ACTION_CUSTOMER_CREATE, /* register a customer */
	ACTION_CUSTOMER_READ,	/* look a customer up (audited: CS-CONFIDENTIAL) */
	ACTION_AUDIT_READ,	/* who read or changed a record */
	ACTION_QUEUE_WORK,	/* the desk queue: visits, callbacks, opening, roving help */
	ACTION_REQUEST_WORK,	/* take a customer's request and follow it through */
	ACTION_DIFFICULT_WORK,	/* bring a complaint, situation or incident: CS-DIFFICULT decides */
	ACTION_DIFFICULT_READ,	/* read complaints and incident reports */
	ACTION_FETCH,		/* fetch the person in charge to a difficult case */
	ACTION_JUDGE,		/* record a judgement call: CS-JUDGE decides who */
	ACTION_BRANCH_OVERSIGHT, /* a branch's complaints and flagged situations */
	ACTION_HQ_REVIEW,	 /* the HQ dashboard; acknowledging judgement calls */
	ACTION_HANDBOOK_READ,	 /* read and search the policy handbook (CS-KNOW) */
	ACTION_HANDBOOK_WRITE,	 /* add and revise policy sections */
	ACTION_RESTRICT,	 /* restrict a customer (a computer-use or building ban) */
	ACTION_RESTRICT_DECIDE,	 /* lift a ban early, decide its appeal */
	ACTION_CUSTOMER_HISTORY, /* a customer's past restrictions and complaints (CS-NOBIAS) */
	ACTION_REPORT_QUEUE,	 /* a branch's queue figures: waits, acknowledgements, callbacks */
	ACTION_REPORT_FULL,	 /* the whole service report: requests, complaints, incidents too */
	ACTION_REPORT_PEOPLE,	 /* each person's satisfaction figures, and customers' comments */
	ACTION_HOLIDAYS,	 /* the system's holiday list */
	ACTION_BRANCH_CALENDAR,	 /* close a branch for a day or change its hours (own branch) */
	ACTION_INCIDENT_FOLLOWUP, /* review a signed incident report, set its tasks, close it */
	ACTION_INCIDENT_TASK,	  /* mark a follow-up task done: its owner or HQ decide (policy) */
	ACTION__MAX
};

const char *action_name(enum action a); /* "customer.read": for the command line and logs */
/* What the action is, in words that finish "may not ...": "read customer records". */
const char *action_what(enum action a);
/* The CS- rule behind the action's matrix row, or NULL. */
const char *action_rule(enum action a);

bool role_is_headquarters(enum role r);
/* CS-DIFFICULT: "permanent staff" are staff, assistant librarians and branch managers. */
bool role_is_permanent(enum role r);
/* CS-PRIVATE: who may witness a difficult situation: permanent staff, or Headquarters. */
bool role_may_witness(enum role r);
/* The matrix: may a person in role r do a? */
bool role_may(enum role r, enum action a);
/* Of users a manager may create: HQ administrators any role, a branch manager only the
 * roles below their own. */
bool role_may_grant(enum role manager, enum role granted);

/* Where a person works, for branch scope: the home branch and the branch they are on duty
 * at now (0: none). */
struct workplace {
	enum role role;
	int64_t home_branch_id, duty_branch_id;
};

/* Where, outside Headquarters, an action may touch a branch's records (CS-SCOPE). */
enum reach {
	REACH_ANY,	 /* every branch: not one branch's records */
	REACH_WORKPLACE, /* one's home branch and the branch one is on duty at: desk work */
	REACH_HOME,	 /* one's home branch only: running it (its people, oversight, days) */
	REACH__MAX
};
enum reach action_reach(enum action a);

enum access { ACCESS_ALLOWED, ACCESS_ROLE, ACCESS_BRANCH };

/* CS-SCOPE: may the person do a to a record of branch_id (0: Headquarters' own, of no
 * branch)? The matrix first; then the action's reach: outside Headquarters, desk work where
 * one works (home or on duty), running a branch at one's home branch only. */
enum access access_decide(const struct workplace *w, enum action a, int64_t branch_id);
/* CS-SCOPE alone: is branch_id the person's own or where she is on duty (Headquarters:
 * every branch, and Headquarters' own, 0)? */
bool workplace_reaches(const struct workplace *w, int64_t branch_id);
/* Does a touch a branch's records (and so obey branch scope)? */
bool action_is_scoped(enum action a);
/* CS-CONFIDENTIAL: may the role see a customer's name, card or contact by any path? */
bool role_sees_customers(enum role r);

#endif
