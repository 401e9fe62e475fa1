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

/* The branch's own manager, else its own assistant librarian, else a visiting branch manager,
 * else a visiting assistant librarian, else the longest-serving permanent staff member, else a
 * substitute, else Headquarters. Ties go to the longer serving, then the earlier on. */
struct in_charge in_charge_compute(const struct on_duty *duty, size_t n);
const char *charge_level_name(enum charge_level level);

#endif
