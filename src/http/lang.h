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
/* The visible switch: a link to this page in each other language, named in that language;
 * the page's other query arguments are kept ("?ticket=A3&lang=es"). */
void page_lang_switch(struct request *r, int lang);

/* A page that follows its branch's line live (join.js reads these from <main>, as data-branch
 * and data-status): the branch whose public stream it listens to, and the address of the
 * part of the page it fetches again. */
struct public_live {
	const char *branch; /* the branch's code */
	const char *status; /* the fragment's address ("/ticket/{secret}/status") */
};

/* A public page's start as every one of the customer's has it. */
struct public_page {
	const char *title;	/* in the page's language */
	const char *script;	/* an asset of its own, loaded deferred ("join.js"); or NULL */
	const char *body_class; /* beside "public" ("kiosk", "sign"); or NULL */
	const char *main_class; /* of its <main> ("join", "feedback") */
	const struct public_live *live; /* a page following the line; or NULL */
};
/* The head, the body, a header holding the language switch, and <main> opened (id "main");
 * page_public_end closes them. */
void page_public_begin(struct request *r, int lang, const struct public_page *p);
void page_public_end(struct request *r);
/* A public page of its own, with err's status, for an address that leads nowhere (err
 * FD_ENOTFOUND): "Nothing at this address" and said (in lang; NULL: "Check the address, or
 * ask at the desk."); else a failure of ours: "That did not work". */
void page_public_missing(struct request *r, int lang, const struct fd_error *err, const char *said);

#endif
