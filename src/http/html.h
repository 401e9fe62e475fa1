/* The one HTML writer: every %s is escaped for text and attributes alike, so unescaped
 * output takes deliberate effort (Fossil's %h, cgit's html_attr). */
#ifndef HTTP_HTML_H
#define HTTP_HTML_H

#include "base/buf.h"

/* Appends fmt to b. Conversions: %s escaped text (safe inside "quoted" attributes too),
 * %u a URL path segment or query value, %d int, %lld long long, %% a percent sign.
 * fmt itself is trusted markup: only ever a string literal. */
void html_printf(struct buf *b, const char *fmt, ...);
void html_escape(struct buf *b, const char *s);
void html_url_escape(struct buf *b, const char *s);

#endif
