/* The renewal call at the desk: the caller's items with their due dates, Renew for each and
 * Renew all, and each result as a sentence to read out, with what to offer instead for those
 * the catalogue refused (CS-ALT). Nothing shown here is kept but the counts. */
#include <string.h>

#include "policy/queue.h"
#include "service/renewal.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/page.h"
#include "pages/catalogue_panel.h"

/* What the page was asked to show beside the account. */
struct shown {
	const char *card; /* typed by the desk, when the visit has no customer */
	const struct renewal_result *res;
	size_t n;
	const struct fd_error *failed; /* a renewal the catalogue did not answer */
};

static const char *base_url(struct request *r, const struct renewal_call *c)
{
	return arena_printf(&r->arena, "/desk/%s/visits/%lld",
			    html_url_part(&r->arena, c->v.branch_code), (long long)c->v.id);
}

/* A blocked card: what the catalogue says to do (its own messages), else the fines to pay or
 * talk about, else a librarian to see; never a hold, which the card may not place either. */
static void card_blocked_words(struct request *r, const struct ils_patron *p)
{
	if (p && p->nmessages) {
		html_printf(&r->out,
			    "the card is blocked, so no hold either. The catalogue says: ");
		for (size_t i = 0; i < p->nmessages; i++)
			html_printf(&r->out, "%s“%s”", i ? " " : "", p->messages[i]);
	} else if (p && (p->blocks &
			 (1u << ILS_BLOCK_EXCESSIVE_FINES | 1u << ILS_BLOCK_EXCESSIVE_FEES))) {
		html_printf(&r->out,
			    "the card is blocked by its fines, so no hold either: they can "
			    "pay them, or talk about them with a librarian.");
	} else {
		html_printf(&r->out, "the card is blocked, so no hold either: ask them to see a "
				     "librarian about their card.");
	}
}

/* What to offer instead of a refused renewal (CS-ALT), fitting what the catalogue says. */
static void offer_words(struct request *r, const struct renewal_call *c, const struct shown *sh,
			const struct renewal_result *x, const char *still_due)
{
	const char *by =
		still_due ? arena_printf(&r->arena, "by %s", still_due) : "before it is due";
	html_printf(&r->out, "<br><span class=\"hint offer\">Offer instead: ");
	if (x->offer == RENEWAL_OFFER_CARD_BLOCKED) {
		card_blocked_words(r, c->card_status);
		html_printf(&r->out, " Until then, bring the item back %s.", by);
	} else if (x->offer == RENEWAL_OFFER_RETURN_THEN_HOLD) {
		html_printf(&r->out, "someone else is waiting for it, so return it %s", by);
		if (!c->card_status || !(c->card_status->blocks & (1u << ILS_BLOCK_HOLD)))
			html_printf(&r->out, "; if they still need it, place a hold to borrow it "
					     "again later");
		html_printf(&r->out, ".");
	} else {
		html_printf(
			&r->out,
			"return it %s and borrow it again, or <a href=\"/desk/%s/requests?"
			"visit=%lld&amp;kind=renewal&amp;customer_card=%s#new\">take a renewal "
			"request</a>.",
			by, html_url_part(&r->arena, c->v.branch_code), (long long)c->v.id,
			html_url_part(&r->arena, c->card ? c->card : (sh->card ? sh->card : "")));
	}
	html_printf(&r->out, "</span>");
}

static void result_line(struct request *r, const struct renewal_call *c, const struct shown *sh,
			const struct renewal_result *x)
{
	if (x->renewed) {
		const char *due = catalogue_due_words(r, x->due, x->due_at, c->time_zone);
		html_printf(&r->out, "<li class=\"renewed\">Renewed: %s — now due %s</li>",
			    x->title, due ? due : "(the catalogue gave no date)");
		return;
	}
	const char *still = catalogue_due_words(r, x->still_due, x->still_due_at, c->time_zone);
	html_printf(&r->out, "<li class=\"refused\">Not renewed: %s — %s", x->title, x->message);
	if (still)
		html_printf(&r->out, "; still due %s", still);
	html_printf(&r->out, ".");
	offer_words(r, c, sh, x, still);
	html_printf(&r->out, "</li>");
}

