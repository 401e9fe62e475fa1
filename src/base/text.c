/* UTF-8 and control-character checks for text coming in (see text.h). */
#include "base/text.h"

#include <stdio.h>
#include <string.h>

/* The length of the UTF-8 sequence at s (at most left bytes) and its code point; 0 when it is
 * not well-formed. The ranges of the second byte are RFC 3629's table. */
static size_t decode(const unsigned char *s, size_t left, long *cp)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0; /* a continuation byte first, an overlong C0/C1 lead, or past U+10FFFF */
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* past U+10FFFF */
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	long v = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

static bool control(long cp, bool multiline)
{
	if (multiline && (cp == '\t' || cp == '\n' || cp == '\r'))
		return false;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool text_valid(const char *s, size_t len, bool multiline, struct text_fault *fault)
{
	const unsigned char *p = (const unsigned char *)s;
	int line = 1;
	for (size_t i = 0; i < len;) {
		long cp = -1;
		size_t n = decode(p + i, len - i, &cp);
		if (n == 0 || control(cp, multiline)) {
			if (fault)
				*fault = (struct text_fault){i, line, n ? cp : -1, p[i]};
			return false;
		}
		line += cp == '\n';
		i += n;
	}
	return true;
}

void text_fault_text(const struct text_fault *f, char out[TEXT_FAULT_LEN])
{
	if (f->code < 0)
		snprintf(out, TEXT_FAULT_LEN, "byte 0x%02X is not valid UTF-8", f->byte);
	else
		snprintf(out, TEXT_FAULT_LEN, "control character U+%04lX is not allowed", f->code);
}

int text_check(const char *field, const char *s, size_t len, bool multiline, struct fd_error *err)
{
	struct text_fault f;
	char what[TEXT_FAULT_LEN];
	if (text_valid(s, len, multiline, &f))
		return 0;
	/* A line number helps only in text of more than one line. */
	if (!memchr(s, '\n', len))
		multiline = false;
	if (!multiline && f.code >= 0)
		return fd_fail_field(err, field, "%s may not contain control characters (U+%04lX)",
				     field, f.code);
	if (!multiline)
		return fd_fail_field(err, field, "%s is not valid UTF-8 text (byte 0x%02X)", field,
				     f.byte);
	text_fault_text(&f, what);
	return fd_fail_field(err, field, "%s, line %d: %s", field, f.line, what);
}
