/* The language of the public's pages for one request, its page head and its visible switch. */
#ifndef HTTP_LANG_H
#define HTTP_LANG_H

#include "base/i18n.h"
#include "http/request.h"

#define COOKIE_LANG "__Host-fd_lang"

/* The language this request's public page speaks: ?lang= (the visible switch, which keeps the
 * choice in a cookie for the pages after), then that cookie, then Accept-Language. */
int req_lang(struct request *r);
/* Keeps lang as this browser's choice for the public pages after (the switch's cookie). */
void lang_keep(struct request *r, int lang);
/* page_head in lang: doctype with its lang attribute, title as given, icon and stylesheet;
 * the caller adds its scripts and closes the head. */
void page_public_head(struct request *r, int lang, const char *title);
/* The visible switch: a link to this page in each other language, named in that language. */
void page_lang_switch(struct request *r, int lang);

#endif
