/* Headquarters' follow-up of a report in the report's JSON, and the report as the answer of
 * each follow-up route (api_incident_followup.c, api_incident.c). */
#ifndef API_INCIDENT_FOLLOWUP_JSON_H
#define API_INCIDENT_FOLLOWUP_JSON_H
#include <jansson.h>

#include "http/request.h"
#include "service/incident.h"

/* Sets j's "review" ({at, by, note} or null), "tasks" ([...]) and "closed" (likewise). */
void json_followup_set(json_t *j, const struct incident_followup *f);
/* The report v with status, or the refusal in err when rc is not 0 (api_incident.c). */
void api_incident_answer(struct request *r, int rc, int status, const struct incident_view *v,
			 const struct fd_error *err);

#endif
