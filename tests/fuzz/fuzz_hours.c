/* libFuzzer: opening-hours text, parsed and formatted back; the canonical form must parse to
 * the same hours. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/hours.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct week_hours h, again;
	struct fd_error err = {0};
	if (hours_parse(text, &h, &err) == 0) {
		struct buf b = BUF_INIT;
		hours_format(&h, &b);
		if (hours_parse(buf_str(&b), &again, &err) != 0 ||
		    memcmp(&h, &again, sizeof h) != 0)
			abort(); /* the canonical form must mean the same hours */
		buf_free(&b);
	}
	free(text);
	return 0;
}
