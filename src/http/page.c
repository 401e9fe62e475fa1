/* Layout shared by every page, the error page, and the /static/ files (http/assets.c). */
#include "http/page.h"

#include <string.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/hours.h"
#include "policy/role.h"
#include "http/assets.h"
#include "http/handlers.h"

void page_begin(struct request *r, const char *title)
{
	r->content_type = "text/html; charset=utf-8";
	buf_reset(&r->out);
	html_printf(&r->out,
		    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s · frontdesk</title>"
		    "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"%s\">"
		    "<script src=\"%s\" defer></script></head>\n<body>"
		    "<header class=\"bar\"><a class=\"brand\" href=\"/\">frontdesk</a>",
		    title, assets_url("favicon.svg"), assets_url("style.css"),
		    assets_url("desk.js"));
	/* CS-KNOW: the handbook is one search away on every page. */
	if (r->authed)
		html_printf(&r->out, "<form method=\"get\" action=\"/handbook\" class=\"inline "
				     "search\" role=\"search\"><input name=\"q\" type=\"search\" "
				     "placeholder=\"Search the policies\" aria-label=\"Search the "
				     "policies\"></form>");
	if (r->authed && role_is_headquarters(r->actor.role))
		html_printf(&r->out, "<a class=\"nav\" href=\"/hq\">Headquarters</a>");
	if (r->authed && role_may(r->actor.role, ACTION_REPORT_QUEUE))
		html_printf(&r->out, "<a class=\"nav\" href=\"/reports\">Figures</a>");
	if (r->authed && role_may(r->actor.role, ACTION_USER_MANAGE))
		html_printf(&r->out, "<a class=\"nav\" href=\"/admin/users\">People</a>");
	if (r->authed) {
		html_printf(&r->out,
			    "<a class=\"nav\" href=\"/calendar\">Calendar</a>"
			    "<a class=\"nav\" href=\"/requests\">My requests</a>"
			    "<span class=\"who\">%s · %s</span>"
			    "<form method=\"post\" action=\"/logout\" class=\"inline\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Log out</button></form>",
			    r->actor.name, role_label(r->actor.role), page_csrf(r));
	}
	html_printf(&r->out, "</header>\n<main>");
}

const char *page_csrf(const struct request *r)
{
	return r->csrf_token ? r->csrf_token : "";
}

void page_end(struct request *r)
{
	html_printf(&r->out, "</main></body></html>\n");
}

void page_error(struct request *r, const struct fd_error *err)
{
	int status = req_status_of(err->code);
	page_begin(r, "Sorry");
	/* An internal failure shows a plain sentence and the request id, never the detail. */
	html_printf(&r->out, "<h1>That did not work</h1><p class=\"error\" role=\"alert\">%s</p>",
		    req_message(r, err));
	if (err->rule)
		html_printf(&r->out,
			    "<p>Policy rule: <a href=\"/handbook?rule=%s\"><strong>%s</strong>"
			    "</a>: read what the policy says and why.</p>",
			    html_url_part(&r->arena, err->rule), err->rule);
	html_printf(&r->out, "<p><a href=\"/\">Back to the desk</a></p>");
	page_end(r);
	r->status = status;
}

void page_redirect_desk(struct request *r, const char *code)
{
	req_redirect(r, arena_printf(&r->arena, "/desk/%s", html_url_part(&r->arena, code)));
}

void page_local_time(struct request *r, const char *tz, int64_t t)
{
	char iso[RFC3339_LEN];
	struct tm local = {0};
	timefmt_rfc3339(t, iso);
	tz_localtime(tz, t, &local);
	char clock[HOURS_CLOCK_LEN];
	hours_time_label(local.tm_hour * 60 + local.tm_min, clock);
	html_printf(&r->out, "<time datetime=\"%s\">%s</time>", iso, clock);
}

const char *page_count(struct request *r, long long n, const char *one, const char *many)
{
	return arena_printf(&r->arena, "%lld %s", n, n == 1 ? one : many);
}

const char *page_week_hours(struct request *r, const char *hours)
{
	struct week_hours week;
	struct fd_error err = {0};
	if (!hours || !hours[0])
		return "No advertised hours";
	if (hours_parse(hours, &week, &err))
		return hours; /* stored hours were validated on the way in */
	struct buf text = BUF_INIT;
	hours_week_label(&week, &text);
	const char *out = arena_printf(&r->arena, "%s", buf_str(&text));
	buf_free(&text);
	return out;
}

/* Browsers ask for /favicon.ico whatever the page links: the same SVG answers there. */
void page_favicon(struct request *r)
{
	if (assets_serve(r, "favicon.svg"))
		return;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such file");
	page_error(r, &err);
}

void page_static(struct request *r)
{
	if (assets_serve(r, r->params[0]))
		return;
	struct fd_error err = {0};
	fd_fail(&err, FD_ENOTFOUND, "no such file");
	page_error(r, &err);
}
