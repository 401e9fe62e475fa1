/* A ticket taken by phone, as its holder follows it: the number, the place in line and the
 * wait, "It's your turn — desk 2" when called, leaving the line (asked first), and a
 * thank-you at the end, or the way back into the line for a ticket that left it.
 * join.js fetches the status fragment again whenever the branch's public stream says the
 * queue changed, and plays a tone and vibrates when the ticket is called. */
#include <string.h>

#include "service/feedback.h"
#include "service/join.h"
#include "http/handlers.h"
#include "http/lang.h"
#include "http/page.h"

/* The public's formats come through tr(): msgfmt --check keeps a translation's conversions
 * those of its msgid, which is what the compiler cannot see. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* A translated sentence with a number in it, as text: html_printf escapes it, so a
 * catalogue's words never become markup. */
static const char *said(struct request *r, const char *format, int n)
{
	return arena_printf(&r->arena, format, n);
}

/* The wait in the customer's words. */
static void wait_words(struct request *r, int lang, const struct join_status *st)
{
	int min = (st->estimate_s + 59) / 60;
	html_printf(&r->out, "<p class=\"place\" id=\"place\">");
	html_printf(&r->out, "%s", said(r, tr(lang, "People ahead of you: %d"), st->ahead));
	html_printf(&r->out, "</p><p class=\"estimate\" id=\"estimate\">");
	if (st->ahead == 0)
		html_printf(&r->out, "%s", tr(lang, "You are next."));
	else if (min <= 1)
		html_printf(&r->out, "%s", tr(lang, "Estimated wait: about a minute"));
	else
		html_printf(&r->out, "%s",
			    said(r, tr(lang, "Estimated wait: about %d minutes"), min));
	html_printf(&r->out, "</p>");
}

/* The feedback question once the visit is finished: a button that makes the ticket's own
 * feedback link (a POST: making one writes), or thanks when the visit has its answer. Nothing
 * when it may no longer be answered. */
static void ticket_feedback_hook(struct request *r, int lang, const char *secret)
{
	struct fd_error err = {0};
	struct feedback_visit fv;
	if (feedback_of_ticket_holder(&r->svc, secret, &fv, &err) ||
	    (fv.refusal != FEEDBACK_OK && fv.refusal != FEEDBACK_ANSWERED))
		return;
	html_printf(&r->out,
		    "<section id=\"feedback\" class=\"feedback\" aria-labelledby=\"feedback-h\">"
		    "<h2 id=\"feedback-h\">%s</h2>",
		    tr(lang, "How was your visit today?"));
	if (fv.refusal == FEEDBACK_ANSWERED)
		html_printf(&r->out, "<p class=\"thanks\" id=\"feedback-thanks\">%s</p>",
			    tr(lang, "Thank you for your answer."));
	else
		html_printf(&r->out,
			    "<form method=\"post\" action=\"/ticket/%s/feedback\">"
			    "<button type=\"submit\" class=\"primary big\" id=\"feedback-go\">%s"
			    "</button></form>",
			    secret, tr(lang, "Tell us how your visit went"));
	html_printf(&r->out, "</section>");
}

/* The turn, said in words and as an alert (join.js adds a tone and a vibration). */
static void called_words(struct request *r, int lang, const struct join_status *st)
{
	html_printf(&r->out, "<p class=\"turn\" id=\"turn\" role=\"alert\">");
	if (st->desk)
		html_printf(
			&r->out, "%s",
			arena_printf(&r->arena, tr(lang, "It's your turn — desk %s"), st->desk));
	else
		html_printf(&r->out, "%s", tr(lang, "It's your turn — please come to the desk"));
	html_printf(&r->out, "</p><p>%s</p>", tr(lang, "You are being served."));
}

/* A ticket out of the line holds the phone's place no longer: the join page offers its form
 * again (its held ticket is one still in play). */
static void join_again(struct request *r, int lang, const struct join_status *st)
{
	html_printf(&r->out,
		    "<p class=\"again\"><a class=\"button\" id=\"join-again\" href=\"/join/%s\">%s"
		    "</a></p>",
		    html_url_part(&r->arena, st->branch.code), tr(lang, "Join the line again"));
}

/* How a ticket that is over ended, in the customer's words. */
static void over_words(struct request *r, int lang, const char *secret,
		       const struct join_status *st)
{
	switch (st->state) {
	case VISIT_FINISHED:
		html_printf(&r->out, "<p class=\"done\">%s</p>",
			    tr(lang, "Thank you for visiting the library."));
		ticket_feedback_hook(r, lang, secret);
		break;
	case VISIT_LEFT:
		html_printf(&r->out, "<p class=\"done\">%s</p>", tr(lang, "You left the line."));
		join_again(r, lang, st);
		break;
	case VISIT_REMOVED:
		html_printf(&r->out, "<p class=\"done\" role=\"alert\">%s</p>",
			    tr(lang, "The desk removed this ticket. Please ask at the desk."));
		join_again(r, lang, st);
		break;
	default:
		html_printf(&r->out, "<p class=\"done\">%s</p>",
			    tr(lang, "You were called and did not come. Please ask at the desk."));
	}
}

/* The part of the page that changes: what join.js swaps in. data-stage says where the ticket
 * stands to the script (join_stage_name: "called" is the tone), data-state its visit's state
 * (vocabulary words, never shown). */
