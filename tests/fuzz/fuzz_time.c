/* libFuzzer: RFC 3339 times from requests; a parsed time must print and parse back equal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	int64_t t, back;
	if (timefmt_parse_rfc3339(text, &t) == 0 && t >= 0 && t < 253402300800LL) {
		char s[RFC3339_LEN];
		timefmt_rfc3339(t, s);
		if (timefmt_parse_rfc3339(s, &back) != 0 || back != t)
			abort();
	}
	free(text);
	return 0;
}
