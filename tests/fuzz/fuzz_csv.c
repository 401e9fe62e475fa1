/* libFuzzer: the CSV writer. Whatever the text, the row reads back (RFC 4180) as exactly that
 * cell, behind an apostrophe when it could start a formula, and nothing else. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the first cell of an RFC 4180 row into out; returns where it stopped. */
static const char *read_cell(const char *p, struct buf *out)
{
	if (*p != '"') {
		size_t n = strcspn(p, ",\r\n");
		buf_append(out, p, n);
		return p + n;
	}
	for (p++; *p; p++) {
		if (*p == '"' && p[1] == '"')
			buf_putc(out, *p++);
		else if (*p == '"')
			return p + 1;
		else
			buf_putc(out, *p);
	}
	abort(); /* an unterminated quote */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct buf row = BUF_INIT, cell = BUF_INIT;
	struct csv c = {.out = &row};
	csv_text(&c, text);
	csv_end_row(&c);
	const char *rest = read_cell(buf_str(&row), &cell);
	if (strcmp(rest, "\r\n") != 0)
		abort(); /* the cell leaked into another cell or row */
	const char *got = buf_str(&cell);
	bool formula = text[0] && strchr("=+-@\t\r", text[0]);
	if (formula ? got[0] != '\'' || strcmp(got + 1, text) : strcmp(got, text))
		abort();
	buf_free(&row);
	buf_free(&cell);
	free(text);
	return 0;
}
