/* The incident report as a printed document (cairo + pango). */
#ifndef NOTIFY_PDF_H
#define NOTIFY_PDF_H

#include "base/buf.h"
#include "base/error.h"
#include "service/printout.h"

/* Renders the report on its branch's letterhead, with its people, attachments, signature
 * block (and QR code) and addenda, a footer on every page, into out. */
int pdf_incident(const struct incident_printout *p, struct buf *out, struct fd_error *err);

/* Frees the font caches pango and fontconfig keep for the process (at exit). */
void pdf_shutdown(void);

#endif
