/* The desk queue on the desk page: every visit with big, keyboard-reachable buttons for
 * exactly the moves the policy allows its reader (the visit's actions, as the API lists
 * them), the phone greeting, and a fragment that desk.js fetches again whenever the branch's
 * event stream says the queue changed. */
#include <stddef.h>
#include <string.h>

#include "base/i18n.h"
#include "base/timefmt.h"
#include "service/queue.h"
#include "http/handlers.h"
#include "http/page.h"
#include "http/input.h"
#include "pages/catalogue_panel.h"
#include "pages/page_queue.h"

/* How the desk draws each action: a button's words, or a form of its own (no label); for a
 * move refused only for now, a hint in its place (a caller's turn is said on the row); and
 * what the status line says once it is done, around the ticket. */
static const struct {
	const char *label, *cls, *later;
	const char *said[2]; /* before the ticket, after it */
} words[DESK_ACTION__MAX] = {
	[DESK_ACKNOWLEDGE] = {"Acknowledge", "", NULL, {"", " acknowledged."}},
	[DESK_START] = {"Serve", "primary", NULL, {"Now serving ", "."}},
	[DESK_FINISH] = {"Finish", "primary", NULL, {"", " finished: thank you."}},
	[DESK_HOLD] = {"Ask to hold",
		       "",
		       NULL,
		       {"", " is on hold: take them back with Back from hold when you are free."}},
	[DESK_RESUME] = {"Back from hold", "primary", NULL, {"Now serving ", ", back from hold."}},
	[DESK_CALLBACK] = {NULL, NULL, NULL, {"Callback promised to ", "."}},
	[DESK_CALLBACK_DONE] = {"Called back", "primary", NULL, {"", " called back."}},
	[DESK_NO_SHOW] = {"Did not come",
			  "",
			  "“Did not come” once they have had time to reach the desk",
			  {"", " noted as not come to the desk."}},
	[DESK_RETURN] = {"Came back: put back in line", "", NULL, {"", " is back in line."}},
	[DESK_TOUR] = {NULL, NULL, NULL, {"Tour recorded for ", "."}},
	[DESK_MARK_NEW] = {"Mark as a new customer", "", NULL, {"", " marked as a new customer."}},
	[DESK_REMOVE] = {"Remove from the line", "", NULL, {"", " removed from the line."}},
	[DESK_RENEWAL] = {"Renewal call",
			  "",
			  NULL,
			  {"", " is a renewal call: if you are serving someone in the library, ask "
			       "the caller to please hold."}},
};

/* The status line's words once action a is done on ticket, for desk.js to say. */
static const char *said(struct request *r, enum desk_action a, const char *ticket)
{
	return arena_printf(&r->arena, "%s%s%s", words[a].said[0], ticket, words[a].said[1]);
}

/* One button that posts a desk action for a visit. */
static void action_button(struct request *r, const char *code, const struct visit *v,
			  enum desk_action a, const char *ticket)
{
	const char *action = desk_action_name(a);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/visits/%lld/%s\" class=\"inline\" "
		    "data-said=\"%s\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<button type=\"submit\" id=\"v%lld-%s\" class=\"%s\">%s</button></form>",
		    html_url_part(&r->arena, code), (long long)v->id,
		    html_url_part(&r->arena, action), said(r, a, ticket), page_csrf(r),
		    (long long)v->id, action, words[a].cls, words[a].label);
}

static void callback_form(struct request *r, const char *code, const struct visit *v,
			  const char *ticket)
{
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/desk/%s/visits/%lld/callback\" "
		"class=\"inline callback\" data-said=\"%s\"><input type=\"hidden\" "
		"name=\"csrf\" value=\"%s\"><label for=\"cb%lld\">Number to call</label>"
		"<input id=\"cb%lld\" name=\"phone\" inputmode=\"tel\" required size=\"14\">"
		"<select name=\"minutes\" id=\"cbm%lld\" aria-label=\"within\"><option "
		"value=\"15\">within 15 "
		"min</option><option value=\"30\" selected>within 30 min</option>"
		"<option value=\"60\">within an hour</option></select>"
		"<button type=\"submit\" id=\"v%lld-callback\">Promise a callback</button></form>",
		html_url_part(&r->arena, code), (long long)v->id, said(r, DESK_CALLBACK, ticket),
		page_csrf(r), (long long)v->id, (long long)v->id, (long long)v->id,
		(long long)v->id);
}

