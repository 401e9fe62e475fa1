/* Roles, the role × action matrix and branch scope: one table each, sized by the enums'
 * __MAX, consulted by every route and every service (docs/roles.md). */
#include "policy/role.h"

#include <stddef.h>

/* What each role is, for the rules: Headquarters, permanent branch staff (CS-DIFFICULT). */
static const struct {
	bool headquarters, permanent;
} roles[ROLE__MAX] = {
	[ROLE_EXECUTIVE_DIRECTOR] = {true, false},
	[ROLE_BUSINESS_MANAGER] = {true, false},
	[ROLE_BRANCH_SERVICES_COORDINATOR] = {true, false},
	[ROLE_HQ_STAFF] = {true, false},
	[ROLE_BRANCH_MANAGER] = {false, true},
	[ROLE_ASSISTANT_LIBRARIAN] = {false, true},
	[ROLE_STAFF] = {false, true},
	[ROLE_SUBSTITUTE] = {false, false},
	[ROLE_VOLUNTEER] = {false, false},
	[ROLE_PAGE] = {false, false},
};

#define R(x) (1u << (x))
#define HQ_ADMIN                                                                                   \
	(R(ROLE_EXECUTIVE_DIRECTOR) | R(ROLE_BUSINESS_MANAGER) |                                   \
	 R(ROLE_BRANCH_SERVICES_COORDINATOR))
#define HQ (HQ_ADMIN | R(ROLE_HQ_STAFF))
#define MANAGERS (R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN))
#define PERMANENT (MANAGERS | R(ROLE_STAFF))
#define EVERYONE ((1u << ROLE__MAX) - 1)

/* reach: where outside Headquarters the action may touch a branch's records (CS-SCOPE):
 * anywhere, where one works (one's home branch or the branch one is on duty at: the desk's
 * work), or one's home branch only (running a branch: its people, its oversight, its days). */
#define ANY REACH_ANY
#define WORKPLACE REACH_WORKPLACE
#define HOME REACH_HOME
static const struct {
	const char *name, *what, *rule;
	unsigned roles;
	enum reach reach;
} actions[ACTION__MAX] = {
	[ACTION_NONE] = {"none", "use frontdesk", NULL, EVERYONE, ANY},
	[ACTION_BRANCH_READ] = {"branch.read", "see the branches", NULL, EVERYONE, ANY},
	[ACTION_BRANCH_MANAGE] = {"branch.manage", "add or change branches", NULL, HQ_ADMIN, ANY},
	[ACTION_USER_READ] = {"user.read", "see the staff list", NULL, HQ | PERMANENT, ANY},
	[ACTION_USER_MANAGE] = {"user.manage", "manage staff accounts", NULL,
				HQ_ADMIN | R(ROLE_BRANCH_MANAGER), HOME},
	/* Promotions and transfers decide who is in charge at every branch (CS-INCHARGE): they
	 * are Headquarters' to make, not a branch's. */
	[ACTION_USER_CHANGE] = {"user.change", "change an account's role, branch or details", NULL,
				HQ_ADMIN, ANY},
	/* Anyone may clock on anywhere: a visiting colleague works that branch's desk. */
	[ACTION_DUTY_SELF] = {"duty.self", "clock on and off", NULL, EVERYONE, ANY},
	[ACTION_DUTY_OTHERS] = {"duty.others", "clock other people on or off", NULL, HQ | MANAGERS,
				HOME},
	/* CS-CONFIDENTIAL: volunteers and pages see the queue, not customer records. A card
	 * works at every branch, so customers are the system's, not one branch's. */
	[ACTION_CUSTOMER_CREATE] = {"customer.create", "register customers", "CS-CONFIDENTIAL",
				    HQ | PERMANENT | R(ROLE_SUBSTITUTE), ANY},
	[ACTION_CUSTOMER_READ] = {"customer.read", "read customer records", "CS-CONFIDENTIAL",
				  HQ | PERMANENT | R(ROLE_SUBSTITUTE), ANY},
	[ACTION_AUDIT_READ] = {"audit.read", "read the audit log", "CS-CONFIDENTIAL",
			       HQ | R(ROLE_BRANCH_MANAGER), HOME},
	/* Everyone at the desk greets, acknowledges and serves (volunteers and pages too). */
	[ACTION_QUEUE_WORK] = {"queue.work", "work the desk queue", NULL, EVERYONE, WORKPLACE},
	[ACTION_REQUEST_WORK] = {"request.work", "take customers' requests", NULL, EVERYONE,
				 WORKPLACE},
	/* Anyone may bring one to the desk; difficult_may_handle() then says who takes it, and
	 * tells a volunteer or page whom to fetch. */
	[ACTION_DIFFICULT_WORK] = {"difficult.work", "handle complaints or incidents",
				   "CS-DIFFICULT", EVERYONE, WORKPLACE},
	[ACTION_DIFFICULT_READ] = {"difficult.read", "read complaints or incident reports",
				   "CS-DIFFICULT", HQ | PERMANENT | R(ROLE_SUBSTITUTE), WORKPLACE},
	[ACTION_FETCH] = {"difficult.fetch", "fetch the person in charge", "CS-DIFFICULT", EVERYONE,
			  WORKPLACE},
	/* CS-JUDGE: the branch manager, or the assistant librarian when she cannot be reached.
	 * Anyone may try; judgement_may_decide() refuses the others and says whom to reach. */
	[ACTION_JUDGE] = {"judgement.record", "record judgement calls", "CS-JUDGE", EVERYONE,
			  WORKPLACE},
	[ACTION_BRANCH_OVERSIGHT] = {"branch.oversight", "oversee a branch's complaints", NULL,
				     HQ | MANAGERS, HOME},
	[ACTION_HQ_REVIEW] = {"hq.review", "use the Headquarters page", NULL, HQ, ANY},
	[ACTION_HANDBOOK_READ] = {"handbook.read", "read the handbook", NULL, EVERYONE, ANY},
	[ACTION_HANDBOOK_WRITE] = {"handbook.write", "change the handbook", NULL, HQ, ANY},
	/* A ban is an incident (CS-INCIDENT's list): the branch's managers or HQ issue it. */
	[ACTION_RESTRICT] = {"customer.restrict", "restrict customers", "CS-INCIDENT",
			     HQ | MANAGERS, HOME},
	/* Lifting one early and deciding appeals: the issuing branch's manager, or HQ. */
	[ACTION_RESTRICT_DECIDE] = {"customer.restrict.decide", "lift bans or decide appeals",
				    "CS-INCIDENT", HQ | R(ROLE_BRANCH_MANAGER), HOME},
	/* CS-NOBIAS: past encounters are for branch managers and Headquarters only. */
	[ACTION_CUSTOMER_HISTORY] = {"customer.history", "read a customer's history", "CS-NOBIAS",
				     HQ | R(ROLE_BRANCH_MANAGER), ANY},
	/* Desk staff see how their branch's queue is doing; managers their branch; HQ all. */
	[ACTION_REPORT_QUEUE] = {"report.queue", "see the branch's figures", NULL,
				 HQ | PERMANENT | R(ROLE_SUBSTITUTE), HOME},
	[ACTION_REPORT_FULL] = {"report.full", "see the whole service report", NULL,
				HQ | R(ROLE_BRANCH_MANAGER), HOME},
	/* Each person sees their own customers' answers (the report's "mine"); a colleague's
	 * are for the branch's managers and Headquarters' three who run the branches. */
	[ACTION_REPORT_PEOPLE] = {"report.people", "see each person's satisfaction figures", NULL,
				  HQ_ADMIN | MANAGERS, HOME},
	/* Headquarters keeps the holidays; a branch's manager, or the assistant librarian who
	 * makes the judgement call in her absence (CS-JUDGE), may close the branch. */
	[ACTION_HOLIDAYS] = {"calendar.holidays", "change the holidays", NULL, HQ, ANY},
	[ACTION_BRANCH_CALENDAR] = {"calendar.branch", "change a branch's days", NULL,
				    HQ | MANAGERS, HOME},
	/* CS-INCIDENT: the report goes to the Executive Director, the Business Manager and the
	 * Branch Services Coordinator; they follow it up and close it. */
	[ACTION_INCIDENT_FOLLOWUP] = {"incident.followup", "review and close incident reports",
				      "CS-INCIDENT", HQ_ADMIN, ANY},
	/* A task's owner may be anyone on the staff; incident_task_may_finish() then refuses
	 * whoever is neither its owner nor one of those three. */
	[ACTION_INCIDENT_TASK] = {"incident.task", "finish follow-up tasks", "CS-INCIDENT",
				  EVERYONE, ANY},
};

