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
static const char *const tour_names[TOUR__MAX] = {NULL, "offered", "given", "declined"};

static int from_name(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (name && names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

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

const char *channel_name(enum channel c)
{
	return c < CHANNEL__MAX ? channel_names[c] : "unknown";
}

int channel_from_name(const char *name)
{
	return from_name(channel_names, CHANNEL__MAX, name);
}

const char *visit_state_name(enum visit_state s)
{
	return s < VISIT_STATE__MAX ? state_names[s] : "unknown";
}

int visit_state_from_name(const char *name)
{
	return from_name(state_names, VISIT_STATE__MAX, name);
}

const char *tour_outcome_name(enum tour_outcome t)
{
	return t < TOUR__MAX ? tour_names[t] : NULL;
}

int tour_outcome_from_name(const char *name)
{
	return from_name(tour_names, TOUR__MAX, name);
}
