/* libFuzzer: request bodies through JSON parsing and the declared-field check every API
 * handler starts with. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct field fields[] = {
		{"branch", FIELD_STRING, true, 16}, {"note", FIELD_STRING, false, 500},
		{"accepted", FIELD_BOOL, false, 0}, {"visit", FIELD_INT, false, 0},
		{"people", FIELD_ARRAY, false, 50},
	};
	struct field_value v[5];
	struct fd_error err = {0};
	struct request r;
	memset(&r, 0, sizeof r);
	json_error_t jerr;
	r.json = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (r.json && json_is_object(r.json) && req_fields(&r, fields, 5, v, &err) == 0) {
		if (!v[0].s || strlen(v[0].s) > 16 * 4) /* required, and at most 16 characters */
			abort();
	}
	json_decref(r.json);
	return 0;
}
