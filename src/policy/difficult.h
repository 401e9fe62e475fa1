/* CS-DIFFICULT: who may take a difficult situation, incident or complaint. */
#ifndef POLICY_DIFFICULT_H
#define POLICY_DIFFICULT_H
#include <stdbool.h>
#include <stddef.h>

#include "policy/duty.h"

struct difficult_verdict {
	bool allowed;
	bool must_contact_hq;	    /* a substitute handling it with no permanent staff on */
	bool notify_branch_manager; /* the branch's own manager is not on duty there: tell her */
	bool fetch;		    /* refused: the handler fetches the person in charge instead */
	const char *reason;	    /* why, when refused */
};

/* Could a person in role r ever take a difficult case? Volunteers and pages never. */
bool difficult_role_may_ever(enum role r);
/* May a person in role handler take a difficult case at a branch where duty[0..n) are on?
 * The branch's own branch manager is to be notified whenever she is not on duty there,
 * whoever takes it (CS-INCHARGE). */
struct difficult_verdict difficult_may_handle(enum role handler, const struct on_duty *duty,
					      size_t n);

#endif
