/* The catalogue's panel: name, card valid or blocked and why, fines, items out with their due
 * dates, holds ready, in plain words (never the patron status bits). Nothing of it is kept. */
#include "pages/catalogue_panel.h"

#include <string.h>

#include "service/catalogue.h"
#include "service/queue.h"
#include "http/handlers.h"
#include "http/html.h"
#include "http/page.h"
#include "http/request.h"
#include "pages/branch_name.h"

const char *catalogue_due_words(struct request *r, const char *due, int64_t due_at, const char *tz)
{
	if (due && strspn(due, "0123456789") >= 8)
		return page_day(r,
				arena_printf(&r->arena, "%.4s-%.2s-%.2s", due, due + 4, due + 6));
	if (due_at)
		return page_local_day(r, tz, due_at);
	return due;
}

/* "$2.50", or the amount with its currency's code; NULL for nothing owed. */
static const char *fines_words(struct request *r, const struct ils_patron *p)
{
	const char *f = p->fines;
	if (!f || !*f || strspn(f, "0.") == strlen(f))
		return NULL;
	if (!p->currency || strcmp(p->currency, "USD") == 0)
		return arena_printf(&r->arena, "$%s", f);
	return arena_printf(&r->arena, "%s %s", f, p->currency);
}

static void status_line(struct request *r, const struct ils_patron *p)
{
	if (!p->blocks) {
		html_printf(&r->out, "<dd class=\"ok\">Card valid</dd>");
		return;
	}
	html_printf(&r->out, "<dd><strong class=\"flag ban\" id=\"catalogue-blocked\">Blocked: ");
	/* The reasons (card lost, fines, ...) first, then what they deny (borrowing, ...). */
	const char *sep = "";
	for (int k = 0; k < ILS_BLOCK__MAX; k++) {
		int b = (k + ILS_BLOCK_CARD_LOST) % ILS_BLOCK__MAX;
		if (p->blocks & (1u << b)) {
			html_printf(&r->out, "%s%s", sep, ils_block_label((enum ils_block)b));
			sep = "; ";
		}
	}
	html_printf(&r->out, "</strong></dd>");
}

void catalogue_status_lines(struct request *r, const struct ils_patron *p)
{
	const char *fines = fines_words(r, p);
	html_printf(&r->out, "<dt>Status</dt>");
	status_line(r, p);
	html_printf(&r->out, "<dt>Fines</dt><dd>%s</dd>", fines ? fines : "None owed");
}

/* Where a hold waits: here (the ILS's location code for the branch the reader is at) or at
 * the branch whose code [ils locations] gives that location, else at the ILS's location. */
static void pickup_words(struct request *r, struct branch_names *names, const struct ils_item *it,
			 const char *here)
{
	if (!it->location || !*it->location)
		return;
	const char *mine = ils_location_of(r->svc.ils, here);
	if (mine && !strcasecmp(mine, it->location)) {
		html_printf(&r->out, ", waiting here");
		return;
	}
	const struct branch *b = branch_of(r, names, ils_branch_of(r->svc.ils, it->location));
	html_printf(&r->out, ", waiting at %s", b ? b->name : it->location);
}