/* CS-NEWCUST prompts a tour for a new customer; anyone else may be given one too. One form
 * with the outcome to choose, drawn from the tour's vocabulary as the service reads it. */
static void tour_form(struct request *r, const char *code, const struct visit_view *vv,
		      const char *ticket)
{
	long long id = (long long)vv->v.id;
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/visits/%lld/tour\" "
		    "class=\"inline tour\" data-said=\"%s\"><input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\"><label for=\"tour%lld\">%s</label><select id=\"tour%lld\" "
		    "name=\"outcome\">",
		    html_url_part(&r->arena, code), id, said(r, DESK_TOUR, ticket), page_csrf(r),
		    id, vv->is_new ? "Tour (CS-NEWCUST)" : "Tour", id);
	for (int t = TOUR_NONE + 1; t < TOUR__MAX; t++)
		html_printf(&r->out, "<option value=\"%s\">%s</option>",
			    tour_outcome_name((enum tour_outcome)t),
			    tour_outcome_label((enum tour_outcome)t));
	html_printf(&r->out,
		    "</select><button type=\"submit\" id=\"v%lld-tour\">Record the tour</button>"
		    "</form>",
		    id);
}

/* Exactly the visit's actions, in the enum's order; a hint for each refused only for now. */
static void action_forms(struct request *r, const struct branch *b, const struct visit_view *vv,
			 const char *ticket)
{
	/* One at a time: what keeps Serve away when the reader is serving someone already. */
	if (vv->not_yet & (DESK_BIT(DESK_START) | DESK_BIT(DESK_RESUME)) && vv->busy_with[0])
		html_printf(&r->out,
			    "<span class=\"hint\" id=\"v%lld-busy\">Serve once you have finished "
			    "with %s</span>",
			    (long long)vv->v.id, vv->busy_with);
	for (int i = 0; i < DESK_ACTION__MAX; i++) {
		enum desk_action a = (enum desk_action)i;
		if (vv->not_yet & DESK_BIT(a) && words[a].later)
			html_printf(&r->out, "<span class=\"hint\" id=\"v%lld-%s-later\">%s</span>",
				    (long long)vv->v.id, desk_action_name(a), words[a].later);
		if (!(vv->actions & DESK_BIT(a)))
			continue;
		if (a == DESK_CALLBACK)
			callback_form(r, b->code, &vv->v, ticket);
		else if (a == DESK_TOUR)
			tour_form(r, b->code, vv, ticket);
		else
			action_button(r, b->code, &vv->v, a, ticket);
	}
}

/* A target in seconds as a person says it: "1-minute", "90-second". */
static const char *target_words(struct request *r, int target_s)
{
	if (target_s % 60 == 0)
		return arena_printf(&r->arena, "%d-minute", target_s / 60);
	return arena_printf(&r->arena, "%d-second", target_s);
}

/* "1 customer", "3 customers". */
static const char *customers(struct request *r, int n)
{
	return arena_printf(&r->arena, "%d customer%s", n, n == 1 ? "" : "s");
}

