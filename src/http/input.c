/* Reading a request through an input table: JSON members and form fields become the (name,
 * text) pairs base/input checks and stores. */
#include "http/input.h"

#include <jansson.h>
#include <string.h>

#include "base/text.h"

/* The member's value as the input layer reads it, after checking its JSON type. */
static int member_text(struct request *r, const struct input_field *f, const char *name, json_t *v,
		       const char **text, struct fd_error *err)
{
	if (input_is_text(f->type)) {
		if (!json_is_string(v))
			return fd_fail_field(err, name, "%s must be a string", name);
		/* jansson saw to the UTF-8; NUL ("\u0000") and other controls are ours. */
		if (text_check(name, json_string_value(v), json_string_length(v), true, err))
			return -1;
		*text = json_string_value(v);
	} else if (f->type == INPUT_BOOL || f->type == INPUT_ANSWER) {
		if (!json_is_boolean(v))
			return fd_fail_field(err, name, "%s must be true or false", name);
		*text = json_is_true(v) ? "true" : "false";
	} else {
		if (!json_is_integer(v))
			return fd_fail_field(err, name, "%s must be a whole number", name);
		*text = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	}
	return 0;
}

int req_input(struct request *r, const struct input_table *t, void *out, struct fd_error *err)
{
	if (!r->json || !json_is_object(r->json)) {
		input_reset(t, out);
		return fd_fail(err, FD_EBADJSON, "the body must be a JSON object");
	}
	struct input_pair *pairs =
		arena_alloc(&r->arena, (json_object_size(r->json) + 1) * sizeof *pairs);
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v)
	{
		const struct input_field *f = input_find(t, key);
		if (!f) {
			input_reset(t, out);
			return fd_fail_field(err, key, "unknown field '%s'", key);
		}
		if (json_is_null(v))
			continue; /* null is the same as absent */
		pairs[n].name = key;
		if (member_text(r, f, key, v, &pairs[n].text, err)) {
			input_reset(t, out);
			return -1;
		}
		n++;
	}
	return input_fill(t, pairs, n, false, out, err);
}

int req_form_input(struct request *r, const struct input_table *t, void *out, struct fd_error *err)
{
	struct input_pair *pairs = arena_alloc(&r->arena, (t->n + 1) * sizeof *pairs);
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct input_field *f = &t->fields[i];
		const char *v = req_form(r, f->name);
		/* A checkbox is sent ("on") when ticked, and not at all when not. */
		if (f->type == INPUT_BOOL)
			v = v && *v && strcmp(v, "false") != 0 ? "true" : "false";
		if (!v || !*v)
			continue;
		pairs[n++] = (struct input_pair){f->name, v};
	}
	return input_fill(t, pairs, n, true, out, err);
}