static void item_list(struct request *r, const char *title, const struct ils_item *items,
		      const bool *overdue, size_t n, const char *tz, const char *here)
{
	struct branch_names names = {0};
	html_printf(&r->out, "<h3>%s <span class=\"count\">%d</span></h3>", title, (int)n);
	if (n == 0) {
		html_printf(&r->out, "<p>None.</p>");
		return;
	}
	html_printf(&r->out, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		const struct ils_item *it = &items[i];
		const char *due = catalogue_due_words(r, it->due, it->due_at, tz);
		if (it->title)
			html_printf(&r->out, "<li>%s", it->title);
		else
			html_printf(&r->out, "<li>Item %s", it->id);
		if (here)
			pickup_words(r, &names, it, here);
		else if (due)
			html_printf(&r->out, ", due %s", due);
		if (overdue && overdue[i])
			html_printf(&r->out, " <strong class=\"flag\">Overdue</strong>");
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul>");
}

static void account(struct request *r, const char *card, const struct catalogue_account *a,
		    const char *tz, const char *here)
{
	const struct ils_patron *p = &a->patron;
	html_printf(&r->out, "<dl class=\"facts\"><dt>Name</dt><dd>%s</dd><dt>Card</dt><dd>%s</dd>",
		    p->name ? p->name : "not given", card);
	catalogue_status_lines(r, p);
	html_printf(&r->out, "</dl>");
	item_list(r, "Items out", a->items_out, a->overdue, a->nitems_out, tz, NULL);
	item_list(r, "Holds ready to pick up", a->holds_ready, NULL, a->nholds_ready, tz,
		  here ? here : "");
	for (size_t i = 0; i < p->nmessages; i++)
		html_printf(&r->out, "<p class=\"said\">The catalogue says: %s</p>",
			    p->messages[i]);
	if (a->partial)
		html_printf(&r->out,
			    "<p class=\"hint\">The catalogue did not give every item’s title in "
			    "time: some show their item number only. Reload to try again.</p>");
}

bool catalogue_panel(struct request *r, const char *card, const char *tz, const char *here,
		     const char **name)
{
	struct fd_error err = {0};
	struct catalogue_account a;
	if (name)
		*name = NULL;
	/* CS-CONFIDENTIAL: volunteers and pages never see it; and no catalogue, no call. */
	if (!card || !catalogue_configured(&r->svc) || !r->svc.actor ||
	    !role_sees_customers(r->svc.actor->role))
		return false;
	int rc = catalogue_account(&r->svc, card, &a, &err);
	if (rc && err.code == FD_EFORBID)
		return false;
	html_printf(&r->out, "<section class=\"card catalogue\" id=\"catalogue\" "
			     "aria-labelledby=\"cath\"><h2 id=\"cath\">In the catalogue</h2>");
	if (rc && err.code == FD_ENOTFOUND)
		html_printf(&r->out,
			    "<p>The library catalogue has no card %s: check the number "
			    "with the customer.</p>",
			    card);
	else if (rc)
		html_printf(&r->out,
			    "<p class=\"hint\" role=\"status\">The library catalogue is not "
			    "answering — try again in a moment.</p>");
	else
		account(r, card, &a, tz, here);
	html_printf(&r->out, "</section>");
	if (!rc && name)
		*name = a.patron.name;
	return rc == 0;
}

/* The visit id's entry in q, among those in the line, being served or on hold. */
static const struct visit *in_line(const struct queue_view *q, int64_t id)
{
	const struct visit_view *lists[] = {q->serving, q->waiting, q->on_hold};
	const size_t counts[] = {q->nserving, q->nwaiting, q->non_hold};
	for (size_t l = 0; l < sizeof counts / sizeof counts[0]; l++)
		for (size_t i = 0; i < counts[l]; i++)
			if (lists[l][i].v.id == id)
				return &lists[l][i].v;
	return NULL;
}

void catalogue_panel_serving(struct request *r, const struct queue_view *q)
{
	/* CS-CONFIDENTIAL: volunteers and pages get no placeholder either. */
	if (!r->svc.actor || !catalogue_configured(&r->svc) ||
	    !role_sees_customers(r->svc.actor->role))
		return;
	for (size_t i = 0; i < q->nserving; i++) {
		const struct visit *v = &q->serving[i].v;
		if (v->served_by != r->svc.actor->id || !v->customer_card)
			continue;
		/* Filled in by desk.js from the address below, once per customer: the desk's page
		 * never waits for the catalogue, and only a panel shown is a read of it. */
		html_printf(
			&r->out,
			"<section class=\"card catalogue\" id=\"catalogue\" "
			"data-src=\"/desk/%s/visits/%lld/catalogue\" aria-labelledby=\"cath\">"
			"<h2 id=\"cath\">In the catalogue</h2><p class=\"hint\" role=\"status\">"
			"Asking the library catalogue…</p><noscript><p><a "
			"href=\"/desk/%s/visits/%lld/catalogue\">Open the customer’s account in "
			"the catalogue</a></p></noscript></section>",
			html_url_part(&r->arena, q->branch.code), (long long)v->id,
			html_url_part(&r->arena, q->branch.code), (long long)v->id);
		return; /* one customer at a time */
	}
}

void page_desk_catalogue(struct request *r)
{
	struct fd_error err = {0};
	struct queue_view q;
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit");
		page_error(r, &err);
		return;
	}
	if (queue_get(&r->svc, r->params[0], &q, &err)) {
		page_error(r, &err);
		return;
	}
	const struct visit *v = in_line(&q, id);
	if (!v || !v->customer_card) {
		fd_fail(&err, FD_ENOTFOUND,
			"That visit is not in the line here with a customer's card any more.");
		page_error(r, &err);
		return;
	}
	r->content_type = "text/html; charset=utf-8";
	catalogue_panel(r, v->customer_card, q.branch.time_zone, q.branch.code, NULL);
}