/* CS-INPERSON on a caller's row: why they are, or are not yet, the one to serve. */
static void caller_turn(struct request *r, const struct visit_view *vv, int walkins)
{
	const struct visit *v = &vv->v;
	const char *why = NULL;
	if (v->channel != CHANNEL_PHONE || (v->state != VISIT_WAITING && v->state != VISIT_ON_HOLD))
		return;
	if (v->hold_at && vv->walkins_ahead == 1)
		why = "Picked up after the customer who was already waiting in the library when "
		      "the hold began (CS-INPERSON)";
	else if (v->hold_at && vv->walkins_ahead > 0)
		why = arena_printf(&r->arena,
				   "Picked up after the %s who were already waiting in the library "
				   "when the hold began (CS-INPERSON)",
				   customers(r, vv->walkins_ahead));
	else if (v->hold_at && walkins > 0)
		why = arena_printf(&r->arena,
				   "Picked up next: asked to hold before the %s waiting in the "
				   "library came (CS-INPERSON)",
				   customers(r, walkins));
	else if (v->hold_at)
		why = "Picked up next: nobody in the library comes first";
	else if (vv->walkins_ahead > 0)
		why = arena_printf(
			&r->arena,
			"After the %s waiting in the library: ask the caller to hold, or "
			"offer a callback (CS-INPERSON)",
			customers(r, vv->walkins_ahead));
	if (why)
		html_printf(&r->out, " <span class=\"turn\" id=\"v%lld-turn\">%s</span>",
			    (long long)v->id, why);
}

/* A ticket the customer took on their phone: said so, with the name, reason and language
 * they gave, in plain words (English is not worth saying). */
static void joined_words(struct request *r, const struct visit *v)
{
	html_printf(&r->out, " <span class=\"joined\" id=\"v%lld-joined\">%s", (long long)v->id,
		    joined_label(v->joined));
	if (v->first_name)
		html_printf(&r->out, ": %s", v->first_name);
	if (v->reason != REASON_NONE)
		html_printf(&r->out, " · %s", visit_reason_label(v->reason));
	if (v->language && strcmp(v->language, "en") != 0)
		html_printf(&r->out, " · <strong>speaks %s</strong>", language_label(v->language));
	html_printf(&r->out, "</span>");
}

/* The renewal call the reader is serving: its items, to renew while the caller is on the line
 * (CS-INPERSON). Only for whom may see a customer's account (CS-CONFIDENTIAL). */
static void renewal_link(struct request *r, const struct branch *b, const struct visit *v)
{
	if (v->reason != REASON_RENEWAL || v->state != VISIT_SERVING || !r->svc.actor ||
	    v->served_by != r->svc.actor->id)
		return;
	/* A volunteer or a page may take the call but not open the account: say so, plainly. */
	if (!role_sees_customers(r->svc.actor->role)) {
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"v%lld-items\">Renewing needs a "
			    "colleague who may open the customer's account: ask the caller "
			    "to hold and hand the call to a member of staff.</p>",
			    (long long)v->id);
		return;
	}
	html_printf(&r->out,
		    "<a class=\"button primary\" id=\"v%lld-items\" data-page "
		    "href=\"/desk/%s/visits/%lld/items\">Renew the caller's items</a>",
		    (long long)v->id, html_url_part(&r->arena, b->code), (long long)v->id);
}