/* The sentences to read out, one per item; for a refusal, the alternatives (CS-ALT). */
static void results(struct request *r, const struct renewal_call *c, const struct shown *sh)
{
	html_printf(&r->out,
		    "<section class=\"card\" id=\"renewal-results\" role=\"status\" "
		    "aria-labelledby=\"rh\"><h2 id=\"rh\">Read this out to the caller</h2>");
	if (sh->failed)
		html_printf(&r->out, "<p class=\"error\" id=\"renewal-failed\">%s</p>",
			    req_message(r, sh->failed));
	html_printf(&r->out, "<ul class=\"results\">");
	for (size_t i = 0; i < sh->n; i++)
		result_line(r, c, sh, &sh->res[i]);
	html_printf(&r->out, "</ul>");
	if (sh->n == 0 && !sh->failed)
		html_printf(&r->out, "<p>The catalogue named no items to renew.</p>");
	html_printf(&r->out, "<p id=\"renewal-counts\">On this call so far: %s renewed, %s.</p>",
		    page_count(r, c->v.renewed, "item", "items"),
		    page_count(r, c->v.renew_refused, "refused", "refused"));
	html_printf(&r->out, "</section>");
}

/* A Renew button for one item, or Renew all (item NULL); the card typed goes with it. */
static void renew_form(struct request *r, const struct renewal_call *c, const struct shown *sh,
		       const struct ils_item *item)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"%s/renew\" class=\"inline\"><input "
		    "type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    base_url(r, c), page_csrf(r));
	if (sh->card)
		html_printf(&r->out, "<input type=\"hidden\" name=\"card\" value=\"%s\">",
			    sh->card);
	/* Used once: the results page reloaded does not renew again unseen. */
	html_printf(&r->out, "<input type=\"hidden\" name=\"once\" value=\"%lld\">",
		    (long long)c->once);
	if (item)
		html_printf(&r->out,
			    "<input type=\"hidden\" name=\"item\" value=\"%s\"><button "
			    "type=\"submit\" aria-label=\"Renew %s\">Renew</button></form>",
			    item->id, item->title ? item->title : item->id);
	else
		html_printf(&r->out,
			    "<button type=\"submit\" class=\"primary\" id=\"renew-all\">Renew "
			    "all</button></form>");
}

static void items(struct request *r, const struct renewal_call *c, const struct shown *sh,
		  const struct catalogue_account *a)
{
	const struct ils_patron *p = &a->patron;
	/* The account's status first, as the catalogue panel shows it: a block is seen before
	 * anyone presses Renew. */
	html_printf(&r->out, "<dl class=\"facts\"><dt>Name</dt><dd>%s</dd><dt>Card</dt><dd>%s</dd>",
		    p->name ? p->name : "not given", c->card);
	catalogue_status_lines(r, p);
	html_printf(&r->out, "</dl>");
	for (size_t i = 0; i < p->nmessages; i++)
		html_printf(&r->out, "<p class=\"said\">The catalogue says: %s</p>",
			    p->messages[i]);
	if (renewal_offer_for(p, -1) == RENEWAL_OFFER_CARD_BLOCKED)
		html_printf(
			&r->out,
			"<p class=\"hint\" id=\"renewal-blocked\">This card is blocked: the "
			"catalogue will likely refuse to renew. Tell the caller what the catalogue "
			"says to do; a hold cannot be placed either.</p>");
	html_printf(&r->out, "<h3>Items out <span class=\"count\">%d</span></h3>",
		    (int)a->nitems_out);
	if (a->nitems_out == 0) {
		html_printf(&r->out, "<p>The caller has no items out.</p>");
		return;
	}
	html_printf(&r->out, "<ul class=\"items\" id=\"renewal-items\">");
	for (size_t i = 0; i < a->nitems_out; i++) {
		const struct ils_item *it = &a->items_out[i];
		const char *due = catalogue_due_words(r, it->due, it->due_at, c->time_zone);
		html_printf(&r->out, "<li>%s", it->title ? it->title : it->id);
		if (due)
			html_printf(&r->out, ", due %s", due);
		if (a->overdue && a->overdue[i])
			html_printf(&r->out, " <strong class=\"flag\">Overdue</strong>");
		html_printf(&r->out, " ");
		renew_form(r, c, sh, it);
		html_printf(&r->out, "</li>");
	}
	html_printf(&r->out, "</ul>");
	renew_form(r, c, sh, NULL);
}

/* The visit has no customer: the desk asks the caller for the card. */
static void card_form(struct request *r, const struct renewal_call *c)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"%s/items\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><label for=\"card\">The caller's library card "
		    "number</label><input id=\"card\" name=\"card\" inputmode=\"numeric\" "
		    "autocomplete=\"off\" required><button type=\"submit\" class=\"primary\">Show "
		    "their items</button></form>",
		    base_url(r, c), page_csrf(r));
}

/* The account read again, after a renewal: a link, or with a typed card the card's form, so
 * that the renewal's request holds no thread for a second read of the catalogue. */
static void show_again(struct request *r, const struct renewal_call *c, const struct shown *sh)
{
	if (!sh->card) {
		html_printf(&r->out,
			    "<p><a href=\"%s/items\" id=\"show-again\">Show the caller's items "
			    "again</a></p>",
			    base_url(r, c));
		return;
	}
	html_printf(&r->out,
		    "<form method=\"post\" action=\"%s/items\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"card\" "
		    "value=\"%s\"><button type=\"submit\" id=\"show-again\">Show the caller's "
		    "items again</button></form>",
		    base_url(r, c), page_csrf(r), sh->card);
}

