/* Who is on duty at a branch, as the pure policy functions see it. */
#ifndef POLICY_DUTY_H
#define POLICY_DUTY_H
#include <stdbool.h>
#include <stdint.h>

#include "policy/role.h"

struct on_duty {
	enum role role;
	int64_t service_start_day; /* days since 1970 the person joined: lower = longer serving */
	int64_t on_at;		   /* when they clocked on */
	bool home;		   /* the branch is their home branch (CS-INCHARGE: "X's own") */
};

#endif
