/* CS-INCIDENT and CS-INSURANCE: when an incident report may be signed, and when it is late.
 * Pure functions. */
#ifndef POLICY_INCIDENT_H
#define POLICY_INCIDENT_H
#include <stdbool.h>
#include <stdint.h>

#include "base/vocab.h"

struct incident_facts {
	enum incident_category category;
	bool signed_already;
	bool hq_notified; /* the verbal report to Headquarters is recorded */
	bool business_manager_contacted;
	bool narrative_written;
};

/* May the report be signed now? When not, *rule names the clause and *why says what to do. */
bool incident_may_sign(const struct incident_facts *f, const char **rule, const char **why);
/* CS-INCIDENT: the instant whose day (branch time) the signed report is due by the end of:
 * when it was discovered, for one found later (discovered_at, 0: not given), else when it
 * happened. */
int64_t incident_due_day_of(int64_t occurred_at, int64_t discovered_at);
/* A discovery is no earlier than what was discovered and not in the future (a five-minute
 * allowance for clocks); when not, *why says so in plain words. */
bool incident_discovery_ok(int64_t occurred_at, int64_t discovered_at, int64_t now,
			   const char **why);
/* CS-INCIDENT: the signed report is due by the end of that day (branch time). */
bool incident_overdue(bool signed_on_time, int64_t end_of_day, int64_t now);
/* The instruction the form shows for an injury (CS-INSURANCE); NULL for other categories. */
const char *incident_instruction(enum incident_category c);

#endif