static void begin(struct request *r, const struct renewal_call *c)
{
	char ticket[TICKET_LABEL_MAX];
	ticket_label(c->v.channel, c->v.ticket, ticket);
	page_begin(r, "Renewal call");
	html_printf(&r->out,
		    "<p><a href=\"/desk/%s\">Back to the desk</a></p><h1>Renewal call %s</h1>",
		    html_url_part(&r->arena, c->v.branch_code), ticket);
}

/* After Renew or Renew all: the results to read out, and the way to the items again. */
static void results_page(struct request *r, const struct renewal_call *c, const struct shown *sh)
{
	begin(r, c);
	results(r, c, sh);
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"ih\"><h2 id=\"ih\">The "
			     "caller's items</h2>");
	show_again(r, c, sh);
	html_printf(&r->out, "<p class=\"hint\">When you have read out the results, finish the "
			     "call on the desk.</p></section>");
	page_end(r);
}

static void renewal_page(struct request *r, const struct shown *sh)
{
	struct fd_error err = {0};
	struct renewal_call c;
	struct catalogue_account a;
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit");
		page_error(r, &err);
		return;
	}
	int rc = renewal_account(&r->svc, id, sh->card, &c, &a, &err);
	/* Refused outright (no such visit, not the reader's to see): the error page. Not yet
	 * theirs to renew (not serving it, or not a renewal call) is said on the page, with the
	 * way back; the card's and the catalogue's failures too, and the call goes on. */
	bool not_yet =
		rc && !c.checked && c.v.id && (err.code == FD_EPOLICY || err.code == FD_ECONFLICT);
	if (rc && !not_yet && (!c.checked || err.code == FD_EFORBID || err.code == FD_EINTERNAL)) {
		page_error(r, &err);
		return;
	}
	begin(r, &c);
	if (not_yet) {
		html_printf(&r->out, "<p class=\"hint\" id=\"renewal-not-yet\">%s</p>",
			    req_message(r, &err));
		page_end(r);
		return;
	}
	html_printf(&r->out, "<section class=\"card\" aria-labelledby=\"ih\"><h2 id=\"ih\">The "
			     "caller's items</h2>");
	bool ask_card = rc && strcmp(err.field, "card") == 0;
	if (rc && !ask_card)
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"catalogue-silent\">%s — the call goes "
			    "on: try again in a moment, or offer a callback.</p>",
			    err.code == FD_ENOTFOUND ? "The library catalogue has no such card"
						     : "The library catalogue is not answering");
	if (ask_card || (rc && err.code == FD_ENOTFOUND && !c.v.customer_card))
		card_form(r, &c);
	else if (!rc)
		items(r, &c, sh, &a);
	html_printf(&r->out, "<p class=\"hint\">When you have read out the results, finish the "
			     "call on the desk.</p></section>");
	page_end(r);
}

void page_desk_items(struct request *r)
{
	struct shown sh = {0};
	renewal_page(r, &sh);
}

/* The card the caller read out, typed by the desk: their items, on the same page. */
void page_desk_items_card(struct request *r)
{
	struct fd_error err = {0};
	struct renewal_input in;
	struct shown sh = {0};
	if (req_form_input(r, &renewal_input_table, &in, &err)) {
		page_error(r, &err);
		return;
	}
	if (!in.card) {
		fd_fail_field(&err, "card", "Type the caller's library card number.");
		page_error(r, &err);
		return;
	}
	sh.card = in.card;
	renewal_page(r, &sh);
}

void page_desk_renew(struct request *r)
{
	struct fd_error err = {0};
	struct renewal_input in;
	struct renewal_call c;
	struct shown sh = {0};
	struct renewal_result *res = NULL;
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit");
		page_error(r, &err);
		return;
	}
	if (req_form_input(r, &renewal_input_table, &in, &err)) {
		page_error(r, &err);
		return;
	}
	if (!in.once)
		in.once = -1; /* refused by renewal_renew, after it has checked who may renew */
	if (renewal_renew(&r->svc, id, &in, &c, &res, &sh.n, &err)) {
		/* The catalogue not answering is said on the page, and the call goes on: with
		 * "nothing was renewed", or, when the answer was lost, to look at the account. */
		if (err.code != FD_EUNAVAILABLE || !c.checked) {
			page_error(r, &err);
			return;
		}
		sh.failed = &err;
	}
	sh.card = in.card;
	sh.res = res;
	results_page(r, &c, &sh);
	if (sh.failed)
		r->status = 503;
}
