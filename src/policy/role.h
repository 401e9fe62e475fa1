/* The roles of the policy and the one role × action matrix every service consults. */
#ifndef POLICY_ROLE_H
#define POLICY_ROLE_H
#include <stdbool.h>

#include "base/vocab.h"

enum action {
	ACTION_BRANCH_READ,	 /* branches, hours, who is on duty, who is in charge */
	ACTION_BRANCH_MANAGE,	 /* add or change a branch */
	ACTION_USER_READ,	 /* the staff list */
	ACTION_USER_MANAGE,	 /* add or deactivate accounts (branch managers: own branch) */
	ACTION_USER_CHANGE,	 /* change an account's role, home branch, service start, details */
	ACTION_DUTY_SELF,	 /* clock oneself on and off */
	ACTION_DUTY_OTHERS,	 /* clock another person on or off at the desk */
	ACTION_CUSTOMER_CREATE,	 /* register a customer */
	ACTION_CUSTOMER_READ,	 /* look a customer up (audited: CS-CONFIDENTIAL) */
	ACTION_AUDIT_READ,	 /* who read or changed a record */
	ACTION_QUEUE_WORK,	 /* the desk queue: visits, callbacks, opening, roving help */
	ACTION_REQUEST_WORK,	 /* take a customer's request and follow it through */
	ACTION_DIFFICULT_WORK,	 /* complaints, situations, judgements: CS-DIFFICULT decides who */
	ACTION_BRANCH_OVERSIGHT, /* a branch's complaints and flagged situations */
	ACTION_HQ_REVIEW,	 /* the HQ dashboard; acknowledging judgement calls */
	ACTION_HANDBOOK_READ,	 /* read and search the policy handbook (CS-KNOW) */
	ACTION_HANDBOOK_WRITE,	 /* add and revise policy sections */
	ACTION_RESTRICT,	 /* restrict a customer (a computer-use ban) */
	ACTION_CUSTOMER_HISTORY, /* a customer's past restrictions and complaints (CS-NOBIAS) */
	ACTION_REPORT_QUEUE,	 /* a branch's queue figures: waits, acknowledgements, callbacks */
	ACTION_REPORT_FULL,	 /* the whole service report: requests, complaints, incidents too */
	ACTION_HOLIDAYS,	 /* the system's holiday list (issue 13) */
	ACTION_BRANCH_CALENDAR,	 /* close a branch for a day or change its hours (own branch) */
	ACTION__MAX
};

const char *action_name(enum action a);

bool role_is_headquarters(enum role r);
/* CS-DIFFICULT: "permanent staff" are staff, assistant librarians and branch managers. */
bool role_is_permanent(enum role r);
/* The matrix: may a person in role r do a? */
bool role_may(enum role r, enum action a);
/* Of users a manager may create: HQ administrators any role, a branch manager only the
 * roles below their own. */
bool role_may_grant(enum role manager, enum role granted);

#endif