static void visit_item(struct request *r, const struct branch *b, const struct visit_view *vv,
		       int walkins)
{
	const struct visit *v = &vv->v;
	bool phone = v->channel == CHANNEL_PHONE;
	char ticket[TICKET_LABEL_MAX];
	ticket_label(v->channel, v->ticket, ticket);
	html_printf(&r->out, "<li class=\"visit%s%s%s\" id=\"visit-%lld\">",
		    vv->ack_overdue ? " ack-overdue" : "", vv->past_target ? " past-target" : "",
		    vv->callback_overdue ? " callback-overdue" : "", (long long)v->id);
	html_printf(&r->out, "<span class=\"ticket\">%s</span> ", ticket);
	if (v->customer_name && v->customer_id && r->svc.actor &&
	    role_sees_customers(r->svc.actor->role))
		html_printf(&r->out, "<a class=\"who\" href=\"/customers/%lld\">%s</a>",
			    (long long)v->customer_id, v->customer_name);
	else
		html_printf(&r->out, "<span class=\"who\">%s</span>",
			    v->customer_name ? v->customer_name
			    : phone	     ? "Phone caller"
					     : "Walk-in");
	if (v->joined == JOINED_PHONE)
		joined_words(r, v);
	else if (v->reason == REASON_RENEWAL)
		html_printf(&r->out,
			    " <span class=\"joined\" id=\"v%lld-renewal\">Renewal call</span>",
			    (long long)v->id);
	if (v->note && *v->note)
		html_printf(&r->out, " <span class=\"note\">%s</span>", v->note);
	html_printf(&r->out, " <span class=\"wait\">%lld min</span>", (long long)(vv->wait_s / 60));
	if (v->state == VISIT_SERVING && v->served_by_name)
		html_printf(&r->out, " <span class=\"served-by\">served by %s%s%s</span>",
			    v->served_by_name, v->desk ? " at desk " : "", v->desk ? v->desk : "");
	/* The flags on a line of their own, below who and how long. */
	bool flags = vv->past_target || vv->ack_overdue || (vv->is_new && v->tour == TOUR_NONE) ||
		     vv->ban_notice;
	if (flags)
		html_printf(&r->out, "<div class=\"flags\">");
	/* A ban issued at any branch: staff decide with the person in charge (desk.js says it
	 * when the visit is added). */
	if (vv->ban_notice)
		html_printf(&r->out, " <strong class=\"flag ban\">%s</strong>", vv->ban_notice);
	/* CS-ACK's target, as the customer feels it: waiting longer than it, by the clock. */
	if (vv->past_target)
		html_printf(&r->out,
			    " <strong class=\"flag past-target\">Waiting longer than the %s "
			    "target</strong>",
			    target_words(r, b->ack_target_s));
	if (vv->ack_overdue)
		html_printf(&r->out, " <strong class=\"flag\">Not yet acknowledged: let them know "
				     "you will be with them soon (CS-ACK)</strong>");
	if (vv->is_new && v->tour == TOUR_NONE)
		html_printf(&r->out, " <strong class=\"flag new\">New customer</strong>");
	if (flags)
		html_printf(&r->out, "</div>");
	caller_turn(r, vv, walkins);
	if (v->state == VISIT_CALLBACK) {
		if (v->callback_phone)
			html_printf(&r->out, " <span>call %s by ", v->callback_phone);
		else
			html_printf(&r->out, " <span>call back (staff have the number) by ");
		page_local_time(r, b->time_zone, v->callback_promised_at);
		if (vv->callback_overdue)
			html_printf(&r->out, " <strong class=\"flag\">overdue</strong>");
		html_printf(&r->out, "</span>");
	}
	html_printf(&r->out, "<div class=\"actions\">");
	/* CS-ALT: what the customer needs is taken down in one click from their visit. */
	if (v->state != VISIT_NO_SHOW)
		html_printf(&r->out,
			    "<a class=\"button\" id=\"v%lld-request\" "
			    "href=\"/desk/%s/requests?visit=%lld#new\">Request…</a>",
			    (long long)v->id, html_url_part(&r->arena, b->code), (long long)v->id);
	renewal_link(r, b, v);
	action_forms(r, b, vv, ticket);
	html_printf(&r->out, "</div></li>");
}

static void visit_list(struct request *r, const struct branch *b, const char *title,
		       const struct visit_view *v, size_t n, bool ordered, int walkins)
{
	if (n == 0 && !ordered)
		return;
	html_printf(&r->out, "<h3>%s <span class=\"count\">%d</span></h3>", title, (int)n);
	html_printf(&r->out, ordered ? "<ol class=\"visits\">" : "<ul class=\"visits\">");
	for (size_t i = 0; i < n; i++)
		visit_item(r, b, &v[i], walkins);
	html_printf(&r->out, ordered ? "</ol>" : "</ul>");
}

