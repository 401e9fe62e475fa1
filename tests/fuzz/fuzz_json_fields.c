/* libFuzzer: request bodies through JSON parsing and req_input, the input-table check every
 * API handler starts with, nested objects and lists of objects included. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_person {
	const char *name;
	enum person_kind kind;
};

struct body {
	const char *branch, *note;
	int accepted;
	int64_t visit;
	struct fuzz_person *people;
	size_t npeople;
	struct fuzz_person *lead;
};

#define P(m) .offset = offsetof(struct fuzz_person, m)
static const struct input_field person_fields[] = {
	{"name", "Name", INPUT_TEXT, true, 1, 100, P(name)},
	{"kind", "Kind", INPUT_ENUM, true, .vocab = &vocab_person_kind, P(kind)},
};
static const struct input_table person_table = INPUT_TABLE_OF(person_fields, struct fuzz_person);

#define B(m) .offset = offsetof(struct body, m)
static const struct input_field fields[] = {
	{"branch", "Branch", INPUT_TEXT, true, 1, 16, B(branch)},
	{"note", "Note", INPUT_LINES, false, 0, 500, B(note)},
	{"accepted", "Accepted", INPUT_ANSWER, false, B(accepted)},
	{"visit", "Visit", INPUT_ID, false, B(visit)},
	{"people", "People", INPUT_LIST, false, 0, 50, .table = &person_table, B(people),
	 .count = offsetof(struct body, npeople)},
	{"lead", "Lead", INPUT_OBJECT, false, .table = &person_table, B(lead)},
};
static const struct input_table table = INPUT_TABLE(fields);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct body b;
	struct fd_error err = {0};
	struct request r;
	memset(&r, 0, sizeof r);
	arena_init(&r.arena);
	json_error_t jerr;
	r.json = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (req_input(&r, &table, &b, &err) == 0) {
		/* Required, and at most 16 characters of at most 4 bytes. */
		if (!b.branch || strlen(b.branch) > 16 * 4 || b.npeople > 50 ||
		    (b.npeople && !b.people))
			abort();
		for (size_t k = 0; k < b.npeople; k++)
			if (!b.people[k].name || b.people[k].kind >= PERSON_KIND__MAX)
				abort();
	} else if (!err.message[0]) {
		abort(); /* every refusal says why */
	}
	arena_free(&r.arena);
	json_decref(r.json);
	return 0;
}
