/* The public's language for a request: the switch's choice, kept in a cookie, or the
 * browser's. */
#include "http/lang.h"

#include <string.h>

#include "http/assets.h"
#include "http/cookie.h"
#include "http/page.h"

void lang_keep(struct request *r, int lang)
{
	cookie_set(r, COOKIE_LANG, i18n_code(lang), 365 * 24 * 3600);
}

int req_lang(struct request *r)
{
	const char *asked = req_query(r, "lang");
	int lang = asked ? i18n_find(asked) : -1;
	if (lang >= 0) {
		lang_keep(r, lang);
		return lang;
	}
	const char *kept = req_cookie(r, COOKIE_LANG);
	lang = kept ? i18n_find(kept) : -1;
	return lang >= 0 ? lang : i18n_pick(req_header(r, "Accept-Language"));
}

void page_public_head(struct request *r, int lang, const char *title)
{
	r->content_type = "text/html; charset=utf-8";
	buf_reset(&r->out);
	html_printf(&r->out,
		    "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s</title><link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"%s\">",
		    i18n_code(lang), title, assets_url("favicon.svg"), assets_url("style.css"));
}

void page_lang_switch(struct request *r, int lang)
{
	if (i18n_count() < 2)
		return;
	html_printf(&r->out, "<nav class=\"lang-switch\" aria-label=\"%s\"><ul>",
		    tr(lang, "Language"));
	for (int i = 0; i < i18n_count(); i++) {
		if (i == lang)
			continue;
		html_printf(&r->out,
			    "<li><a href=\"%s?lang=%s\" lang=\"%s\" hreflang=\"%s\">%s</a></li>",
			    r->path, i18n_code(i), i18n_code(i), i18n_code(i), i18n_name(i));
	}
	html_printf(&r->out, "</ul></nav>");
}
