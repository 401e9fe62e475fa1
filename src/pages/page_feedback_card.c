/* The desk's "Ask how it went": for a ticket finished today, posted, a card with a QR code to
 * a new feedback link of the visit's, big enough to scan across the desk and printable, its
 * words in every language the public pages speak, side by side. A staff page: English around
 * it. For the branch's managers, the exit kiosk too: set up this tablet as it, or retire one. */
#include "http/cookie.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/lang.h"
#include "http/page.h"
#include "pages/qr_svg.h"
#include "service/auth.h"
#include "service/feedback.h"
#include "service/kiosk.h"

/* The ticket to ask about: posted, since making a link is a write (a reload or a browser's
 * prefetch of a GET must not make one). */
static void ticket_form(struct request *r, const char *ticket)
{
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/desk/%s/feedback\" class=\"card no-print\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"ticket\">Ticket finished today</label><input id=\"ticket\" "
		    "name=\"ticket\" autocomplete=\"off\" maxlength=\"8\" value=\"%s\" required>"
		    "<button type=\"submit\" class=\"primary\">Ask how it went</button></form>",
		    html_url_part(&r->arena, r->params[0]), page_csrf(r), ticket ? ticket : "");
}

/* The exit kiosk's tablets and the button that makes this one of them: only for who may
 * oversee the branch (its managers, Headquarters). */
static void kiosk_section(struct request *r)
{
	struct fd_error err = {0};
	struct kiosk_device *k;
	struct branch b;
	size_t n;
	const char *code = html_url_part(&r->arena, r->params[0]);
	if (svc_authorize(&r->svc, ACTION_BRANCH_OVERSIGHT, RECORD_BRANCH, r->params[0], &err) ||
	    kiosk_list(&r->svc, r->params[0], &b, &k, &n, &err))
		return;
	html_printf(&r->out,
		    "<section class=\"card no-print\" id=\"kiosk\" aria-labelledby=\"kiosk-h\">"
		    "<h2 id=\"kiosk-h\">Exit kiosk</h2><p>A tablet by the exit where customers "
		    "answer \"How was your visit today?\" with their ticket number. Only a tablet "
		    "set up here works as one.</p>");
	if (n)
		html_printf(&r->out, "<ul class=\"kiosks\">");
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<li>Set up ");
		page_local_day_time(r, b.time_zone, k[i].created_at);
		html_printf(&r->out,
			    "%s%s <form method=\"post\" action=\"/desk/%s/kiosks/%lld/retire\" "
			    "class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			    "<button type=\"submit\">Retire this kiosk</button></form></li>",
			    k[i].created_by_name ? " by " : "",
			    k[i].created_by_name ? k[i].created_by_name : "", code,
			    (long long)k[i].id, page_csrf(r));
	}
	if (n)
		html_printf(&r->out, "</ul>");
	html_printf(
		&r->out,
		"<form method=\"post\" action=\"/desk/%s/kiosk\"><input type=\"hidden\" "
		"name=\"csrf\" value=\"%s\"><p class=\"hint\">Press this on the tablet "
		"itself: it then shows the kiosk, and you are signed out on it, since the "
		"public uses it.</p><button type=\"submit\" class=\"primary\" id=\"kiosk-setup\">"
		"Use this tablet as the exit kiosk</button></form></section>",
		code, page_csrf(r));
}

void page_feedback_card(struct request *r)
{
	page_begin(r, "Ask how it went");
	html_printf(&r->out, "<h1>Ask how it went</h1><p>Type the ticket of a visit finished "
			     "today: the customer scans the code to answer.</p>");
	ticket_form(r, req_query(r, "ticket"));
	kiosk_section(r);
	page_end(r);
}

/* The card: its words in every language, the QR code and the link written out. */
static void card(struct request *r, const struct feedback_visit *v, const char *url)
{
	struct fd_error err = {0};
	html_printf(&r->out, "<section class=\"feedback-card\" aria-label=\"Card for ticket A%d\">",
		    v->ticket);
	html_printf(&r->out, "<div class=\"card-words\">");
	for (int i = 0; i < i18n_count(); i++)
		html_printf(&r->out, "<div lang=\"%s\"><p class=\"card-ask\">%s</p><p>%s</p></div>",
			    i18n_code(i), tr(i, "How was your visit today?"),
			    tr(i, "Scan this code with your phone to answer. It takes a minute."));
	html_printf(&r->out, "</div>");
	if (qr_svg(&r->out, url, "QR code to the customer's feedback page", &err))
		html_printf(&r->out, "<p class=\"error\">The code could not be drawn.</p>");
	html_printf(&r->out,
		    "<p class=\"card-url\"><a href=\"%s\" id=\"feedback-link\">%s</a></p>"
		    "<p class=\"card-ticket\">%s · A%d</p></section>",
		    url, url, v->branch_name, v->ticket);
}

void page_feedback_card_make(struct request *r)
{
	struct fd_error err = {0};
	struct feedback_visit v;
	struct feedback_input in = {0};
	const char *secret = NULL;
	if (req_form_input(r, &feedback_card_table, &in, &err) ||
	    feedback_link_for_ticket(&r->svc, r->params[0], in.ticket, &secret, &v, &err)) {
		page_error(r, &err);
		return;
	}
	const char *url =
		arena_printf(&r->arena, "%s/feedback/%s", r->svc.config->base_url, secret);
	page_begin(r, "Ask how it went");
	html_printf(&r->out, "<h1 class=\"no-print\">Ask how it went</h1>");
	card(r, &v, url);
	html_printf(&r->out,
		    "<p class=\"no-print hint\">To print the card, print this page from the "
		    "browser (Ctrl+P, or Command+P on a Mac): only the card prints.</p>"
		    "<p class=\"no-print\"><a href=\"/desk/%s\">Back to the desk</a></p>",
		    html_url_part(&r->arena, r->params[0]));
	page_end(r);
}

/* The Branch Manager passed a compliment on: off her list. */
void page_compliment_done(struct request *r)
{
	struct fd_error err = {0};
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such compliment");
		page_error(r, &err);
		return;
	}
	if (feedback_compliment_done(&r->svc, id, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, "/needs");
}

/* This tablet becomes the branch's exit kiosk: its cookie, and no staff session left on it. */
void page_kiosk_setup(struct request *r)
{
	struct fd_error err = {0};
	const char *token;
	if (kiosk_setup(&r->svc, r->params[0], &token, &err)) {
		page_error(r, &err);
		return;
	}
	cookie_set(r, COOKIE_KIOSK, token, KIOSK_COOKIE_MAX_AGE_S);
	/* The public uses the tablet from now on: whoever set it up is signed out on it. */
	if (r->cookie_token) {
		struct fd_error ignored = {0};
		auth_logout(&r->svc, r->cookie_token, &ignored);
		cookie_clear(r, COOKIE_SESSION);
	}
	req_redirect(r,
		     arena_printf(&r->arena, "/kiosk/%s", html_url_part(&r->arena, r->params[0])));
}

/* A kiosk retired (a tablet lost, broken or moved): it records no more answers. */
void page_kiosk_retire(struct request *r)
{
	struct fd_error err = {0};
	int64_t id;
	if (parse_id(r->params[1], &id)) {
		fd_fail(&err, FD_ENOTFOUND, "no such exit kiosk");
		page_error(r, &err);
		return;
	}
	if (kiosk_retire(&r->svc, r->params[0], id, &err)) {
		page_error(r, &err);
		return;
	}
	req_redirect(r, arena_printf(&r->arena, "/desk/%s/feedback#kiosk",
				     html_url_part(&r->arena, r->params[0])));
}
