/* Fetching the person in charge on the pages (CS-DIFFICULT): the button a volunteer or page
 * has instead of the complaint and incident forms, and the alert every desk at the branch
 * shows, live, until the person fetched answers it. */
#include <string.h>

#include "service/fetch.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/page_queue.h"

const char *fetch_about_text(const char *about)
{
	int a = vocab_from_name(&vocab_fetch_about, about);
	return a < 0 ? about : fetch_about_label((enum fetch_about)a);
}

void fetch_card(struct request *r, const char *code, const char *whom, const char *why,
		const char *about)
{
	html_printf(&r->out,
		    "<section class=\"card fetch\" role=\"alert\" aria-labelledby=\"fetchh\">"
		    "<h2 id=\"fetchh\">Fetch <span id=\"fetch\">%s</span></h2><p>%s</p>"
		    "<form method=\"post\" action=\"/desk/%s/fetch\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"fabout\">What it is about</label><select id=\"fabout\" "
		    "name=\"about\">",
		    whom, why, html_url_part(&r->arena, code), page_csrf(r));
	for (int a = 0; a < FETCH__MAX; a++) {
		const char *name = fetch_about_name((enum fetch_about)a);
		html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", name,
			    strcmp(name, about) == 0 ? " selected" : "",
			    fetch_about_label((enum fetch_about)a));
	}
	html_printf(&r->out,
		    "</select><label for=\"fnote\">A word for them (optional)</label>"
		    "<input id=\"fnote\" name=\"note\" maxlength=\"500\">"
		    "<button type=\"submit\" id=\"fetch-now\" class=\"primary\">Ask %s to come "
		    "now</button></form></section>",
		    whom);
}

void fetch_alerts(struct request *r, const struct branch *b)
{
	struct fd_error err = {0};
	struct fetch *f;
	size_t n;
	if (fetch_list_open(&r->svc, b->code, &f, &n, &err) || n == 0)
		return;
	/* Only those who may take a difficult case answer (CS-DIFFICULT). */
	bool answers = r->authed && r->actor.role != ROLE_VOLUNTEER && r->actor.role != ROLE_PAGE;
	html_printf(&r->out, "<section class=\"fetch-alerts\" role=\"alert\" "
			     "aria-label=\"Asked for the person in charge\"><ul>");
	for (size_t i = 0; i < n; i++) {
		bool me = r->authed && f[i].to.login && strcmp(f[i].to.login, r->actor.login) == 0;
		html_printf(&r->out, "<li class=\"%s\"><strong>%s</strong> (%s) asks ",
			    me ? "fetch-me" : "", f[i].asked_by.name ? f[i].asked_by.name : "—",
			    role_label(f[i].asked_by.role));
		if (me)
			html_printf(&r->out, "<strong>you</strong>");
		else
			html_printf(&r->out, "%s",
				    f[i].to.name ? f[i].to.name
						 : "Headquarters (nobody in charge)");
		html_printf(&r->out, " to come: %s", fetch_about_text(f[i].about));
		if (f[i].note && *f[i].note)
			html_printf(&r->out, " — “%s”", f[i].note);
		html_printf(&r->out, ", at ");
		page_local_time(r, b->time_zone, f[i].asked_at);
		if (answers)
			html_printf(
				&r->out,
				" <form method=\"post\" action=\"/desk/%s/fetches/%lld/answer\" "
				"class=\"inline\"><input type=\"hidden\" name=\"csrf\" "
				"value=\"%s\"><button type=\"submit\" id=\"answer-%lld\">I am "
				"here</button></form>",
				html_url_part(&r->arena, b->code), (long long)f[i].id, page_csrf(r),
				(long long)f[i].id);
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul></section>");
}

void page_fetch_add(struct request *r)
{
	struct fd_error err = {0};
	struct fetch out;
	struct fetch_input in;
	struct warnings told = {0};
	if (req_form_input(r, &fetch_input_table, &in, &err) ||
	    fetch_add(&r->svc, r->params[0], &in, &out, &told, &err)) {
		page_error(r, &err);
		return;
	}
	/* Headquarters not reachable by email is said on the page the volunteer returns to. A
	 * URL, not HTML: the '&' stays as it is (escaped, "unheard" was never read). */
	req_redirect(r, arena_printf(&r->arena, "/desk/%s/complaints?fetched=%lld%s",
				     html_url_part(&r->arena, r->params[0]), (long long)out.id,
				     told.n ? "&unheard=1" : ""));
}

void page_fetch_answer(struct request *r)
{
	struct fd_error err = {0};
	struct fetch out;
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such call for the person in charge");
		page_error(r, &err);
	} else if (fetch_answer(&r->svc, id, &out, &err)) {
		page_error(r, &err);
	} else {
		page_redirect_desk(r, r->params[0]);
	}
}