static void ticket_status(struct request *r, int lang, const char *secret,
			  const struct join_status *st)
{
	enum join_stage stage = join_stage(st->state);
	html_printf(
		&r->out,
		"<div id=\"status\" data-stage=\"%s\" data-state=\"%s\">"
		"<p class=\"ticket-label\">%s</p><p class=\"ticket-number\" id=\"ticket\">%s</p>",
		join_stage_name(stage), visit_state_name(st->state), tr(lang, "Your ticket"),
		st->ticket);
	if (stage == JOIN_STAGE_IN_LINE) {
		wait_words(r, lang, st);
		/* A link to the question, not the POST itself: one tap loses the place. */
		html_printf(&r->out,
			    "<p class=\"leave\"><a class=\"button leave\" id=\"leave\" "
			    "href=\"/ticket/%s/leave\">%s</a></p>",
			    secret, tr(lang, "Leave the line"));
	} else if (stage == JOIN_STAGE_CALLED) {
		called_words(r, lang, st);
	} else {
		over_words(r, lang, secret, st);
	}
	html_printf(&r->out, "</div>");
}

/* A page of its own for an address that is no ticket's. */
static void ticket_missing(struct request *r, int lang, const struct fd_error *err)
{
	page_public_missing(r, lang, err, tr(lang, "There is no ticket at this address."));
}

/* The words join.js uses, from the page: the script holds no English of its own. Only for a
 * ticket still waiting or called: a tone is of no use once it is over (join.js hides it when
 * the ticket ends while the page is open). */
static void script_words(struct request *r, int lang)
{
	html_printf(
		&r->out,
		"<p class=\"sound\"><button type=\"button\" id=\"sound\" aria-pressed=\"false\" "
		"data-on=\"%s\" data-off=\"%s\">%s</button> <span class=\"hint\">%s</span></p>",
		tr(lang, "Sound is on"), tr(lang, "Turn on sound"), tr(lang, "Turn on sound"),
		tr(lang, "Your phone plays a tone when it is your turn."));
}

void page_ticket(struct request *r)
{
	struct fd_error err = {0};
	struct join_status st;
	const char *secret = r->params[0];
	int lang = req_lang(r);
	if (join_status_get(&r->svc, secret, &st, &err)) {
		ticket_missing(r, lang, &err);
		return;
	}
	struct public_live live = {st.branch.code,
				   arena_printf(&r->arena, "/ticket/%s/status", secret)};
	page_public_begin(r, lang,
			  &(struct public_page){.title = tr(lang, "Your ticket"),
						.script = "join.js",
						.main_class = "join ticket",
						.live = &live});
	html_printf(&r->out, "<h1>%s</h1><div id=\"live\" aria-live=\"polite\">", st.branch.name);
	ticket_status(r, lang, secret, &st);
	html_printf(&r->out, "</div>");
	if (join_stage(st.state) != JOIN_STAGE_OVER)
		script_words(r, lang);
	page_public_end(r);
}

void page_ticket_status(struct request *r)
{
	struct fd_error err = {0};
	struct join_status st;
	int lang = req_lang(r);
	if (join_status_get(&r->svc, r->params[0], &st, &err)) {
		r->status = req_status_of(err.code);
		r->content_type = "text/plain; charset=utf-8";
		html_printf(&r->out, "%s", tr(lang, "No ticket at this address"));
		return;
	}
	r->content_type = "text/html; charset=utf-8";
	ticket_status(r, lang, r->params[0], &st);
}

/* Leaving loses the place for good, so it is asked first, on a page of its own: it needs no
 * script. A ticket no longer waiting is shown as it stands, which says why it cannot leave. */
void page_ticket_leave_ask(struct request *r)
{
	struct fd_error err = {0};
	struct join_status st;
	const char *secret = r->params[0];
	int lang = req_lang(r);
	if (join_status_get(&r->svc, secret, &st, &err)) {
		ticket_missing(r, lang, &err);
		return;
	}
	if (join_stage(st.state) != JOIN_STAGE_IN_LINE) {
		req_redirect(r, arena_printf(&r->arena, "/ticket/%s", secret));
		return;
	}
	page_public_begin(r, lang,
			  &(struct public_page){.title = tr(lang, "Leave the line?"),
						.main_class = "join ticket"});
	html_printf(&r->out, "<h1>%s</h1><p class=\"branch\">%s</p><p class=\"lose\">%s</p>",
		    tr(lang, "Leave the line?"), st.branch.name,
		    tr(lang, "Your place will be lost."));
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/ticket/%s/leave\" class=\"leave\">"
		    "<button type=\"submit\" id=\"leave-yes\">%s</button></form>",
		    secret, tr(lang, "Yes, leave"));
	html_printf(&r->out,
		    "<p class=\"keep\"><a class=\"button keep\" id=\"leave-no\" "
		    "href=\"/ticket/%s\">%s</a></p>",
		    secret, tr(lang, "No, keep my place"));
	page_public_end(r);
}

void page_ticket_leave(struct request *r)
{
	struct fd_error err = {0};
	struct join_status st;
	int lang = req_lang(r);
	/* The secret in the address is the guard: another site does not know it. A ticket no
	 * longer waiting is shown as it stands, which says why it cannot leave. */
	if (join_leave(&r->svc, r->params[0], &st, &err) && err.code == FD_ENOTFOUND) {
		ticket_missing(r, lang, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/ticket/%s", r->params[0]));
}

void page_ticket_feedback(struct request *r)
{
	struct fd_error err = {0};
	const char *link;
	int lang = req_lang(r);
	/* The secret in the address vouches for the holder, as for leaving the line. A visit
	 * that may not be answered shows the ticket as it stands, which says why. */
	if (feedback_link_for_ticket_holder(&r->svc, r->params[0], &link, &err)) {
		if (err.code == FD_ENOTFOUND)
			ticket_missing(r, lang, &err);
		else
			req_redirect(r, arena_printf(&r->arena, "/ticket/%s", r->params[0]));
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/feedback/%s", link));
}
