/* The one CSV writer: every cell goes through csv_text or a number writer. */
#include "base/csv.h"

#include <string.h>

static void separate(struct csv *c)
{
	if (c->in_row)
		buf_putc(c->out, ',');
	c->in_row = true;
}

void csv_text(struct csv *c, const char *s)
{
	separate(c);
	if (!s)
		return;
	bool formula = s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = formula || s[strcspn(s, ",\"\r\n")];
	if (quote)
		buf_putc(c->out, '"');
	if (formula)
		buf_putc(c->out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(c->out, '"');
		buf_putc(c->out, *p);
	}
	if (quote)
		buf_putc(c->out, '"');
}

void csv_int(struct csv *c, int64_t v)
{
	separate(c);
	buf_printf(c->out, "%lld", (long long)v);
}

void csv_figure(struct csv *c, double v)
{
	separate(c);
	if (v >= 0)
		buf_printf(c->out, "%.1f", v);
}

void csv_end_row(struct csv *c)
{
	buf_puts(c->out, "\r\n");
	c->in_row = false;
}
