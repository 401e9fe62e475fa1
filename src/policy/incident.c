/* CS-INCIDENT and CS-INSURANCE for incident reports; who may handle one at all is
 * CS-DIFFICULT's (policy/difficult.c), asked before any of these. */
#include "policy/incident.h"

#include <stddef.h>

bool incident_may_sign(const struct incident_facts *f, const char **rule, const char **why)
{
	*rule = NULL;
	*why = NULL;
	if (f->signed_already) {
		*why = "the report is signed already: add an addendum instead";
	} else if (!f->narrative_written) {
		*rule = "CS-INCIDENT";
		*why = "write what happened before signing";
	} else if (!f->hq_notified) {
		*rule = "CS-INCIDENT";
		*why = "Headquarters must have the verbal report first: record who at Headquarters "
		       "took it";
	} else if (f->category == INCIDENT_INJURY && !f->business_manager_contacted) {
		*rule = "CS-INSURANCE";
		*why = "in an injury, contact the Business Manager (and give out no insurance "
		       "information) before signing";
	}
	return *why == NULL;
}

int64_t incident_due_day_of(int64_t occurred_at, int64_t discovered_at)
{
	return discovered_at > occurred_at ? discovered_at : occurred_at;
}

bool incident_discovery_ok(int64_t occurred_at, int64_t discovered_at, int64_t now,
			   const char **why)
{
	*why = NULL;
	if (!discovered_at)
		return true;
	if (discovered_at < occurred_at)
		*why = "It cannot have been discovered before it happened: give a discovery time "
		       "at or after when it happened.";
	else if (discovered_at > now + 300)
		*why = "The discovery time is still to come: give the time it was discovered.";
	return *why == NULL;
}

bool incident_overdue(bool signed_on_time, int64_t end_of_day, int64_t now)
{
	return !signed_on_time && now >= end_of_day;
}

const char *incident_instruction(enum incident_category c)
{
	return c == INCIDENT_INJURY ? "Give out no insurance information; contact the Business "
				      "Manager (CS-INSURANCE)."
				    : NULL;
}
