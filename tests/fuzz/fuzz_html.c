/* libFuzzer: the HTML writer; whatever the text, no markup character survives unescaped, a
 * URL part holds nothing HTML or a URL treats as syntax, and cutting text to a precision
 * never leaves half an entity. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct arena a;
	arena_init(&a);
	struct buf b = BUF_INIT, u = BUF_INIT;
	int cut = size ? data[0] % 16 : 0;
	html_printf(&b, "%s|%.*s|%-8c|%5.1f", text, cut, text, size ? text[size - 1] : 'x',
		    (double)size / 3);
	const char *part = html_url_part(&a, text);
	html_printf(&u, "%s", part);
	if (strpbrk(buf_str(&b), "<>\"'") || strpbrk(part, "<>\"'&/?# ") ||
	    strcmp(buf_str(&u), part) != 0)
		abort();
	/* Every '&' left in the page starts a whole entity. */
	for (const char *amp = strchr(buf_str(&b), '&'); amp; amp = strchr(amp + 1, '&'))
		if (strncmp(amp, "&amp;", 5) && strncmp(amp, "&lt;", 4) &&
		    strncmp(amp, "&gt;", 4) && strncmp(amp, "&quot;", 6) &&
		    strncmp(amp, "&#39;", 5))
			abort();
	buf_free(&b);
	buf_free(&u);
	arena_free(&a);
	free(text);
	return 0;
}
