/* CSV as RFC 4180 says (quoted when needed, CRLF rows), safe to open in a spreadsheet. */
#ifndef BASE_CSV_H
#define BASE_CSV_H
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

struct csv {
	struct buf *out;
	bool in_row; /* a cell was written on this row: the next one needs a comma */
};

/* Text: quoted when it holds a comma, quote or line break; a cell a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP CSV injection). */
void csv_text(struct csv *c, const char *s);
void csv_int(struct csv *c, int64_t v);
/* A figure with one decimal; an empty cell when v < 0 (nothing to count). */
void csv_figure(struct csv *c, double v);
void csv_end_row(struct csv *c);

#endif
