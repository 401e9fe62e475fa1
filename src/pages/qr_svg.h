/* A QR code as inline SVG, drawn from libqrencode's matrix: black modules on white with the
 * quiet zone the standard asks for, scaling to the box it is put in, printable as it is. */
#ifndef PAGES_QR_SVG_H
#define PAGES_QR_SVG_H

#include "base/buf.h"
#include "base/error.h"

/* Appends <svg role="img"> of text to b, labelled label (escaped here). */
int qr_svg(struct buf *b, const char *text, const char *label, struct fd_error *err);

#endif