const char *action_name(enum action a)
{
	return a < ACTION__MAX ? actions[a].name : "unknown";
}

const char *action_what(enum action a)
{
	return a < ACTION__MAX ? actions[a].what : "do this";
}

const char *action_rule(enum action a)
{
	return a < ACTION__MAX ? actions[a].rule : NULL;
}

bool action_is_scoped(enum action a)
{
	return action_reach(a) != REACH_ANY;
}

enum reach action_reach(enum action a)
{
	return a < ACTION__MAX ? actions[a].reach : REACH_HOME;
}

bool role_is_headquarters(enum role r)
{
	return r < ROLE__MAX && roles[r].headquarters;
}

bool role_is_permanent(enum role r)
{
	return r < ROLE__MAX && roles[r].permanent;
}

bool role_may_witness(enum role r)
{
	return role_is_permanent(r) || role_is_headquarters(r);
}

bool role_may(enum role r, enum action a)
{
	return r < ROLE__MAX && a < ACTION__MAX && (actions[a].roles & R(r));
}

bool role_sees_customers(enum role r)
{
	return role_may(r, ACTION_CUSTOMER_READ);
}

bool role_may_grant(enum role manager, enum role granted)
{
	if (!role_may(manager, ACTION_USER_MANAGE) || granted >= ROLE__MAX)
		return false;
	if (role_is_headquarters(manager))
		return true;
	return granted > manager; /* a branch manager adds those below: never a peer or HQ */
}

bool workplace_reaches(const struct workplace *w, int64_t branch_id)
{
	/* Branch 0 is no branch: Headquarters' own (its accounts, the command line's entries). */
	return role_is_headquarters(w->role) ||
	       (branch_id && (branch_id == w->home_branch_id || branch_id == w->duty_branch_id));
}

enum access access_decide(const struct workplace *w, enum action a, int64_t branch_id)
{
	if (!role_may(w->role, a))
		return ACCESS_ROLE;
	switch (action_reach(a)) {
	case REACH_ANY: return ACCESS_ALLOWED;
	case REACH_WORKPLACE:
		return workplace_reaches(w, branch_id) ? ACCESS_ALLOWED : ACCESS_BRANCH;
	default:
		return role_is_headquarters(w->role) ||
				       (branch_id && branch_id == w->home_branch_id)
			       ? ACCESS_ALLOWED
			       : ACCESS_BRANCH;
	}
}
