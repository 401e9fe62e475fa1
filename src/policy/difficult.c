/* CS-DIFFICULT as one decision over the handler's role and who else is on duty. */
#include "policy/difficult.h"

#include "policy/in_charge.h"

bool difficult_role_may_ever(enum role r)
{
	return r < ROLE__MAX && r != ROLE_VOLUNTEER && r != ROLE_PAGE;
}

struct difficult_verdict difficult_may_handle(enum role handler, const struct on_duty *duty,
					      size_t n)
{
	struct difficult_verdict v = {0};
	v.notify_branch_manager = !in_charge_own_manager_on(duty, n);
	if (handler >= ROLE__MAX) {
		v.reason = "Unknown role";
	} else if (!difficult_role_may_ever(handler)) {
		v.fetch = true;
		v.reason = "Volunteers and pages do not handle difficult situations, incidents or "
			   "complaints: fetch the person in charge";
	} else if (handler == ROLE_SUBSTITUTE && in_charge_permanent_on(duty, n)) {
		v.fetch = true;
		v.reason = "A substitute handles this only when no permanent staff member is on "
			   "duty: fetch the person in charge";
	} else {
		v.allowed = true;
		v.must_contact_hq = handler == ROLE_SUBSTITUTE;
	}
	return v;
}
