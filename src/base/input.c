/* The input layer: checks each value from outside against its declared field and stores it,
 * typed, in the use case's input struct (base/input.h). */
#include "base/input.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"

static int utf8_chars(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

/* text_check's message says the field as shown; err's field is its name. */
static int name_field(struct fd_error *err, const char *field)
{
	if (err)
		snprintf(err->field, sizeof err->field, "%s", field);
	return -1;
}

int input_check_text(const char *field, const char *shown, const char *value, int min_chars,
		     int max_chars, struct fd_error *err)
{
	if (!value)
		return min_chars > 0 ? fd_fail_field(err, field, "%s is required", shown) : 0;
	if (text_check(shown, value, strlen(value), false, err))
		return name_field(err, field);
	int chars = utf8_chars(value);
	/* Leading or trailing blanks only confuse lookups and lists. */
	if (chars > 0 && (value[0] == ' ' || value[strlen(value) - 1] == ' '))
		return fd_fail_field(err, field, "%s may not start or end with a space", shown);
	if (chars < min_chars)
		return fd_fail_field(err, field,
				     min_chars == 1 ? "%s is required" : "%s is too short", shown);
	if (chars > max_chars)
		return fd_fail_field(err, field, "%s is longer than %d characters", shown,
				     max_chars);
	return 0;
}

int input_check_token(const char *field, const char *shown, const char *value, int min, int max,
		      const char *punct, struct fd_error *err)
{
	if (!value || !*value)
		return fd_fail_field(err, field, "%s is required", shown);
	size_t n = strlen(value);
	if ((int)n < min || (int)n > max)
		return fd_fail_field(err, field, "%s must be %d to %d characters", shown, min, max);
	for (const char *p = value; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || (*punct && strchr(punct, *p))))
			return *punct ? fd_fail_field(err, field,
						      "%s may only contain letters, digits and %s",
						      shown, punct)
				      : fd_fail_field(err, field,
						      "%s may only contain letters and digits",
						      shown);
	return 0;
}

int input_check_email(const char *field, const char *shown, const char *value, struct fd_error *err)
{
	if (!value || !*value)
		return 0;
	const char *at = strchr(value, '@');
	if (strlen(value) > 254 || !at || at == value || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(value, " \t\r\n<>,;\"") || !strchr(at + 1, '.') ||
	    !text_valid(value, strlen(value), false, NULL))
		return fd_fail_field(err, field, "%s is not an email address", shown);
	return 0;
}

int input_check_phone(const char *field, const char *shown, const char *value, struct fd_error *err)
{
	if (!value || !*value)
		return 0;
	int digits = 0;
	for (const char *p = value; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-().", *p))
			return fd_fail_field(err, field,
					     "%s may contain digits, spaces and + - ( ) .", shown);
	}
	if (digits < 3 || strlen(value) > 32)
		return fd_fail_field(err, field, "%s is not a phone number", shown);
	return 0;
}

int input_check_date(const char *field, const char *shown, const char *text, int64_t *day,
		     struct fd_error *err)
{
	int y, m, d;
	if (!text || strlen(text) != 10 || timefmt_parse_date(text, &y, &m, &d))
		return fd_fail_field(err, field, "%s is a date like 2026-12-25", shown);
	*day = timefmt_days_from_civil(y, m, d);
	return 0;
}

/* "a, b or c": the vocabulary's names, for a message. */
static void names_of(const struct vocab *v, char *out, size_t size)
{
	size_t len = 0, left = 0;
	for (int i = 0; i < v->count; i++)
		left += v->name(i) != NULL;
	out[0] = '\0';
	for (int i = 0; i < v->count && len < size; i++) {
		const char *n = v->name(i);
		if (!n)
			continue;
		left--;
		int k = snprintf(out + len, size - len, "%s%s", n,
				 left > 1    ? ", "
				 : left == 1 ? " or "
					     : "");
		len += k > 0 ? (size_t)k : 0;
	}
}

