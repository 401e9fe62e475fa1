/* Layout shared by every page, the error page, and the /static/ files (http/assets.c). */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/timefmt.h"
#include "base/tz.h"
#include "policy/hours.h"
#include "policy/role.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/lang.h"
#include "http/again.h"
#include "service/needs.h"

/* A policy rule's name, linked to what the handbook says of it. */
static void rule_link(struct request *r, const char *rule)
{
	html_printf(&r->out,
		    "<p>Policy rule: <a href=\"/handbook?rule=%s\"><strong>%s</strong></a>: read "
		    "what the policy says and why.</p>",
		    html_url_part(&r->arena, rule), rule);
}

/* What was refused, at the top of the page the form is on; forms.js also puts the message
 * beside the field and the typed values back (data-values: the form's fields as sent, the
 * CSRF token and passwords left out). */
static void refusal(struct request *r, const struct fd_error *err)
{
	html_printf(&r->out,
		    "<div class=\"refusal\" id=\"refusal\" role=\"alert\" tabindex=\"-1\">"
		    "<h2>Not done yet</h2><p>%s</p>",
		    req_message(r, err));
	if (err->rule)
		rule_link(r, err->rule);
	html_printf(&r->out, "</div>");
}

static void keep_field(void *cls, const char *name, const char *value)
{
	if (strcmp(name, "csrf") == 0 || strstr(name, "password"))
		return;
	json_array_append_new(cls, json_pack("[ss]", name, value));
}

/* The refused form's values, for forms.js to put back. */
static void kept_values(struct request *r)
{
	json_t *values = json_array();
	req_form_each(r, keep_field, values);
	char *text = json_dumps(values, JSON_COMPACT);
	json_decref(values);
	html_printf(&r->out,
		    "<div hidden id=\"kept\" data-action=\"%s\" data-field=\"%s\" "
		    "data-message=\"%s\" data-values=\"%s\"></div>",
		    r->refused_action, r->refused->field, req_message(r, r->refused),
		    text ? text : "[]");
	free(text);
}

/* The header's "Needs you" link with how many things wait for the reader; needs.js follows the
 * branch they are on duty at (data-branch) and refreshes it live. Every page shows it, so it
 * is counted in one read (needs_count), or taken from the page when that gathered it. */
static void needs_badge(struct request *r)
{
	struct fd_error err = {0};
	struct needs counted;
	const struct needs *nd = r->needs;
	if (!nd) {
		if (needs_count(&r->svc, &counted, &err))
			return; /* the page itself says what went wrong, if anything did */
		nd = &counted;
	}
	html_printf(&r->out, "<a class=\"nav needs-badge%s\" id=\"needs-badge\" href=\"/needs\"",
		    nd->total ? " some" : "");
	if (nd->duty_branch && role_may(r->actor.role, ACTION_QUEUE_WORK))
		html_printf(&r->out, " data-branch=\"%s\"", nd->duty_branch);
	/* The accessible name starts with the words shown (WCAG 2.5.3), then says how many. */
	if (nd->total)
		html_printf(&r->out,
			    " aria-label=\"Needs you: %zu thing%s\">Needs you <span "
			    "class=\"count\">%zu</span></a>",
			    nd->total, nd->total == 1 ? "" : "s", nd->total);
	else
		html_printf(&r->out, " aria-label=\"Needs you: nothing now\">Needs you</a>");
}

/* One link of the main navigation, marked as the current page when the path is under it. */
static void nav_link(struct request *r, const char *href, const char *label)
{
	size_t n = strlen(href);
	bool here = r->path && strncmp(r->path, href, n) == 0 &&
		    (r->path[n] == '\0' || r->path[n] == '/');
	if (here) /* markup in the format: arguments are escaped */
		html_printf(&r->out,
			    "<li><a class=\"nav\" href=\"%s\" aria-current=\"page\">%s</a></li>",
			    href, label);
	else
		html_printf(&r->out, "<li><a class=\"nav\" href=\"%s\">%s</a></li>", href, label);
}

/* The header's main navigation: what needs the reader first, then the desk's work, then what
 * only some roles have; the handbook's search, who is logged in and the way out at the end. */
