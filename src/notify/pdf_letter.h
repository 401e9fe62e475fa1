/* The trespass letter to a customer banned from the library's buildings, as a PDF on the
 * issuing branch's letterhead. */
#ifndef NOTIFY_PDF_LETTER_H
#define NOTIFY_PDF_LETTER_H

#include "base/buf.h"
#include "base/error.h"
#include "service/printout.h"

/* Renders the letter (the customer's name, never the card number) into out. */
int pdf_trespass_letter(const struct trespass_letter *l, struct buf *out, struct fd_error *err);

#endif
