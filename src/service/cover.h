/* Branches Headquarters covers now (CS-INCHARGE, CS-DIFFICULT): open or staffed, with nobody
 * above a substitute on duty, so their difficult cases come to Headquarters. */
#ifndef SERVICE_COVER_H
#define SERVICE_COVER_H
#include <stddef.h>

#include "policy/in_charge.h"
#include "service/svc.h"

struct cover {
	const char *branch_code, *branch_name, *branch_phone;
	enum charge_level level; /* CHARGE_SUBSTITUTE: one alone; CHARGE_HEADQUARTERS: nobody */
	const char *substitute;	 /* her name when a substitute is in charge, else NULL */
	size_t on_duty;		 /* how many are clocked on there (volunteers and pages too) */
	bool open_now;
};

/* For Headquarters roles (ACTION_HQ_REVIEW): the branches, other than Headquarters itself,
 * that are open now or have someone on duty and have no permanent staff member on duty. */
int cover_list(struct svc *s, struct cover **out, size_t *n, struct fd_error *err);

#endif
