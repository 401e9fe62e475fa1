/* libFuzzer: the HTML writer; whatever the text, no markup character survives unescaped. */
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
	struct buf b = BUF_INIT, u = BUF_INIT;
	html_printf(&b, "%s", text);
	html_url_escape(&u, text);
	if (strpbrk(buf_str(&b), "<>\"'") || strpbrk(buf_str(&u), "<>\"'&/?# "))
		abort();
	buf_free(&b);
	buf_free(&u);
	free(text);
	return 0;
}
