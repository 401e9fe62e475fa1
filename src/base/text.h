/* The one check every piece of text from outside passes on its way in (forms, query strings,
 * paths, JSON strings, command-line arguments, imported files): valid UTF-8 without control
 * characters, so that nothing stored later reads back as an empty answer or a cut name. */
#ifndef BASE_TEXT_H
#define BASE_TEXT_H
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define TEXT_FAULT_LEN 64

struct text_fault {
	size_t offset;	    /* the first byte at fault */
	int line;	    /* its line, from 1 */
	long code;	    /* the control character's code point; -1 when not UTF-8 */
	unsigned char byte; /* the byte at offset */
};

/* Is s[0..len) well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
 * U+10FFFF) with no control character (C0, DEL, C1) but, when multiline, tab, CR and LF?
 * When not, *fault (may be NULL) says where. NUL counts as a control character. */
bool text_valid(const char *s, size_t len, bool multiline, struct text_fault *fault);
/* What is wrong, for a person: "byte 0xFF is not valid UTF-8" or "control character U+0000
 * is not allowed". */
void text_fault_text(const struct text_fault *f, char out[TEXT_FAULT_LEN]);
/* Fails err (FD_EINVAL on field) when s[0..len) is not text_valid; the message names the field
 * and, in text of more than one line, the line. */
int text_check(const char *field, const char *s, size_t len, bool multiline, struct fd_error *err);

#endif
