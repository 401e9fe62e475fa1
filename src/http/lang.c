/* The public's language for a request: the switch's choice, kept in a cookie, or the
 * browser's. */
#include "http/lang.h"

#include <microhttpd.h>
#include <string.h>

#include "http/assets.h"
#include "http/cookie.h"
#include "http/html.h"

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

/* This page's address escaped again segment by segment: r->path is decoded. */
static const char *path_url(struct request *r)
{
	struct buf u = BUF_INIT;
	for (const char *p = r->path; *p;) {
		size_t n = strcspn(p, "/");
		if (n) {
			char *seg = arena_strndup(&r->arena, p, n);
			buf_printf(&u, "%s", html_url_part(&r->arena, seg));
		}
		if (p[n] == '/')
			buf_putc(&u, '/');
		p += n + (p[n] == '/');
	}
	const char *out = arena_strdup(&r->arena, buf_str(&u));
	buf_free(&u);
	return out;
}

/* text's first n bytes as a query decodes them ('+' a space, %XX a byte), from r's arena. */
static char *query_decoded(struct request *r, const char *text, size_t n)
{
	char *v = arena_strndup(&r->arena, text, n);
	for (char *c = v; *c; c++)
		if (*c == '+')
			*c = ' ';
	MHD_http_unescape(v);
	return v;
}

/* The page's query arguments other than lang, each decoded and encoded again (what the
 * client sent is not trusted to be escaped), as "a=1&b=x%20y&"; "" when there are none. */
static const char *other_args(struct request *r)
{
	const char *q = r->query_text;
	if (!q) {
		const char *mark = r->target ? strchr(r->target, '?') : NULL;
		q = mark ? mark + 1 : "";
	}
	struct buf kept = BUF_INIT;
	while (*q) {
		size_t n = strcspn(q, "&");
		const char *eq = memchr(q, '=', n);
		size_t name_len = eq ? (size_t)(eq - q) : n;
		const char *name = query_decoded(r, q, name_len);
		if (*name && strcmp(name, "lang") != 0) {
			buf_printf(&kept, "%s", html_url_part(&r->arena, name));
			if (eq)
				buf_printf(
					&kept, "=%s",
					html_url_part(&r->arena,
						      query_decoded(r, eq + 1, n - name_len - 1)));
			buf_putc(&kept, '&');
		}
		q += n + (q[n] == '&');
	}
	const char *out = arena_strdup(&r->arena, buf_str(&kept));
	buf_free(&kept);
	return out;
}

void page_lang_switch(struct request *r, int lang)
{
	if (i18n_count() < 2)
		return;
	const char *path = path_url(r), *args = other_args(r);
	html_printf(&r->out, "<nav class=\"lang-switch\" aria-label=\"%s\"><ul>",
		    tr(lang, "Language"));
	for (int i = 0; i < i18n_count(); i++) {
		if (i == lang)
			continue;
		html_printf(&r->out,
			    "<li><a href=\"%s?%slang=%s\" lang=\"%s\" hreflang=\"%s\">%s</a></li>",
			    path, args, i18n_code(i), i18n_code(i), i18n_code(i), i18n_name(i));
	}
	html_printf(&r->out, "</ul></nav>");
}

void page_public_begin(struct request *r, int lang, const struct public_page *p)
{
	page_public_head(r, lang, p->title);
	if (p->script)
		html_printf(&r->out, "<script src=\"%s\" defer></script>", assets_url(p->script));
	html_printf(&r->out, "</head><body class=\"public%s%s\"><header class=\"public-head\">",
		    p->body_class ? " " : "", p->body_class ? p->body_class : "");
	page_lang_switch(r, lang);
	html_printf(&r->out, "</header><main class=\"%s\" id=\"main\"",
		    p->main_class ? p->main_class : "");
	if (p->live)
		html_printf(&r->out, " data-branch=\"%s\" data-status=\"%s\"", p->live->branch,
			    p->live->status);
	html_printf(&r->out, ">");
}

void page_public_end(struct request *r)
{
	html_printf(&r->out, "</main></body></html>\n");
}

void page_public_missing(struct request *r, int lang, const struct fd_error *err, const char *said)
{
	r->status = req_status_of(err->code);
	page_public_begin(
		r, lang, &(struct public_page){.title = tr(lang, "Library"), .main_class = "join"});
	if (err->code == FD_ENOTFOUND)
		html_printf(&r->out, "<h1>%s</h1><p>%s</p>", tr(lang, "Nothing at this address"),
			    said ? said : tr(lang, "Check the address, or ask at the desk."));
	else
		html_printf(&r->out, "<h1>%s</h1><p>%s</p>", tr(lang, "That did not work"),
			    tr(lang, "Please ask at the desk."));
	page_public_end(r);
}
