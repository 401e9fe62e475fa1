/* HTML escaping by context: text/attribute and URL component. */
#include "http/html.h"

#include <stdarg.h>
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

void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			const char *next = strchr(p, '%');
			size_t n = next ? (size_t)(next - p) : strlen(p);
			buf_append(b, p, n);
			p += n - 1;
			continue;
		}
		switch (*++p) {
		case 's': html_escape(b, va_arg(ap, const char *)); break;
		case 'u': html_url_escape(b, va_arg(ap, const char *)); break;
		case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'l':
			if (p[1] == 'l' && p[2] == 'd') {
				buf_printf(b, "%lld", va_arg(ap, long long));
				p += 2;
			}
			break;
		case '%': buf_putc(b, '%'); break;
		default: /* an unknown conversion prints nothing rather than something unsafe */
			if (!*p)
				p--;
			break;
		}
	}
	va_end(ap);
}
