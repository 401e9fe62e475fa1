/* Roles and the role × action matrix: one table each, sized by the enums' __MAX. */
#include "policy/role.h"

#include <string.h>

static const struct {
	const char *name, *label;
	bool headquarters, permanent;
} roles[ROLE__MAX] = {
	[ROLE_EXECUTIVE_DIRECTOR] = {"executive_director", "Executive Director", true, false},
	[ROLE_BUSINESS_MANAGER] = {"business_manager", "Business Manager", true, false},
	[ROLE_BRANCH_SERVICES_COORDINATOR] = {"branch_services_coordinator",
					      "Branch Services Coordinator", true, false},
	[ROLE_HQ_STAFF] = {"hq_staff", "Headquarters Staff", true, false},
	[ROLE_BRANCH_MANAGER] = {"branch_manager", "Branch Manager", false, true},
	[ROLE_ASSISTANT_LIBRARIAN] = {"assistant_librarian", "Assistant Librarian", false, true},
	[ROLE_STAFF] = {"staff", "Staff", false, true},
	[ROLE_SUBSTITUTE] = {"substitute", "Substitute", false, false},
	[ROLE_VOLUNTEER] = {"volunteer", "Volunteer", false, false},
	[ROLE_PAGE] = {"page", "Page", false, false},
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
	[ACTION_DUTY_SELF] = {"duty.self", EVERYONE},
	[ACTION_DUTY_OTHERS] = {"duty.others",
				HQ | R(ROLE_BRANCH_MANAGER) | R(ROLE_ASSISTANT_LIBRARIAN)},
	/* CS-CONFIDENTIAL: volunteers and pages see the queue, not customer records. */
	[ACTION_CUSTOMER_CREATE] = {"customer.create", HQ | PERMANENT | R(ROLE_SUBSTITUTE)},
	[ACTION_CUSTOMER_READ] = {"customer.read", HQ | PERMANENT | R(ROLE_SUBSTITUTE)},
	[ACTION_AUDIT_READ] = {"audit.read", HQ | R(ROLE_BRANCH_MANAGER)},
};

const char *role_name(enum role r)
{
	return r < ROLE__MAX ? roles[r].name : "unknown";
}

const char *role_label(enum role r)
{
	return r < ROLE__MAX ? roles[r].label : "Unknown";
}

int role_from_name(const char *name)
{
	for (int r = 0; r < ROLE__MAX; r++)
		if (name && strcmp(roles[r].name, name) == 0)
			return r;
	return -1;
}

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
