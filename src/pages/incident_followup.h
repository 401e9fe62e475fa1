/* The "Follow-up" section of a signed incident report's page: Headquarters' review, the
 * follow-up tasks and the closing, with the forms the reader may use. */
#ifndef PAGES_INCIDENT_FOLLOWUP_H
#define PAGES_INCIDENT_FOLLOWUP_H

#include "http/request.h"
#include "service/incident.h"

/* Writes the section for report v (nothing for a draft: it is followed up once signed). */
void incident_followup_section(struct request *r, const struct incident_view *v);

#endif
