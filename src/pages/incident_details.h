/* An incident report's details on its page: when, where, the police and the people, shown,
 * and the draft's "write the report" form that changes them (times on the branch's clock). */
#ifndef PAGES_INCIDENT_DETAILS_H
#define PAGES_INCIDENT_DETAILS_H

#include "http/request.h"
#include "service/incident.h"

/* The local date ("2026-11-30") and time of day ("14:30") of t in zone, as the date and time
 * pickers take them. */
void incident_picker_values(const char *zone, int64_t t, char date[11], char time[6]);
/* The date and time pickers for name ("occurred", "discovered") prefilled with t (0: blank). */
void incident_clock_fields(struct request *r, const char *name, const char *label, const char *zone,
			   int64_t t, bool required);
/* The details as read: times, place, police and the people. */
void incident_details_show(struct request *r, const struct incident *i, const char *zone);
/* The draft's form: the facts, the people with removing one and adding one. */
void incident_details_form(struct request *r, const struct incident *i, const char *zone);

#endif