static int set_enum(const struct input_field *f, const char *shown, const char *text, int *out,
		    struct fd_error *err)
{
	int v = vocab_from_name(f->vocab, text);
	if (v < 0) {
		char names[256];
		names_of(f->vocab, names, sizeof names);
		return fd_fail_field(err, f->name, "unknown %s '%.40s': %s is %s", shown, text,
				     shown, names);
	}
	*out = v;
	return 0;
}

static int set_int(const struct input_field *f, const char *shown, const char *text, int *out,
		   struct fd_error *err)
{
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (!*text || *end || errno)
		return fd_fail_field(err, f->name, "%s must be a whole number", shown);
	if (v < f->min || v > f->max)
		return fd_fail_field(err, f->name, "%s must be from %d to %d", shown, f->min,
				     f->max);
	*out = (int)v;
	return 0;
}

static int set_id(const struct input_field *f, const char *shown, const char *text, int64_t *out,
		  struct fd_error *err)
{
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (!*text || *end || errno || v < 1)
		return fd_fail_field(err, f->name, "%s must be a whole number from 1", shown);
	*out = v;
	return 0;
}

/* The text types: each checks, then the pointer is stored as it is. */
static int check_text(const struct input_field *f, const char *shown, const char *text,
		      struct fd_error *err)
{
	int64_t day;
	/* Emptied, where nothing is the least it may hold: a date or a token cleared. */
	if (f->blank_is_empty && f->min == 0 && !*text)
		return 0;
	switch (f->type) {
	case INPUT_TEXT: return input_check_text(f->name, shown, text, f->min, f->max, err);
	case INPUT_LINES:
		if (text_check(shown, text, strlen(text), true, err))
			return name_field(err, f->name);
		if (utf8_chars(text) < f->min)
			return fd_fail_field(err, f->name, "%s is required", shown);
		if (utf8_chars(text) > f->max)
			return fd_fail_field(err, f->name, "%s is longer than %d characters", shown,
					     f->max);
		return 0;
	case INPUT_TOKEN:
		return input_check_token(f->name, shown, text, f->min, f->max,
					 f->punct ? f->punct : "", err);
	case INPUT_PHONE: return input_check_phone(f->name, shown, text, err);
	case INPUT_EMAIL: return input_check_email(f->name, shown, text, err);
	case INPUT_DATE: return input_check_date(f->name, shown, text, &day, err);
	default: return 0;
	}
}

int input_set(const struct input_field *f, const char *shown, const char *text, void *out,
	      struct fd_error *err)
{
	char *at = (char *)out + f->offset;
	int64_t t;
	switch (f->type) {
	case INPUT_TIME:
		if (timefmt_parse_rfc3339(text, &t))
			return fd_fail_field(err, f->name, "%s is a time like 2026-11-28T15:04:05Z",
					     shown);
		memcpy(at, &t, sizeof t);
		return 0;
	case INPUT_INT: return set_int(f, shown, text, (int *)(void *)at, err);
	case INPUT_ID:
		if (set_id(f, shown, text, &t, err))
			return -1;
		memcpy(at, &t, sizeof t);
		return 0;
	case INPUT_ANSWER: {
		int a = strcmp(text, "true") == 0 || strcmp(text, "1") == 0    ? 1
			: strcmp(text, "false") == 0 || strcmp(text, "0") == 0 ? 0
									       : -1;
		if (a < 0)
			return fd_fail_field(err, f->name, "%s must be true or false", shown);
		memcpy(at, &a, sizeof a);
		return 0;
	}
	case INPUT_BOOL: {
		bool b = strcmp(text, "true") == 0;
		if (!b && strcmp(text, "false") != 0)
			return fd_fail_field(err, f->name, "%s must be true or false", shown);
		memcpy(at, &b, sizeof b);
		return 0;
	}
	case INPUT_ENUM: return set_enum(f, shown, text, (int *)(void *)at, err);
	case INPUT_OBJECT:
	case INPUT_LIST:
		/* Only JSON has objects and lists; its reader fills them (http/input.c). */
		return text ? fd_fail_field(err, f->name, "%s is not given this way", shown) : 0;
	default:
		if (check_text(f, shown, text, err))
			return -1;
		memcpy(at, &text, sizeof text);
		return 0;
	}
}

