/* A report's photos and documents on its page, and the draft's form that adds one. */
#ifndef PAGES_INCIDENT_FILES_H
#define PAGES_INCIDENT_FILES_H
#include <stdbool.h>

#include "http/request.h"
#include "service/incident.h"

/* The files listed (photos as thumbnails); on a draft the reader may finish, the upload form. */
void incident_files_section(struct request *r, const struct incident_view *v, bool may_add);

#endif
