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

/* Lower is more senior in charge; -1 means the person never takes charge of a branch. The
 * branch's own manager and assistant librarian come before visiting ones (CS-INCHARGE). */
static int charge_rank(const struct on_duty *d)
{
	switch (d->role) {
	case ROLE_BRANCH_MANAGER: return d->home ? 0 : 2;
	case ROLE_ASSISTANT_LIBRARIAN: return d->home ? 1 : 3;
	case ROLE_STAFF: return 4;
	case ROLE_SUBSTITUTE: return 5;
	default:
		/* Volunteers and pages never; HQ roles are Headquarters, not the branch. */
		return -1;
	}
}

static bool outranks(const struct on_duty *a, const struct on_duty *b)
{
	int ra = charge_rank(a), rb = charge_rank(b);
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
		if (charge_rank(&duty[i]) < 0)
			continue;
		if (out.index < 0 || outranks(&duty[i], &duty[out.index]))
			out.index = (int)i;
	}
	if (out.index >= 0) {
		bool substitute = duty[out.index].role == ROLE_SUBSTITUTE;
		out.level = substitute ? CHARGE_SUBSTITUTE : CHARGE_BRANCH;
		out.must_contact_hq = substitute;
	}
	return out;
}
