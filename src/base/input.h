/* Inputs declared once (kcgi's kvalid): a use case's table says each field's name, label,
 * type, limits and vocabulary, and where it goes in the use case's input struct. The JSON API,
 * the forms and the command line all fill that struct through the table; pure, no I/O. */
#ifndef BASE_INPUT_H
#define BASE_INPUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/vocab.h"

enum input_type {
	INPUT_TEXT,   /* const char *: one line, min..max characters, no blank at either end */
	INPUT_LINES,  /* const char *: text that may have line breaks, at most max characters */
	INPUT_TOKEN,  /* const char *: min..max ASCII letters, digits and the field's punct */
	INPUT_PHONE,  /* const char *: digits, spaces and + - ( ) .; "" allowed (clears it) */
	INPUT_EMAIL,  /* const char *: an address; "" allowed (clears it) */
	INPUT_DATE,   /* const char *: YYYY-MM-DD, a real day */
	INPUT_TIME,   /* int64_t: RFC 3339, seconds since the epoch */
	INPUT_INT,    /* int: a whole number from min to max */
	INPUT_ID,     /* int64_t: a record's id, a whole number from 1 */
	INPUT_BOOL,   /* bool: true or false */
	INPUT_ANSWER, /* int: 1 yes, 0 no (true/false, or a form's 1/0), -1 not given */
	INPUT_ENUM,   /* the vocabulary's enum (int-sized): one of its names */
	INPUT_OBJECT, /* a pointer to the struct of the field's table: a JSON object (the API's) */
	INPUT_LIST, /* a pointer to an array of such structs, at most max, their number at count */
	INPUT__MAX
};

struct input_field {
	const char *name;  /* JSON member and form field; --name-with-dashes on the command line */
	const char *label; /* for a person, in a form's error: "Card number" */
	enum input_type type;
	bool required;
	int min, max;	   /* characters (text, token), value (integer) */
	const char *punct; /* INPUT_TOKEN: the punctuation allowed besides letters, digits */
	const struct vocab *vocab;	 /* INPUT_ENUM */
	size_t offset;			 /* where the value goes in the use case's struct */
	const struct input_table *table; /* INPUT_OBJECT, INPUT_LIST: the inner fields */
	size_t count;			 /* INPUT_LIST: where the number of items goes (size_t) */
	/* A form's blank field is "" (an edit form's text emptied), not "not given"; with min
	 * 0, "" is taken for any text type (a date or token emptied) without its checks. */
	bool blank_is_empty;
	/* JSON null is "clear it", not "not given": an INPUT_TIME is set to -1. */
	bool null_clears;
};

struct input_table {
	const struct input_field *fields;
	size_t n;
	size_t size; /* of the struct the fields go in: a nested table's, to allocate it */
};

/* At most this many fields in one table (input_fill tracks them in a bit set). */
#define INPUT_MAX_FIELDS 64
/* The number of fields, refused at compile time past INPUT_MAX_FIELDS (a struct member may be
 * a static assertion, and sizeof makes it a constant expression). */
#define INPUT_NFIELDS(fields)                                                                      \
	(sizeof fields / sizeof fields[0] +                                                        \
	 0 * sizeof(struct {                                                                       \
		 _Static_assert(sizeof fields / sizeof fields[0] <= INPUT_MAX_FIELDS,              \
				"a table has at most INPUT_MAX_FIELDS fields");                    \
		 int unused;                                                                       \
	 }))
/* An outermost table: its struct is the caller's. A nested one (INPUT_OBJECT, INPUT_LIST)
 * must be INPUT_TABLE_OF, which the reader checks (input_check_nested). */
#define INPUT_TABLE(fields)                                                                        \
	{                                                                                          \
		fields, INPUT_NFIELDS(fields), 0                                                   \
	}
/* A nested table: its fields go in a struct type, allocated by whoever reads the object. */
#define INPUT_TABLE_OF(fields, type)                                                               \
	{                                                                                          \
		fields, INPUT_NFIELDS(fields), sizeof(type)                                        \
	}

/* One value as it came: a JSON member, a form field or a command-line option, as text. */
struct input_pair {
	const char *name, *text;
};

/* Does a field of type t take a string in JSON (every type but numbers and yes/no)? */
bool input_is_text(enum input_type t);
const struct input_field *input_find(const struct input_table *t, const char *name);
/* The table f's objects are read through, after checking it says their struct's size: a
 * table declared without INPUT_TABLE_OF is a programming error, and aborts. */
const struct input_table *input_nested(const struct input_field *f);
/* Resets the table's fields in out: NULL, 0, false, -1 for an answer, and for an enum its
 * vocabulary's count (the enum's __MAX: not given). Fields outside the table are left alone. */
void input_reset(const struct input_table *t, void *out);
/* Checks text as f says and stores the value in out. Messages say the field as shown
 * (its name, or its label for a form); err's field is always the name. */
int input_set(const struct input_field *f, const char *shown, const char *text, void *out,
	      struct fd_error *err);
/* Resets out, then sets each pair; an unknown name, a name given twice or a required field
 * missing fails, naming it. by_label: messages show labels (forms), else names. */
int input_fill(const struct input_table *t, const struct input_pair *pairs, size_t n, bool by_label,
	       void *out, struct fd_error *err);

/* Where a nested table's fields are read: {"people", "people[2]"} makes err's field
 * "people.kind" and the message say "people[2].kind"; {"new_incident", "new_incident"}. */
struct input_at {
	const char *field, *shown;
};
/* input_fill for the fields of an object inside another (at may be NULL: the outermost).
 * An INPUT_OBJECT or INPUT_LIST pair carries no text: the caller fills it after. */
int input_fill_at(const struct input_table *t, const struct input_pair *pairs, size_t n,
		  const struct input_at *at, bool by_label, void *out, struct fd_error *err);

/* The checks behind the types, for values that do not come through a table. */
int input_check_text(const char *field, const char *shown, const char *value, int min_chars,
		     int max_chars, struct fd_error *err);
int input_check_token(const char *field, const char *shown, const char *value, int min, int max,
		      const char *punct, struct fd_error *err);
int input_check_email(const char *field, const char *shown, const char *value,
		      struct fd_error *err);
int input_check_phone(const char *field, const char *shown, const char *value,
		      struct fd_error *err);
int input_check_date(const char *field, const char *shown, const char *text, int64_t *day,
		     struct fd_error *err);

#endif
