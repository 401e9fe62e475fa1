/* CS-DIFFICULT as one decision over the handler's role and who else is on duty. */
#include "policy/difficult.h"

static bool any_on(const struct on_duty *duty, size_t n, bool (*pred)(enum role))
{
	for (size_t i = 0; i < n; i++)
		if (pred(duty[i].role))
			return true;
	return false;
}

/* Is the branch's own manager among those on duty? A visiting one does not count. */
static bool own_manager_on(const struct on_duty *duty, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (duty[i].role == ROLE_BRANCH_MANAGER && duty[i].home)
			return true;
	return false;
}

bool difficult_role_may_ever(enum role r)
{
	return r < ROLE__MAX && r != ROLE_VOLUNTEER && r != ROLE_PAGE;
}

struct difficult_verdict difficult_may_handle(enum role handler, const struct on_duty *duty,
					      size_t n)
{
	struct difficult_verdict v = {0};
	bool permanent_on = any_on(duty, n, role_is_permanent);
	v.notify_branch_manager = !own_manager_on(duty, n);
	if (handler >= ROLE__MAX) {
		v.reason = "unknown role";
	} else if (!difficult_role_may_ever(handler)) {
		v.reason = "volunteers and pages do not handle difficult situations, incidents or "
			   "complaints: direct it to the person in charge";
	} else if (handler == ROLE_SUBSTITUTE && permanent_on) {
		v.reason = "a substitute handles this only when no permanent staff member is on "
			   "duty: direct it to the person in charge";
	} else {
		v.allowed = true;
		v.must_contact_hq = handler == ROLE_SUBSTITUTE;
	}
	return v;
}
