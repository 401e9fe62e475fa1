/* The one HTML writer: every %s is escaped for text and attributes alike, so unescaped
 * output takes deliberate effort (Fossil's %h, cgit's html_attr). */
#ifndef HTTP_HTML_H
#define HTTP_HTML_H

#include "base/arena.h"
#include "base/buf.h"

/* Appends fmt to b with printf's conversions, so the compiler checks every call: %s and %c
 * are escaped (safe inside "quoted" attributes too), numbers (%d, %lld, %.1f...) are written
 * as printf writes them, %p and %n write nothing. fmt itself is trusted markup: only ever a
 * string literal (make lint checks), and markup is never an argument, which would show as
 * text. A URL component goes through html_url_part first. */
void html_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_escape(struct buf *b, const char *s);
void html_url_escape(struct buf *b, const char *s);
/* s percent-encoded as a URL path segment or query value, from a (NULL gives ""). What it
 * returns holds no character HTML escapes, so it passes through %s unchanged. */
const char *html_url_part(struct arena *a, const char *s);

#endif
