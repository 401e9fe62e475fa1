/* libFuzzer: request paths against the route table; a match must rebuild the path exactly
 * from its pattern and captured segments, and no segment may hold a slash or be empty. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "http/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	enum http_method method = (enum http_method)(data[0] % (HTTP_OTHER + 1));
	char *path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	struct arena a;
	arena_init(&a);
	const char *params[REQ_MAX_PARAMS] = {0};
	bool known;
	const struct route *r = routes_match(method, path, params, &a, &known);
	if (r) {
		if (r->method != method || !known)
			abort();
		struct buf rebuilt = {0};
		int np = 0;
		for (const char *p = r->pattern; *p; p++) {
			if (*p != '*') {
				buf_putc(&rebuilt, *p);
				continue;
			}
			const char *seg = params[np++];
			if (!seg || !*seg || strchr(seg, '/'))
				abort();
			buf_puts(&rebuilt, seg);
		}
		if (strcmp(buf_str(&rebuilt), path) != 0)
			abort();
		buf_free(&rebuilt);
	}
	arena_free(&a);
	free(path);
	return 0;
}
