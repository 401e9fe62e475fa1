/* CS-INCHARGE: who is in charge at a branch now, from who is on duty there. */
#ifndef POLICY_IN_CHARGE_H
#define POLICY_IN_CHARGE_H
#include <stdbool.h>
#include <stddef.h>

#include "policy/duty.h"

enum charge_level { CHARGE_BRANCH, CHARGE_SUBSTITUTE, CHARGE_HEADQUARTERS, CHARGE__MAX };

struct in_charge {
	int index; /* into the on-duty array; -1 when Headquarters is in charge */
	enum charge_level level;
	bool must_contact_hq; /* CS-DIFFICULT: a substitute alone, or nobody, contacts HQ */
};

/* At a branch X: X's own branch manager; else X's own assistant librarian; else a visiting
 * branch manager or assistant librarian, or a Headquarters role clocked on at X; else the
 * longest-serving permanent staff member; else a substitute; else Headquarters. Within a
 * rank the longer serving, then the earlier on. */
struct in_charge in_charge_compute(const struct on_duty *duty, size_t n);
const char *charge_level_name(enum charge_level level);
/* CS-DIFFICULT: is anyone on duty who ranks above a substitute (permanent staff, or a
 * Headquarters role clocked on at the branch)? */
bool in_charge_permanent_on(const struct on_duty *duty, size_t n);
/* CS-INCHARGE: is the branch's own branch manager on duty there? */
bool in_charge_own_manager_on(const struct on_duty *duty, size_t n);

#endif