static void main_nav(struct request *r)
{
	enum role role = r->actor.role;
	html_printf(&r->out, "<nav class=\"main\" aria-label=\"Main\"><ul><li>");
	needs_badge(r);
	html_printf(&r->out, "</li>");
	if (role_may(role, ACTION_CUSTOMER_READ))
		nav_link(r, "/customers", "Customers");
	if (role_may(role, ACTION_REQUEST_WORK))
		nav_link(r, "/requests", "My requests");
	nav_link(r, "/calendar", "Calendar");
	if (role_is_headquarters(role))
		nav_link(r, "/hq", "Headquarters");
	if (role_may(role, ACTION_REPORT_QUEUE))
		nav_link(r, "/reports", "Figures");
	if (role_may(role, ACTION_USER_MANAGE))
		nav_link(r, "/admin/users", "People");
	html_printf(&r->out, "</ul></nav>");
	/* CS-KNOW: the handbook is one search away on every page. */
	html_printf(
		&r->out,
		"<form method=\"get\" action=\"/handbook\" class=\"inline search\" "
		"role=\"search\"><input name=\"q\" type=\"search\" placeholder=\"Search policies\" "
		"aria-label=\"Search the policies\"></form>"
		"<span class=\"who\">%s <span class=\"who-role\">%s</span></span>"
		"<form method=\"post\" action=\"/logout\" class=\"inline\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		"<button type=\"submit\">Log out</button></form>",
		r->actor.name, role_label(role), page_csrf(r));
}

void page_head(struct request *r, const char *title)
{
	page_public_head(r, LANG_ENGLISH, title); /* staff pages stay English */
}

void page_begin(struct request *r, const char *title)
{
	page_head(r, arena_printf(&r->arena, "%s · frontdesk", title));
	html_printf(&r->out,
		    "<script src=\"%s\" defer></script><script src=\"%s\" defer></script>"
		    "<script src=\"%s\" defer></script></head>\n<body>"
		    "<header class=\"bar\"><a class=\"brand\" href=\"/\">frontdesk</a>",
		    assets_url("desk.js"), assets_url("forms.js"), assets_url("needs.js"));
	if (r->authed)
		main_nav(r);
	html_printf(&r->out, "</header>\n<main>");
	if (r->refused)
		refusal(r, r->refused);
}

const char *page_csrf(const struct request *r)
{
	return r->csrf_token ? r->csrf_token : "";
}

void page_end(struct request *r)
{
	if (r->refused)
		kept_values(r);
	html_printf(&r->out, "</main></body></html>\n");
}

void page_error(struct request *r, const struct fd_error *err)
{
	if (again_show(r, err))
		return;
	if (r->refused) { /* the page could not be shown again: the refusal alone is */
		err = r->refused;
		r->refused = NULL;
	}
	int status = req_status_of(err->code);
	page_begin(r, "Sorry");
	/* An internal failure shows a plain sentence and the request id, never the detail. */
	html_printf(&r->out, "<h1>That did not work</h1><p class=\"error\" role=\"alert\">%s</p>",
		    req_message(r, err));
	if (err->rule)
		rule_link(r, err->rule);
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

const char *page_local_day(struct request *r, const char *tz, int64_t t)
{
	char date[11];
	struct tm local = {0};
	tz_localtime(tz, t, &local);
	timefmt_date(timefmt_days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday),
		     date);
	return page_day(r, arena_strdup(&r->arena, date)); /* page_day may answer date itself */
}

void page_local_day_time(struct request *r, const char *tz, int64_t t)
{
	char iso[RFC3339_LEN];
	struct tm local = {0};
	timefmt_rfc3339(t, iso);
	tz_localtime(tz, t, &local);
	char clock[HOURS_CLOCK_LEN];
	hours_time_label(local.tm_hour * 60 + local.tm_min, clock);
	html_printf(&r->out, "<time datetime=\"%s\">%s, %s</time>", iso, page_local_day(r, tz, t),
		    clock);
}

const char *page_day(struct request *r, const char *date)
{
	static const char *const weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, d;
	if (!date || timefmt_parse_date(date, &y, &m, &d))
		return date ? date : "";
	char today[11];
	timefmt_date(r->svc.now / 86400, today);
	if (atoi(today) != y) /* another year: the year says which, the weekday would not */
		return arena_printf(&r->arena, "%s %d, %d", months[m - 1], d, y);
	int64_t days = timefmt_days_from_civil(y, m, d);
	int wday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	return arena_printf(&r->arena, "%s, %s %d", weekdays[wday], months[m - 1], d);
}

const char *page_duration(struct request *r, int64_t s)
{
	long long n = (long long)(s < 0 ? 0 : s);
	if (n < 60)
		return arena_printf(&r->arena, "%lld s", n);
	if (n < 3600)
		return n % 60 ? arena_printf(&r->arena, "%lld min %lld s", n / 60, n % 60)
			      : arena_printf(&r->arena, "%lld min", n / 60);
	long long min = (n % 3600) / 60;
	return min ? arena_printf(&r->arena, "%lld h %lld min", n / 3600, min)
		   : arena_printf(&r->arena, "%lld h", n / 3600);
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
