/* Reading a request through an input table: JSON members and form fields become the (name,
 * text) pairs base/input checks and stores. */
#include "http/input.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"

/* The member's value as the input layer reads it, after checking its JSON type; shown is the
 * member as messages say it ("people[0].name"). Objects and lists carry no text. */
static int member_text(struct request *r, const struct input_field *f, const char *shown, json_t *v,
		       const char **text, struct fd_error *err)
{
	*text = NULL;
	if (f->type == INPUT_OBJECT) {
		if (!json_is_object(v))
			return fd_fail_field(err, f->name, "%s must be an object", shown);
	} else if (f->type == INPUT_LIST) {
		if (!json_is_array(v) || json_array_size(v) > (size_t)f->max)
			return fd_fail_field(err, f->name, "%s must be a list of at most %d", shown,
					     f->max);
	} else if (input_is_text(f->type)) {
		if (!json_is_string(v))
			return fd_fail_field(err, f->name, "%s must be a string", shown);
		/* jansson saw to the UTF-8; NUL ("\u0000") and other controls are ours. */
		if (text_check(shown, json_string_value(v), json_string_length(v), true, err)) {
			snprintf(err->field, sizeof err->field, "%s", f->name);
			return -1;
		}
		*text = json_string_value(v);
	} else if (f->type == INPUT_BOOL || f->type == INPUT_ANSWER) {
		if (!json_is_boolean(v))
			return fd_fail_field(err, f->name, "%s must be true or false", shown);
		*text = json_is_true(v) ? "true" : "false";
	} else {
		if (!json_is_integer(v))
			return fd_fail_field(err, f->name, "%s must be a whole number", shown);
		*text = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	}
	return 0;
}

static int fill_object(struct request *r, json_t *obj, const struct input_table *t,
		       const struct input_at *at, void *out, struct fd_error *err);

/* Where an inner object's fields are: "people" and "people[2]" inside at. */
static struct input_at inner_at(struct request *r, const struct input_at *at, const char *name,
				long index)
{
	struct input_at in = {name, name};
	if (at) {
		in.field = arena_printf(&r->arena, "%s.%s", at->field, name);
		in.shown = arena_printf(&r->arena, "%s.%s", at->shown, name);
	}
	if (index >= 0)
		in.shown = arena_printf(&r->arena, "%s[%ld]", in.shown, index);
	return in;
}

/* An INPUT_OBJECT's or INPUT_LIST's value, each object read through the field's table into
 * structs from the arena. */
static int fill_nested(struct request *r, const struct input_field *f, json_t *v,
		       const struct input_at *at, void *out, struct fd_error *err)
{
	const struct input_table *t = input_nested(f);
	char *where = (char *)out + f->offset;
	if (f->type == INPUT_OBJECT) {
		void *one = arena_alloc(&r->arena, t->size);
		struct input_at in = inner_at(r, at, f->name, -1);
		memcpy(where, &one, sizeof one);
		return fill_object(r, v, t, &in, one, err);
	}
	size_t n = json_array_size(v);
	char *items = arena_alloc(&r->arena, (n ? n : 1) * t->size);
	memcpy(where, &items, sizeof items);
	memcpy((char *)out + f->count, &n, sizeof n);
	for (size_t k = 0; k < n; k++) {
		struct input_at in = inner_at(r, at, f->name, (long)k);
		if (fill_object(r, json_array_get(v, k), t, &in, items + k * t->size, err))
			return -1;
	}
	return 0;
}

/* Fills out from obj's members through t: unknown members are refused, null is absent (or,
 * for a null_clears time, -1: clear it). */
static int fill_object(struct request *r, json_t *obj, const struct input_table *t,
		       const struct input_at *at, void *out, struct fd_error *err)
{
	struct input_pair *pairs;
	json_t **nested;
	const struct input_field **cleared;
	size_t n = 0, ncleared = 0;
	const char *key;
	json_t *v;
	input_reset(t, out);
	if (!json_is_object(obj)) {
		fd_fail_field(err, at->field, "%s must be an object", at->shown);
		return -1;
	}
	pairs = arena_alloc(&r->arena, (json_object_size(obj) + 1) * sizeof *pairs);
	nested = arena_alloc(&r->arena, (json_object_size(obj) + 1) * sizeof *nested);
	cleared = arena_alloc(&r->arena, (json_object_size(obj) + 1) * sizeof *cleared);
	json_object_foreach(obj, key, v)
	{
		const struct input_field *f = input_find(t, key);
		struct input_at here = at ? inner_at(r, at, key, -1) : (struct input_at){key, key};
		if (!f) {
			input_reset(t, out);
			return fd_fail_field(err, here.field, "unknown field '%s'", here.shown);
		}
		if (json_is_null(v)) {
			/* null is the same as absent, unless the field says it clears */
			if (f->null_clears && f->type == INPUT_TIME)
				cleared[ncleared++] = f;
			continue;
		}
		pairs[n].name = key;
		nested[n] = f->type == INPUT_OBJECT || f->type == INPUT_LIST ? v : NULL;
		if (member_text(r, f, here.shown, v, &pairs[n].text, err)) {
			input_reset(t, out);
			snprintf(err->field, sizeof err->field, "%s", here.field);
			return -1;
		}
		n++;
	}
	if (input_fill_at(t, pairs, n, at, false, out, err))
		return -1;
	for (size_t i = 0; i < ncleared; i++)
		memcpy((char *)out + cleared[i]->offset, &(int64_t){-1}, sizeof(int64_t));
	for (size_t i = 0; i < n; i++)
		if (nested[i] &&
		    fill_nested(r, input_find(t, pairs[i].name), nested[i], at, out, err))
			return -1;
	return 0;
}

int req_input(struct request *r, const struct input_table *t, void *out, struct fd_error *err)
{
	if (!r->json || !json_is_object(r->json)) {
		input_reset(t, out);
		return fd_fail(err, FD_EBADJSON, "the body must be a JSON object");
	}
	return fill_object(r, r->json, t, NULL, out, err);
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
		/* A blank field is not given, unless emptying it is what the form says. */
		if (!v || (!*v && !f->blank_is_empty))
			continue;
		pairs[n++] = (struct input_pair){f->name, v};
	}
	return input_fill(t, pairs, n, true, out, err);
}
