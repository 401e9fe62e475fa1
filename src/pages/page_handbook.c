/* The handbook at the desk: search as you type (results with highlights and the rationale),
 * a section with its acknowledgement, and the sections behind a CS- rule. */
#include <string.h>

#include "policy/role.h"
#include "service/handbook.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/branch_name.h"

/* Writes a snippet, its highlights (between bytes 2 and 3) as <mark>. */
static void snippet_html(struct request *r, const char *s)
{
	struct buf part = BUF_INIT;
	for (const char *p = s;; p++) {
		if (*p == '\x02' || *p == '\x03' || !*p) {
			html_printf(&r->out, "%s", buf_str(&part));
			buf_reset(&part);
			if (!*p)
				break;
			html_printf(&r->out, *p == '\x02' ? "<mark>" : "</mark>");
		} else {
			buf_putc(&part, *p);
		}
	}
	buf_free(&part);
}

/* For a branch's managers: who there has not acknowledged which current section. */
static void unread_at_branch(struct request *r)
{
	struct fd_error err = {0};
	struct unread *u;
	size_t n;
	if (!r->authed || !r->actor.branch_code || role_is_headquarters(r->actor.role) ||
	    handbook_unread(&r->svc, r->actor.branch_code, &u, &n, &err))
		return; /* not a branch manager: nothing to show */
	html_printf(&r->out,
		    "<section class=\"card\"><h2>Not yet acknowledged at %s</h2>"
		    "<ul id=\"unread\">",
		    branch_name_of(r, &(struct branch_names){0}, r->actor.branch_code));
	for (size_t i = 0; i < n; i++)
		html_printf(&r->out, "<li>%s: <a href=\"/handbook/%lld\">%s</a> (version %d)</li>",
			    u[i].who.name, (long long)u[i].section_id, u[i].title, u[i].version);
	if (n == 0)
		html_printf(&r->out, "<li>Everyone has read every current section.</li>");
	html_printf(&r->out, "</ul></section>");
}

/* The whole handbook is thousands of pixels long: a table of contents, one list per policy
 * (sections come ordered by policy), each title a link to its section further down. */
static void contents(struct request *r, const struct section *x, size_t n)
{
	html_printf(&r->out, "<nav class=\"card toc\" aria-labelledby=\"toc-title\">"
			     "<h2 id=\"toc-title\">Contents</h2><ul id=\"toc\">");
	for (size_t i = 0; i < n; i++) {
		bool first = i == 0 || strcmp(x[i].policy, x[i - 1].policy) != 0;
		bool last = i + 1 == n || strcmp(x[i].policy, x[i + 1].policy) != 0;
		if (first)
			html_printf(&r->out, "<li>%s<ul>", x[i].policy);
		html_printf(&r->out, "<li><a href=\"#section-%lld\">%s</a></li>",
			    (long long)x[i].id, x[i].title);
		if (last)
			html_printf(&r->out, "</ul></li>");
	}
	html_printf(&r->out, "</ul></nav>");
}

void page_handbook(struct request *r)
{
	struct fd_error err = {0};
	struct section *x = NULL;
	size_t n = 0;
	const char *q = req_query(r, "q"), *rule = req_query(r, "rule");
	int rc = q && *q ? handbook_search(&r->svc, q, &x, &n, &err)
		 : rule	 ? handbook_by_rule(&r->svc, rule, &x, &n, &err)
			 : handbook_list(&r->svc, &x, &n, &err);
	if (rc) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "Policy handbook");
	html_printf(&r->out,
		    "<h1>Policy handbook</h1><form method=\"get\" action=\"/handbook\" "
		    "role=\"search\"><label for=\"hq\">Search the policies</label><input id=\"hq\" "
		    "name=\"q\" type=\"search\" value=\"%s\" autofocus></form>",
		    q ? q : "");
	if (rule)
		html_printf(&r->out, "<p>The text of rule <strong>%s</strong>:</p>", rule);
	if (n == 0)
		html_printf(&r->out, "<p>Nothing found.</p>");
	bool whole = !(q && *q) && !rule;
	if (whole && n)
		contents(r, x, n);
	html_printf(&r->out, "<ol class=\"hits\" id=\"hits\">");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out,
			    "<li class=\"card\" id=\"section-%lld\"><h2><a href=\"/handbook/%lld\">"
			    "%s</a></h2><p class=\"policy\">%s · version %d, approved %s</p><p>",
			    (long long)x[i].id, (long long)x[i].id, x[i].title, x[i].policy,
			    x[i].version, page_day(r, x[i].approved_on));
		if (x[i].snippet)
			snippet_html(r, x[i].snippet);
		else
			html_printf(&r->out, "%s", x[i].text);
		html_printf(&r->out, "</p><p class=\"rationale\"><strong>Why:</strong> %s</p>",
			    x[i].rationale);
		html_printf(&r->out, whole ? "<p><a href=\"#toc-title\">Back to the contents</a>"
					     "</p></li>"
					   : "</li>");
	}
	html_printf(&r->out, "</ol>");
	unread_at_branch(r);
	page_end(r);
}

void page_handbook_section(struct request *r)
{
	struct fd_error err = {0};
	struct section x;
	bool acked;
	int64_t id;
	if (parse_id(r->params[0], &id) || handbook_get(&r->svc, id, &x, &acked, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such policy section");
		page_error(r, &err);
		return;
	}
	page_begin(r, x.title);
	html_printf(
		&r->out,
		"<p><a href=\"/handbook\">Policy handbook</a></p><h1>%s</h1><p class=\"policy\">"
		"%s · version %d, approved %s%s</p><section class=\"card\"><p class=\"text\">%s"
		"</p><h2>Why</h2><p>%s</p></section>",
		x.title, x.policy, x.version, page_day(r, x.approved_on),
		x.current ? "" : " · an older version", x.text, x.rationale);
	if (acked)
		html_printf(&r->out, "<p id=\"acked\">You have acknowledged this version.</p>");
	else
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/handbook/%lld/acknowledge\"><input "
			    "type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\" "
			    "class=\"primary\">I have read this version</button></form>",
			    (long long)x.id, page_csrf(r));
	page_end(r);
}

void page_handbook_ack(struct request *r)
{
	struct fd_error err = {0};
	struct section x;
	int64_t id;
	if (parse_id(r->params[0], &id) || handbook_acknowledge(&r->svc, id, &x, &err)) {
		if (!err.code)
			fd_fail(&err, FD_ENOTFOUND, "no such policy section");
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/handbook/%lld", (long long)id));
}
