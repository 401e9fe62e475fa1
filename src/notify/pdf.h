/* The incident report as a printable PDF form (cairo + pango). */
#ifndef NOTIFY_PDF_H
#define NOTIFY_PDF_H

#include "base/buf.h"
#include "base/error.h"
#include "service/incident.h"

/* Renders the report, with its people, addenda and signature block, into out. */
int pdf_incident(const struct incident_view *v, struct buf *out, struct fd_error *err);

/* Frees the font caches pango and fontconfig keep for the process (at exit). */
void pdf_shutdown(void);

#endif