/* The wait for someone arriving now, as a worker would tell them. */
static const char *estimate_words(struct request *r, int estimate_s, int ahead)
{
	int min = (estimate_s + 59) / 60;
	if (min == 0)
		return ahead ? "Someone arriving now would wait under a minute"
			     : "Someone arriving now would not have to wait";
	return arena_printf(&r->arena, "Someone arriving now would wait about %d minute%s", min,
			    min == 1 ? "" : "s");
}

/* "Serve next", saying whom it takes; and why, when that is a caller on hold who comes
 * before the walk-ins listed as waiting (CS-INPERSON). */
static void next_head(struct request *r, const struct queue_view *q, int walkins)
{
	const struct branch *b = &q->branch;
	char ticket[TICKET_LABEL_MAX] = "";
	if (q->next)
		ticket_label(q->next->v.channel, q->next->v.ticket, ticket);
	int callers = (int)q->nwaiting - walkins;
	html_printf(&r->out,
		    "<div class=\"queue-head\"><form method=\"post\" action=\"/desk/%s/next\" "
		    "class=\"inline\" data-said=\"%s\"><input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\"><button type=\"submit\" id=\"next\" class=\"primary big\" "
		    "accesskey=\"n\">Serve next%s%s</button></form> <span id=\"waiting-words\">%d "
		    "waiting in the library",
		    html_url_part(&r->arena, b->code),
		    q->next ? said(r, DESK_START, ticket) : "Nobody is waiting just now.",
		    page_csrf(r), q->next ? ": " : "", ticket, walkins);
	if (callers > 0 || q->non_hold > 0)
		html_printf(&r->out, ", %d phone caller%s", callers + (int)q->non_hold,
			    callers + (int)q->non_hold == 1 ? "" : "s");
	html_printf(&r->out, ". <span id=\"estimate\">%s.</span></span>",
		    estimate_words(r, q->estimate_s, walkins + (int)q->non_hold));
	/* One customer at a time: next is refused until the reader's own is finished. */
	if (q->next && q->next->busy_with[0])
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"next-busy\">You are serving %s: finish with "
			    "them%s before serving the next.</p>",
			    q->next->busy_with,
			    q->next->busy_with[0] == 'P' ? ", or ask the caller to hold," : "");
	if (q->next && q->next->v.state == VISIT_ON_HOLD && walkins > 0)
		html_printf(&r->out,
			    "<p class=\"hint\" id=\"next-why\">%s is on hold and is taken first: "
			    "the caller was asked to hold before the customers now waiting in "
			    "the library came (CS-INPERSON).</p>",
			    ticket);
	html_printf(&r->out, "</div>");
}

/* The part of the page the live stream refreshes. */
static void queue_fragment(struct request *r, const struct queue_view *q)
{
	const struct branch *b = &q->branch;
	fetch_alerts(r, b);
	int walkins = 0;
	for (size_t i = 0; i < q->nwaiting; i++)
		walkins += q->waiting[i].v.channel == CHANNEL_IN_PERSON;
	next_head(r, q, walkins);
	visit_list(r, b, "Waiting, in serving order", q->waiting, q->nwaiting, true, walkins);
	visit_list(r, b, "Being served", q->serving, q->nserving, false, walkins);
	visit_list(r, b, "On hold", q->on_hold, q->non_hold, false, walkins);
	visit_list(r, b, "Callbacks", q->callbacks, q->ncallbacks, false, walkins);
	visit_list(r, b, "Did not come today", q->no_shows, q->nno_shows, false, walkins);
}

/* How the day's opening reads beside the hours: "Opened at", "Opened early at", or
 * "Opened outside hours at", so that a branch open on a closed day never reads as on time. */
static const char *opened_words(enum opening_fit fit)
{
	switch (fit) {
	case OPENING_EARLY: return "Opened early at ";
	case OPENING_AFTER_HOURS:
	case OPENING_CLOSED_DAY: return "Opened outside hours at ";
	default: return "Opened at ";
	}
}

