/* Roles and the role × action matrix: one table each, sized by the enums' __MAX. */
#include "policy/role.h"

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
#define PERMANENT (R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN) | R(ROLE_STAFF))
#define EVERYONE ((1u << ROLE__MAX) - 1)

static const struct {
	const char *name;
	unsigned roles;
} actions[ACTION__MAX] = {
	[ACTION_BRANCH_READ] = {"branch.read", EVERYONE},
	[ACTION_BRANCH_MANAGE] = {"branch.manage", HQ_ADMIN},
	[ACTION_USER_READ] = {"user.read", HQ | PERMANENT},
	[ACTION_USER_MANAGE] = {"user.manage", HQ_ADMIN | R(ROLE_BRANCH_MANAGER)},
	/* Promotions and transfers decide who is in charge at every branch (CS-INCHARGE): they
	 * are Headquarters' to make, not a branch's. */
	[ACTION_USER_CHANGE] = {"user.change", HQ_ADMIN},
	[ACTION_DUTY_SELF] = {"duty.self", EVERYONE},
	[ACTION_DUTY_OTHERS] = {"duty.others",
				HQ | R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN)},
	/* CS-CONFIDENTIAL: volunteers and pages see the queue, not customer records. */
	[ACTION_CUSTOMER_CREATE] = {"customer.create", HQ | PERMANENT | R(ROLE_SUBSTITUTE)},
	[ACTION_CUSTOMER_READ] = {"customer.read", HQ | PERMANENT | R(ROLE_SUBSTITUTE)},
	[ACTION_AUDIT_READ] = {"audit.read", HQ | R(ROLE_BRANCH_MANAGER)},
	/* Everyone at the desk greets, acknowledges and serves (volunteers and pages too). */
	[ACTION_QUEUE_WORK] = {"queue.work", EVERYONE},
	[ACTION_REQUEST_WORK] = {"request.work", EVERYONE},
	/* Everyone may try; difficult_may_handle() then says who may really take the case. */
	[ACTION_DIFFICULT_WORK] = {"difficult.work", EVERYONE},
	[ACTION_BRANCH_OVERSIGHT] = {"branch.oversight",
				     HQ | R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN)},
	[ACTION_HQ_REVIEW] = {"hq.review", HQ},
	[ACTION_HANDBOOK_READ] = {"handbook.read", EVERYONE},
	[ACTION_HANDBOOK_WRITE] = {"handbook.write", HQ},
	[ACTION_RESTRICT] = {"customer.restrict", HQ | PERMANENT},
	/* CS-NOBIAS: past encounters are for branch managers and Headquarters only. */
	[ACTION_CUSTOMER_HISTORY] = {"customer.history", HQ | R(ROLE_BRANCH_MANAGER)},
	/* Desk staff see how their branch's queue is doing; managers their branch; HQ all. */
	[ACTION_REPORT_QUEUE] = {"report.queue", HQ | PERMANENT | R(ROLE_SUBSTITUTE)},
	[ACTION_REPORT_FULL] = {"report.full", HQ | R(ROLE_BRANCH_MANAGER)},
	/* Headquarters keeps the holidays; a branch's manager, or the assistant librarian who
	 * makes the judgement call in her absence (CS-JUDGE), may close the branch. */
	[ACTION_HOLIDAYS] = {"calendar.holidays", HQ},
	[ACTION_BRANCH_CALENDAR] = {"calendar.branch",
				    HQ | R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN)},
};

const char *action_name(enum action a)
{
	return a < ACTION__MAX ? actions[a].name : "unknown";
}

bool role_is_headquarters(enum role r)
{
	return r < ROLE__MAX && roles[r].headquarters;
}

bool role_is_permanent(enum role r)
{
	return r < ROLE__MAX && roles[r].permanent;
}

bool role_may(enum role r, enum action a)
{
	return r < ROLE__MAX && a < ACTION__MAX && (actions[a].roles & R(r));
}

bool role_may_grant(enum role manager, enum role granted)
{
	if (!role_may(manager, ACTION_USER_MANAGE) || granted >= ROLE__MAX)
		return false;
	if (role_is_headquarters(manager))
		return true;
	return granted > manager; /* a branch manager adds those below: never a peer or HQ */
}
