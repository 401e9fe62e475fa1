/* CS-JUDGE: who may record a judgement call at a branch, and how. Pure function. */
#ifndef POLICY_JUDGEMENT_H
#define POLICY_JUDGEMENT_H
#include <stdbool.h>

#include "base/vocab.h"

struct judge_facts {
	enum role role;
	bool home;		       /* the branch is the decider's own */
	bool on_duty_here;	       /* clocked on at the branch now */
	bool own_manager_on_duty;      /* the branch's own branch manager is on duty there */
	bool by_phone;		       /* says she decided by phone, away from the branch */
	bool branch_manager_reachable; /* an assistant librarian says she reached her */
	bool hq_reachable;	       /* Headquarters could be consulted */
};

struct judge_verdict {
	bool allowed;
	bool by_phone;	    /* recorded as decided by phone, off site */
	const char *reason; /* why, when refused */
};

/* The branch's own branch manager decides, on duty there or by phone from elsewhere; when
 * she is not on duty there and cannot be reached, the branch's own assistant librarian. Only
 * when Headquarters cannot be consulted. */
struct judge_verdict judgement_may_decide(const struct judge_facts *f);

#endif
