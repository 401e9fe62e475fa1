/* gzip for text answers (zlib's deflate in a gzip wrapper), and whether a client's
 * Accept-Encoding allows it. */
#ifndef HTTP_GZIP_H
#define HTTP_GZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Below this a gzipped answer saves less than the work and the header cost. */
#define GZIP_MIN_BYTES 1024

/* Whether an Accept-Encoding header allows gzip: listed (or x-gzip, or *) with a q-value
 * above zero, "gzip;q=0" refusing it; NULL (no header) does not. */
bool gzip_accepted(const char *accept_encoding);
/* Whether a body of this Content-Type is text worth gzipping: HTML, JSON, CSS, JS, CSV, SVG,
 * calendars; never the event stream, nor what is compressed already (PDF, PNG, JPEG). */
bool gzip_compressible(const char *content_type);
/* Appends the gzip of data[0..len) to out. */
void gzip_compress(const void *data, size_t len, struct buf *out);

#endif