/* The branch opened by hand: outside its hours the server asks for the box to be ticked
 * (CS-HOURS), saying the branch is closed now. */
static void open_form(struct request *r, const struct branch_view *bv, const char *csrf)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/open\" class=\"inline open-form\" "
		    "data-said=\"The branch is open.\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    html_url_part(&r->arena, bv->branch.code), csrf);
	if (!bv->open_now)
		html_printf(&r->out,
			    "<label class=\"check confirm\"><input type=\"checkbox\" "
			    "name=\"outside_hours\" id=\"outside_hours\" value=\"1\"> %s is "
			    "%s: open it anyway, outside its hours</label> ",
			    bv->branch.name,
			    bv->today.hours.opens_min < 0 ? "closed today" : "closed now");
	html_printf(&r->out, "<button type=\"submit\" id=\"open\">Open the branch now</button>"
			     "</form>");
}

/* "Ask how it went": for the ticket just finished (?finished=A12, which Finish redirects to),
 * a button posting it for its QR card; else a link to the card's form for any ticket finished
 * today. Inside the day bar, which desk.js redraws after every action, so the button appears
 * right after Finish; the card is a page of its own, so the browser posts it (data-page). */
static void ask_how_it_went(struct request *r, const char *code)
{
	const char *finished = req_query(r, "finished");
	if (!role_may(r->actor.role, ACTION_QUEUE_WORK))
		return;
	if (finished && *finished && strlen(finished) < TICKET_LABEL_MAX)
		html_printf(
			&r->out,
			" <form method=\"post\" action=\"/desk/%s/feedback\" class=\"inline\" "
			"data-page><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			"<input type=\"hidden\" name=\"ticket\" value=\"%s\"><button "
			"type=\"submit\" id=\"ask-feedback\">Ask %s how it went</button></form>",
			html_url_part(&r->arena, code), page_csrf(r), finished, finished);
	else
		html_printf(&r->out,
			    " <a href=\"/desk/%s/feedback\" id=\"ask-feedback\">Ask how it "
			    "went</a>",
			    html_url_part(&r->arena, code));
}

/* CS-INPERSON: a renewal call just added while the desk serves someone in the library is on
 * hold (?held=P3, which adding it redirects to): what to tell the caller, said at once. */
static void held_notice(struct request *r)
{
	const char *held = req_query(r, "held");
	/* Only a caller's ticket ("P3"): nothing else typed into the address is echoed. */
	if (held && held[0] == 'P' && held[1] && strlen(held) < TICKET_LABEL_MAX &&
	    strspn(held + 1, "0123456789") == strlen(held + 1))
		html_printf(&r->out,
			    "<p id=\"desk-held\" class=\"said\" role=\"status\">%s: %s.</p>", held,
			    renewal_hold_words);
}

static void day_bar(struct request *r, const struct branch_view *bv, const struct queue_view *q)
{
	const char *csrf = page_csrf(r);
	html_printf(&r->out, "<section class=\"card day\" aria-label=\"Today\">");
	held_notice(r); /* in the day bar, which desk.js redraws after adding a visit */
	if (q->opened_today) {
		html_printf(&r->out, "<span id=\"opened\">%s", opened_words(q->opening_fit));
		page_local_time(r, q->branch.time_zone, q->opening.opened_at);
		html_printf(&r->out, " by %s%s</span>", q->opening.by.name,
			    q->opening.late_s > 0 && q->opening_fit == OPENING_IN_HOURS ? " (late)"
											: "");
	} else {
		open_form(r, bv, csrf);
	}
	html_printf(&r->out,
		    " <span id=\"finished-today\">Finished today: %lld</span> <span>Roving help "
		    "today: %lld</span><form method=\"post\" action=\"/desk/%s/roving\" "
		    "class=\"inline\" data-said=\"Help on the floor counted.\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\" "
		    "id=\"rove\">+1 helped on the floor</button></form>",
		    (long long)q->served_today, (long long)q->roving_today,
		    html_url_part(&r->arena, q->branch.code), csrf);
	ask_how_it_went(r, q->branch.code);
	html_printf(&r->out, "</section>");
}

