/* A report's page after its text: its signature and deliveries once signed (incident_signed.c),
 * and its photos and documents with, on a draft, the form that adds one (incident_files.c). */
#ifndef PAGES_INCIDENT_SIGNED_H
#define PAGES_INCIDENT_SIGNED_H
#include <stdbool.h>

#include "http/request.h"
#include "service/incident.h"

/* may_add: the reader may finish the draft (incident_offer's finish), so may add a file. */
void incident_signed_section(struct request *r, const struct incident_view *v, bool may_add);

#endif
