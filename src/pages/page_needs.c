/* The "Needs you" panel and page: each thing waiting for the reader, in words, with a link to
 * where it is dealt with; the header badge counts them (http/page.c). */
#include "pages/page_needs.h"

#include <string.h>

#include "http/handlers.h"
#include "http/page.h"
#include "pages/branch_name.h"

/* Where an item of kind k is dealt with, from r's arena. */
static const char *need_href(struct request *r, enum need_kind k, const struct need_item *it)
{
	const char *code = html_url_part(&r->arena, it->branch_code ? it->branch_code : "");
	switch (k) {
	case NEED_REFERRED:
	case NEED_HQ_REQUEST: return arena_printf(&r->arena, "/requests/%lld", (long long)it->id);
	case NEED_HANDED: return "/requests";
	case NEED_DRAFT:
	case NEED_INCIDENT_DUE:
		return arena_printf(&r->arena, "/incidents/%lld", (long long)it->id);
	case NEED_REVIEW:
	case NEED_TASK_DUE:
		return arena_printf(&r->arena, "/incidents/%lld#follow-up", (long long)it->id);
	case NEED_COMPLAINT:
	case NEED_CALL_BACK: /* the complaint's page: whom to contact, and Resolve */
		return arena_printf(&r->arena, "/complaints/%lld", (long long)it->id);
	case NEED_JUDGEMENT: return "/hq";
	case NEED_FETCH:
		/* A call from a branch with nobody in charge is answered on the HQ inbox. */
		return role_may(r->actor.role, ACTION_HQ_REVIEW)
			       ? "/hq"
			       : arena_printf(&r->arena, "/desk/%s", code);
	case NEED_CALLBACK:
	case NEED_WAITING:
		/* The customer's own row on the desk (page_queue.c's visit-ID). */
		return arena_printf(&r->arena, "/desk/%s#visit-%lld", code, (long long)it->id);
	case NEED_IN_CHARGE:
	case NEED_COMPLIMENT: /* no page of its own: kind_list puts "Passed on" under it */
	case NEED__MAX: break;
	}
	return arena_printf(&r->arena, "/desk/%s", code);
}

/* "Passed on", once the Branch Manager has told whom a compliment was for: off her list. */
static void passed_on_form(struct request *r, const struct need_item *it)
{
	html_printf(&r->out,
		    "<form method=\"post\" class=\"passed-on\" "
		    "action=\"/desk/%s/compliments/%lld/done\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button type=\"submit\">Passed on</button></form>",
		    html_url_part(&r->arena, it->branch_code ? it->branch_code : ""),
		    (long long)it->id, page_csrf(r));
}

static void kind_list(struct request *r, const struct needs *nd, enum need_kind k,
		      struct branch_names *names, const char *here)
{
	html_printf(&r->out, "<h3>%s <span class=\"count\">%zu</span></h3>", need_kind_label(k),
		    nd->n[k]);
	if (!nd->n[k]) {
		html_printf(&r->out, "<p class=\"empty\">None now.</p>");
		return;
	}
	html_printf(&r->out, "<ul class=\"need-%s\">", need_kind_name(k));
	for (size_t i = 0; i < nd->n[k]; i++) {
		const struct need_item *it = &nd->items[k][i];
		if (k == NEED_COMPLIMENT) /* no page of its own: what it says, and a button */
			html_printf(&r->out, "<li id=\"compliment-%lld\">%s", (long long)it->id,
				    it->text);
		else
			html_printf(&r->out, "<li><a href=\"%s\">%s</a>", need_href(r, k, it),
				    it->text);
		/* On a branch's own desk, "at" that branch says nothing (needs.js drops it too). */
		if (it->branch_code && (!here || strcmp(here, it->branch_code) != 0))
			html_printf(&r->out,
				    " <span class=\"where\" data-branch=\"%s\">at %s</span>",
				    it->branch_code, branch_name_of(r, names, it->branch_code));
		if (k == NEED_COMPLIMENT)
			passed_on_form(r, it);
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul>");
}

void needs_panel(struct request *r, const struct needs *nd, bool every_kind, const char *here)
{
	struct branch_names names = {0};
	html_printf(&r->out,
		    "<section class=\"card needs\" id=\"needs\" aria-labelledby=\"needs-h\" "
		    "data-total=\"%zu\" data-here=\"%s\"><h2 id=\"needs-h\">Needs you</h2>",
		    nd->total, here ? here : "");
	if (!nd->total)
		html_printf(&r->out, "<p class=\"empty\">Nothing needs you now.</p>");
	for (int k = 0; k < NEED__MAX; k++)
		if (nd->applies[k] && (nd->n[k] || (every_kind && nd->total)))
			kind_list(r, nd, (enum need_kind)k, &names, here);
	html_printf(&r->out, "</section>");
}

void page_needs(struct request *r)
{
	struct fd_error err = {0};
	/* In the request's arena: the header counts what is listed here (r->needs). */
	struct needs *nd = arena_alloc(&r->arena, sizeof *nd);
	if (needs_mine(&r->svc, nd, &err)) {
		page_error(r, &err);
		return;
	}
	r->needs = nd;
	page_begin(r, "Needs you");
	html_printf(&r->out, "<h1>What needs you</h1>");
	if (!nd->duty_branch)
		html_printf(&r->out, "<p>You are not clocked on at a branch: what waits at a "
				     "branch's desk shows here once you are.</p>");
	needs_panel(r, nd, true, NULL);
	page_end(r);
}