const struct input_field *input_find(const struct input_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return &t->fields[i];
	return NULL;
}

const struct input_table *input_nested(const struct input_field *f)
{
	/* Reading an object into a struct of size 0 would write past it. */
	if (!f->table || f->table->size == 0)
		abort();
	return f->table;
}

bool input_is_text(enum input_type t)
{
	return t != INPUT_INT && t != INPUT_ID && t != INPUT_BOOL && t != INPUT_ANSWER &&
	       t != INPUT_OBJECT && t != INPUT_LIST;
}

void input_reset(const struct input_table *t, void *out)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct input_field *f = &t->fields[i];
		char *at = (char *)out + f->offset;
		switch (f->type) {
		case INPUT_TIME:
		case INPUT_ID: memset(at, 0, sizeof(int64_t)); break;
		case INPUT_INT: memset(at, 0, sizeof(int)); break;
		case INPUT_ANSWER: memcpy(at, &(int){-1}, sizeof(int)); break;
		case INPUT_BOOL: memset(at, 0, sizeof(bool)); break;
		case INPUT_ENUM: memcpy(at, &f->vocab->count, sizeof(int)); break;
		case INPUT_LIST: {
			const void *no_items = NULL;
			memset((char *)out + f->count, 0, sizeof(size_t));
			memcpy(at, &no_items, sizeof no_items);
			break;
		}
		default: {
			const char *none = NULL;
			memcpy(at, &none, sizeof none);
			break;
		}
		}
	}
}

/* The field as a message shows it, inside at: "people[2].kind". */
static const char *shown_at(const struct input_at *at, const struct input_field *f, bool by_label,
			    char *buf, size_t size)
{
	const char *own = by_label && f->label ? f->label : f->name;
	if (!at)
		return own;
	snprintf(buf, size, "%s.%s", at->shown, own);
	return buf;
}

/* err's field inside at: "people.kind". */
static int field_at(const struct input_at *at, struct fd_error *err)
{
	if (at && err) {
		/* A name past the field's bytes is cut there; the message has it whole. */
		char whole[2 * sizeof err->field + 2];
		snprintf(whole, sizeof whole, "%.*s.%s", (int)sizeof err->field, at->field,
			 err->field);
		size_t n = strnlen(whole, sizeof err->field - 1);
		memcpy(err->field, whole, n);
		err->field[n] = '\0';
	}
	return -1;
}

int input_fill_at(const struct input_table *t, const struct input_pair *pairs, size_t n,
		  const struct input_at *at, bool by_label, void *out, struct fd_error *err)
{
	uint64_t seen = 0;
	char buf[160];
	/* seen has a bit per field: INPUT_TABLE refuses more at compile time, this a table made
	 * by hand. */
	if (t->n > INPUT_MAX_FIELDS)
		abort();
	input_reset(t, out);
	for (size_t i = 0; i < n; i++) {
		const struct input_field *f = input_find(t, pairs[i].name);
		if (!f) {
			const char *where = at ? at->shown : "";
			fd_fail_field(err, pairs[i].name, "unknown field '%s%s%s'", where,
				      at ? "." : "", pairs[i].name);
			return field_at(at, err);
		}
		uint64_t bit = UINT64_C(1) << (f - t->fields);
		const char *shown = shown_at(at, f, by_label, buf, sizeof buf);
		if (seen & bit) {
			fd_fail_field(err, f->name, "%s is given twice", shown);
			return field_at(at, err);
		}
		seen |= bit;
		if (input_set(f, shown, pairs[i].text, out, err))
			return field_at(at, err);
	}
	for (size_t i = 0; i < t->n; i++)
		if (t->fields[i].required && !(seen & (UINT64_C(1) << i))) {
			fd_fail_field(err, t->fields[i].name, "%s is required",
				      shown_at(at, &t->fields[i], by_label, buf, sizeof buf));
			return field_at(at, err);
		}
	return 0;
}

int input_fill(const struct input_table *t, const struct input_pair *pairs, size_t n, bool by_label,
	       void *out, struct fd_error *err)
{
	return input_fill_at(t, pairs, n, NULL, by_label, out, err);
}