/* CS-PHONE: the greeting to read out, in English and beneath it in each other language the
 * public's pages speak, so that whoever answers can greet a caller in theirs. */
static void greetings(struct request *r, const struct branch_view *bv)
{
	html_printf(&r->out,
		    "<div class=\"greeting\" id=\"greeting\"><p><strong>Answer the phone:</strong> "
		    "“%s”</p>",
		    queue_greeting(&r->svc, bv, LANG_ENGLISH));
	for (int lang = 1; lang < i18n_count(); lang++) {
		html_printf(&r->out, "<p lang=\"%s\">", i18n_code(lang));
		/* TRANSLATORS: on the desk's page, before the phone greeting in your language:
		 * "En español:". */
		html_printf(&r->out, "%s “%s”</p>", tr(lang, "In English:"),
			    queue_greeting(&r->svc, bv, lang));
	}
	html_printf(&r->out, "</div>");
}

static void intake(struct request *r, const struct branch_view *bv)
{
	const struct branch *b = &bv->branch;
	const char *csrf = page_csrf(r);
	html_printf(
		&r->out,
		"<section class=\"card intake\" aria-labelledby=\"in\"><h2 id=\"in\">A customer "
		"arrives</h2><form method=\"post\" action=\"/desk/%s/visits\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		html_url_part(&r->arena, b->code), csrf);
	/* CS-CONFIDENTIAL: only those who may read customer records are offered the card. */
	if (r->svc.actor && role_sees_customers(r->svc.actor->role))
		html_printf(&r->out,
			    "<label for=\"card\">Library card (optional)</label>"
			    "<input id=\"card\" name=\"customer_card\" "
			    "inputmode=\"numeric\" autocomplete=\"off\"><p class=\"hint\">"
			    "<a href=\"/customers\">Find a customer by name or phone</a></p>");
	html_printf(
		&r->out,
		"<label for=\"note\">Note (optional)</label><input id=\"note\" name=\"note\">"
		"<label class=\"check\"><input type=\"checkbox\" name=\"new_customer\" "
		"value=\"1\"> New customer</label>"
		"<label class=\"check\"><input type=\"checkbox\" name=\"renewal\" id=\"renewal\" "
		"value=\"1\"> Renewal call (a caller renewing items)</label>"
		"<button type=\"submit\" name=\"channel\" value=\"in_person\" class=\"primary\" "
		"id=\"walk-in\">Walk-in</button> "
		"<button type=\"submit\" name=\"channel\" value=\"phone\" class=\"primary\" "
		"id=\"phone-call\">Phone call</button></form>");
	greetings(r, bv);
	html_printf(&r->out, "</section>");
}

int desk_work_panels(struct request *r, const struct branch_view *bv, int *waiting,
		     struct fd_error *err)
{
	const struct branch *b = &bv->branch;
	struct queue_view q;
	if (queue_get(&r->svc, b->code, &q, err))
		return -1;
	/* Where desk.js says why an action was refused, without leaving the page. */
	html_printf(&r->out, "<p id=\"desk-status\" class=\"error\" role=\"alert\" hidden></p>");
	/* Where desk.js says what was done, for the worker to pass on: polite, not an alert. */
	html_printf(&r->out, "<p id=\"desk-said\" class=\"said\" role=\"status\"></p>");
	*waiting = (int)(q.nwaiting + q.non_hold);
	day_bar(r, bv, &q);
	html_printf(&r->out, "<div class=\"grid work\">");
	intake(r, bv);
	html_printf(&r->out,
		    "<section class=\"card queue\" aria-labelledby=\"qh\"><h2 id=\"qh\">Queue</h2>"
		    "<div id=\"queue\" data-branch=\"%s\" aria-live=\"polite\">",
		    b->code);
	queue_fragment(r, &q);
	html_printf(&r->out, "</div></section></div>");
	catalogue_panel_serving(r, &q); /* outside the fragment: the live refresh never waits */
	return 0;
}

void page_desk_queue(struct request *r)
{
	struct fd_error err = {0};
	struct queue_view q;
	if (queue_get(&r->svc, r->params[0], &q, &err)) {
		page_error(r, &err);
		return;
	}
	r->content_type = "text/html; charset=utf-8";
	queue_fragment(r, &q);
}

void page_desk_visit(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	struct visit_input in;
	if (req_form_input(r, &visit_input_table, &in, &err) ||
	    queue_visit_add(&r->svc, r->params[0], &in, &out, &err)) {
		page_error(r, &err);
	} else if (out.instruction) {
		char ticket[TICKET_LABEL_MAX];
		ticket_label(out.v.channel, out.v.ticket, ticket);
		req_redirect(r, arena_printf(&r->arena, "/desk/%s?held=%s",
					     html_url_part(&r->arena, r->params[0]),
					     html_url_part(&r->arena, ticket)));
	} else {
		page_redirect_desk(r, r->params[0]);
	}
}

/* The desk's callback form says within how many minutes to call back; the promised time the
 * service takes is that many minutes from now (one that has passed, it refuses). */
struct callback_form {
	int minutes;
};
static const struct input_field callback_fields[] = {
	{"minutes", "Call back within how many minutes", INPUT_INT, true, -1440, 1440,
	 .offset = offsetof(struct callback_form, minutes)},
};
static const struct input_table callback_table = INPUT_TABLE(callback_fields);

void page_desk_act(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	enum desk_action a;
	int64_t id;
	struct act_input in;
	struct callback_form cb;
	if (parse_id(r->params[1], &id) || !desk_action_from_name(r->params[2], &a)) {
		fd_fail(&err, FD_ENOTFOUND, "no such visit or desk action");
		page_error(r, &err);
		return;
	}
	if (req_form_input(r, &act_input_table, &in, &err) ||
	    (a == DESK_CALLBACK && req_form_input(r, &callback_table, &cb, &err))) {
		page_error(r, &err);
		return;
	}
	if (a == DESK_CALLBACK)
		in.promised_at = r->svc.now + 60 * (int64_t)cb.minutes;
	if (queue_act(&r->svc, id, a, &in, &out, &err)) {
		page_error(r, &err);
	} else if (a == DESK_FINISH && out.v.channel == CHANNEL_IN_PERSON) {
		/* The desk then offers "Ask A12 how it went" for the visit just finished. */
		char ticket[TICKET_LABEL_MAX];
		ticket_label(out.v.channel, out.v.ticket, ticket);
		req_redirect(r, arena_printf(&r->arena, "/desk/%s?finished=%s",
					     html_url_part(&r->arena, r->params[0]),
					     html_url_part(&r->arena, ticket)));
	} else {
		page_redirect_desk(r, r->params[0]);
	}
}

void page_desk_next(struct request *r)
{
	struct fd_error err = {0};
	struct visit_view out;
	bool found;
	if (queue_next(&r->svc, r->params[0], &out, &found, &err))
		page_error(r, &err);
	else
		page_redirect_desk(r, r->params[0]);
}

void page_desk_open(struct request *r)
{
	struct fd_error err = {0};
	struct opening o;
	struct open_input in;
	if (req_form_input(r, &open_input_table, &in, &err) ||
	    queue_open(&r->svc, r->params[0], &in, &o, &err))
		page_error(r, &err);
	else
		page_redirect_desk(r, r->params[0]);
}

void page_desk_rove(struct request *r)
{
	struct fd_error err = {0};
	int64_t today;
	if (queue_rove(&r->svc, r->params[0], &today, &err))
		page_error(r, &err);
	else
		page_redirect_desk(r, r->params[0]);
}
