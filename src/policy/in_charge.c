/* CS-INCHARGE as a ranking over the people on duty at one branch. */
#include "policy/in_charge.h"

static const char *const level_names[CHARGE__MAX] = {
	[CHARGE_BRANCH] = "branch",
	[CHARGE_SUBSTITUTE] = "substitute",
	[CHARGE_HEADQUARTERS] = "headquarters",
};

const char *charge_level_name(enum charge_level level)
{
	return level < CHARGE__MAX ? level_names[level] : "headquarters";
}

enum rank {
	RANK_OWN_MANAGER,   /* the branch's own branch manager */
	RANK_OWN_ASSISTANT, /* the branch's own assistant librarian */
	RANK_VISITING,	    /* a manager from another branch, or Headquarters in person */
	RANK_STAFF,	    /* permanent staff, of this branch or another */
	RANK_SUBSTITUTE,
	RANK_NEVER /* volunteers and pages never take charge */
};

static enum rank rank_of(const struct on_duty *d)
{
	if (role_is_headquarters(d->role))
		return RANK_VISITING;
	switch (d->role) {
	case ROLE_BRANCH_MANAGER: return d->home ? RANK_OWN_MANAGER : RANK_VISITING;
	case ROLE_ASSISTANT_LIBRARIAN: return d->home ? RANK_OWN_ASSISTANT : RANK_VISITING;
	case ROLE_STAFF: return RANK_STAFF;
	case ROLE_SUBSTITUTE: return RANK_SUBSTITUTE;
	default: return RANK_NEVER;
	}
}

static bool outranks(const struct on_duty *a, const struct on_duty *b)
{
	enum rank ra = rank_of(a), rb = rank_of(b);
	if (ra != rb)
		return ra < rb;
	if (a->service_start_day != b->service_start_day)
		return a->service_start_day < b->service_start_day;
	return a->on_at < b->on_at;
}

struct in_charge in_charge_compute(const struct on_duty *duty, size_t n)
{
	struct in_charge out = {.index = -1, .level = CHARGE_HEADQUARTERS, .must_contact_hq = true};
	for (size_t i = 0; i < n; i++) {
		if (rank_of(&duty[i]) == RANK_NEVER)
			continue;
		if (out.index < 0 || outranks(&duty[i], &duty[out.index]))
			out.index = (int)i;
	}
	if (out.index >= 0) {
		bool substitute = rank_of(&duty[out.index]) == RANK_SUBSTITUTE;
		out.level = substitute ? CHARGE_SUBSTITUTE : CHARGE_BRANCH;
		out.must_contact_hq = substitute;
	}
	return out;
}

bool in_charge_permanent_on(const struct on_duty *duty, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rank_of(&duty[i]) < RANK_SUBSTITUTE)
			return true;
	return false;
}

bool in_charge_own_manager_on(const struct on_duty *duty, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rank_of(&duty[i]) == RANK_OWN_MANAGER)
			return true;
	return false;
}
