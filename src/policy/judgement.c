/* CS-JUDGE as one decision. */
#include "policy/judgement.h"

static struct judge_verdict refuse(const char *reason)
{
	return (struct judge_verdict){.reason = reason};
}

/* She is at the branch, or says she decided by phone. */
static struct judge_verdict in_person_or_phone(const struct judge_facts *f)
{
	if (f->on_duty_here)
		return (struct judge_verdict){.allowed = true};
	if (f->by_phone)
		return (struct judge_verdict){.allowed = true, .by_phone = true};
	return refuse("You are not on duty at this branch: record that you decided "
		      "by phone");
}

struct judge_verdict judgement_may_decide(const struct judge_facts *f)
{
	if (f->hq_reachable)
		return refuse("Headquarters can be reached: consult them instead of "
			      "making a judgement call");
	if (f->role == ROLE_BRANCH_MANAGER && f->home)
		return in_person_or_phone(f);
	if (f->role == ROLE_ASSISTANT_LIBRARIAN && f->home) {
		if (f->own_manager_on_duty)
			return refuse("The branch manager is here: she makes the judgement call");
		if (f->branch_manager_reachable)
			return refuse("The branch manager can be reached: she makes the "
				      "judgement call, by phone if she is away");
		return in_person_or_phone(f);
	}
	return refuse("Only the branch's own branch manager makes a judgement call, or its "
		      "assistant librarian when she cannot be reached");
}
