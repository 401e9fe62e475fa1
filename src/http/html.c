/* HTML escaping by context (text/attribute and URL component) and the printf-compatible
 * writer that applies it to every string argument. */
#include "http/html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void html_escape(struct buf *b, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s);
		}
	}
}

void html_url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

const char *html_url_part(struct arena *a, const char *s)
{
	struct buf u = BUF_INIT;
	html_url_escape(&u, s);
	char *out = arena_strdup(a, buf_str(&u));
	buf_free(&u);
	return out;
}

/* One conversion as printf reads it: "%-8.2f" with any '*' filled in from the arguments. */
struct spec {
	char text[32];
	size_t len;
	bool too_long; /* an absurd width or precision: the conversion writes nothing */
	char length;   /* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 'D' long double, 0 none */
	char length_text[3];
	char conv; /* the conversion character; 0 when fmt ended inside the spec */
};

static void spec_put(struct spec *s, const char *t, size_t n)
{
	if (s->len + n >= sizeof s->text) {
		s->too_long = true;
		return;
	}
	memcpy(s->text + s->len, t, n);
	s->len += n;
	s->text[s->len] = '\0';
}

/* Copies digits, or the int argument a '*' stands for, from p; returns what follows. */
static const char *spec_number(struct spec *s, const char *p, va_list *ap, bool precision)
{
	if (*p != '*') {
		size_t n = strspn(p, "0123456789");
		spec_put(s, p, n);
		return p + n;
	}
	int v = va_arg(*ap, int);
	char digits[16];
	if (precision && v < 0) { /* printf: a negative precision is taken as none */
		s->text[--s->len] = '\0';
		return p + 1;
	}
	int n = snprintf(digits, sizeof digits, "%d", v);
	spec_put(s, digits, (size_t)n);
	return p + 1;
}

/* Reads the spec after a '%' at p into s; returns the first character after it. */
static const char *spec_read(struct spec *s, const char *p, va_list *ap)
{
	static const struct {
		const char *text;
		char length;
	} lengths[] = {{"hh", 'H'}, {"h", 'h'}, {"ll", 'L'}, {"l", 'l'},
		       {"z", 'z'},  {"j", 'j'}, {"t", 't'},  {"L", 'D'}};
	*s = (struct spec){.text = "%", .len = 1};
	size_t flags = strspn(p, "-+ #0'I"); /* with glibc's grouping and locale digits */
	spec_put(s, p, flags);
	p = spec_number(s, p + flags, ap, false);
	if (*p == '.') {
		spec_put(s, ".", 1);
		p = spec_number(s, p + 1, ap, true);
	}
	for (size_t i = 0; *p && strchr("hlzjtL", *p) && i < sizeof lengths / sizeof lengths[0];
	     i++) {
		size_t n = strlen(lengths[i].text);
		if (strncmp(p, lengths[i].text, n) == 0) {
			spec_put(s, p, n);
			s->length = lengths[i].length;
			memcpy(s->length_text, p, n);
			p += n;
			break;
		}
	}
	s->conv = *p;
	if (!*p)
		return p;
	spec_put(s, p, 1);
	if (s->too_long) /* still read its argument, so the ones after it stay in step */
		s->len = (size_t)snprintf(s->text, sizeof s->text, "%%%s%c", s->length_text,
					  s->conv);
	return p + 1;
}

/* The spec is built from fmt, which the compiler has checked against the same arguments. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* t formatted by a %s spec as printf would (width, precision), then escaped. */
static void put_text(struct buf *b, const char *spec, size_t spec_len, const char *t)
{
	if (spec_len == 2) { /* plain %s: the common case, no copy */
		html_escape(b, t);
		return;
	}
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, spec, t ? t : "");
	html_escape(b, buf_str(&tmp));
	buf_free(&tmp);
}

/* An integer conversion, its argument read at the size its length modifier says. */
static void put_integer(struct buf *b, const struct spec *s, va_list *ap)
{
	bool is_signed = s->conv == 'd' || s->conv == 'i';
	switch (s->length) {
	case 'l':
		if (is_signed)
			buf_printf(b, s->text, va_arg(*ap, long));
		else
			buf_printf(b, s->text, va_arg(*ap, unsigned long));
		break;
	case 'L':
		if (is_signed)
			buf_printf(b, s->text, va_arg(*ap, long long));
		else
			buf_printf(b, s->text, va_arg(*ap, unsigned long long));
		break;
	case 'z': buf_printf(b, s->text, va_arg(*ap, size_t)); break;
	case 'j': buf_printf(b, s->text, va_arg(*ap, intmax_t)); break;
	case 't': buf_printf(b, s->text, va_arg(*ap, ptrdiff_t)); break;
	default: /* int, and hh and h, which are promoted to int and cut back by printf */
		if (is_signed)
			buf_printf(b, s->text, va_arg(*ap, int));
		else
			buf_printf(b, s->text, va_arg(*ap, unsigned));
	}
}

/* Writes one conversion's output: text escaped, numbers as printf writes them (digits, signs,
 * points, exponents, spaces: nothing HTML treats as markup). False for a conversion it does
 * not know, after which the arguments' places are unknown. */
static bool put_conversion(struct buf *b, struct spec *s, va_list *ap)
{
	switch (s->conv) {
	case 's': {
		const char *t = va_arg(*ap, const char *);
		if (!s->length) /* %ls, wide characters, are not written */
			put_text(b, s->text, s->len, t);
		break;
	}
	case 'c': {
		char c[2] = {(char)va_arg(*ap, int), '\0'};
		s->text[s->len - 1] = 's'; /* the same width, through the escaping of %s */
		if (!s->length)
			put_text(b, s->text, s->len, c);
		break;
	}
	case 'd':
	case 'i':
	case 'o':
	case 'u':
	case 'x':
	case 'X': put_integer(b, s, ap); break;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (s->length == 'D')
			buf_printf(b, s->text, va_arg(*ap, long double));
		else
			buf_printf(b, s->text, va_arg(*ap, double));
		break;
	case '%': buf_putc(b, '%'); break;
	case 'p':
	case 'n': /* a pointer's value, or a write through one: nothing for a page */
		(void)va_arg(*ap, void *);
		break;
	default: return false; /* unknown to printf too: the compiler has said so */
	}
	return true;
}

#pragma GCC diagnostic pop

void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p;) {
		if (*p != '%') {
			const char *next = strchr(p, '%');
			size_t n = next ? (size_t)(next - p) : strlen(p);
			buf_append(b, p, n);
			p += n;
			continue;
		}
		if (p[1] == 's') { /* the common case, without reading a whole spec */
			html_escape(b, va_arg(ap, const char *));
			p += 2;
			continue;
		}
		struct spec s;
		struct buf discard = BUF_INIT;
		p = spec_read(&s, p + 1, &ap);
		bool known = put_conversion(s.too_long ? &discard : b, &s, &ap);
		buf_free(&discard);
		if (!known) /* nothing more is written than a wrong argument could spoil */
			break;
	}
	va_end(ap);
}
