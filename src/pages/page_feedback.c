/* The public's "How was your visit today?": the page a link or the desk's QR code opens
 * (/feedback/{secret}) and the exit kiosk's tablet (/kiosk/{branch}, only on a tablet the branch
 * set up: its kiosk cookie). No login, no script needed: five faces as radio buttons, a
 * comment, and contact fields a tick box reveals by CSS.
 * Everything the customer reads goes through tr(); never a name or a card (CS-CONFIDENTIAL). */
#include <string.h>

#include "http/cookie.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/lang.h"
#include "http/page.h"
#include "service/feedback.h"
#include "service/kiosk.h"

#define KIOSK_RESTART_S 8 /* the thanks stays this long before the next person's start */

/* The faces, worst first (Unicode 6.0 ones, which every phone's font draws); the name is the
 * radio button's accessible name and shows too. */
static const char *const faces[FEEDBACK_SCORE_MAX + 1] = {
	NULL,
	"\xF0\x9F\x98\xA0",
	"\xF0\x9F\x98\x9E",
	"\xF0\x9F\x98\x90",
	"\xF0\x9F\x98\x8A",
	"\xF0\x9F\x98\x84",
};

/* What the customer reads about a refused field: the service's sentence when it is one of
 * its own fixed ones (the catalogue has them), else the field's own in plain words. */
static const char *said(int lang, const struct fd_error *err)
{
	if (err->code == FD_ECONFLICT || err->code == FD_ETHROTTLE || err->code == FD_ENOTFOUND)
		return tr(lang, err->message);
	for (int i = FEEDBACK_OK + 1; i < FEEDBACK_REFUSAL__MAX; i++)
		if (strcmp(err->message, feedback_refusal_text((enum feedback_refusal)i)) == 0)
			return tr(lang, err->message);
	const char *text = feedback_field_text(err->field);
	return tr(lang, text ? text : "That did not work. Please try again, or ask at the desk.");
}

/* Back to the start by a script, not a meta refresh: a page that reloads itself on a timer
 * is one nobody can stop (WCAG 2.2.1). After an answer it is already sent; a kiosk left
 * half-answered asks first, then starts again for the next person in the tablet's own
 * language, rather than show them what the last one typed (kiosk.js reads #kiosk). */
static void head(struct request *r, int lang, const char *title, bool kiosk)
{
	page_public_begin(r, lang,
			  &(struct public_page){.title = title,
						.script = kiosk ? "kiosk.js" : NULL,
						.body_class = kiosk ? "kiosk" : NULL,
						.main_class = "feedback"});
	if (kiosk)
		html_printf(&r->out,
			    "<div id=\"kiosk\" hidden data-start=\"/kiosk/%s\" data-still=\"%s\" "
			    "data-more=\"%s\"></div>",
			    html_url_part(&r->arena, r->params[0]),
			    tr(lang, "Are you still there? This screen starts again for the next "
				     "person in 20 seconds."),
			    tr(lang, "I need more time"));
}

static void foot(struct request *r)
{
	page_public_end(r);
}

static void alert(struct request *r, int lang, const struct fd_error *err)
{
	if (err && err->code)
		html_printf(&r->out, "<p class=\"error\" role=\"alert\" id=\"said\">%s</p>",
			    said(lang, err));
}

/* aria-invalid and the message's id on the field the refusal names. */
static void invalid(struct request *r, const struct fd_error *err, const char *field)
{
	if (err && err->code && strcmp(err->field, field) == 0)
		html_printf(&r->out, " aria-invalid=\"true\" aria-describedby=\"said\"");
}

static void faces_fieldset(struct request *r, int lang, const struct feedback_input *in,
			   const struct fd_error *err)
{
	html_printf(&r->out, "<fieldset class=\"faces\"");
	invalid(r, err, "score");
	html_printf(&r->out, "><legend>%s</legend>", tr(lang, "How was your visit today?"));
	for (int s = FEEDBACK_SCORE_MIN; s <= FEEDBACK_SCORE_MAX; s++)
		html_printf(&r->out,
			    "<label class=\"face\"><input type=\"radio\" name=\"score\" "
			    "value=\"%d\" id=\"score-%d\"%s><span class=\"face-icon\" "
			    "aria-hidden=\"true\">%s</span><span class=\"face-name\">%s</span>"
			    "</label>",
			    s, s, in && in->score == s ? " checked" : "", faces[s],
			    tr(lang, feedback_score_label(s)));
	html_printf(&r->out, "</fieldset>");
}

/* The question, the comment and the contact fields, which show once the box is ticked (CSS);
 * the server asks for them only then. */
static void question(struct request *r, int lang, const struct feedback_input *in,
		     const struct fd_error *err)
{
	faces_fieldset(r, lang, in, err);
	html_printf(&r->out,
		    "<label for=\"comment\">%s</label><textarea id=\"comment\" name=\"comment\" "
		    "rows=\"4\" maxlength=\"%d\"",
		    tr(lang, "Anything you would like to tell us? (optional)"),
		    FEEDBACK_COMMENT_MAX);
	invalid(r, err, "comment");
	html_printf(&r->out, ">%s</textarea>", in && in->comment ? in->comment : "");
	html_printf(&r->out,
		    "<div class=\"contact\"><input type=\"checkbox\" id=\"contact_wanted\" "
		    "name=\"contact_wanted\" value=\"true\"%s><label for=\"contact_wanted\">%s"
		    "</label><div class=\"contact-fields\"><p class=\"hint\">%s</p>"
		    "<label for=\"contact_name\">%s</label><input id=\"contact_name\" "
		    "name=\"contact_name\" autocomplete=\"name\" maxlength=\"100\" value=\"%s\"",
		    in && in->contact_wanted ? " checked" : "",
		    tr(lang, "I would like the library to contact me"),
		    tr(lang, "Only if the box is ticked: the library uses these to reach you about "
			     "this visit, and for nothing else."),
		    tr(lang, "Your name"), in && in->contact_name ? in->contact_name : "");
	invalid(r, err, "contact_name");
	html_printf(&r->out,
		    "><label for=\"contact\">%s</label><input id=\"contact\" name=\"contact\" "
		    "autocomplete=\"email\" maxlength=\"200\" value=\"%s\"",
		    tr(lang, "Phone number or email"), in && in->contact ? in->contact : "");
	invalid(r, err, "contact");
	html_printf(&r->out, "></div></div>");
	html_printf(&r->out,
		    "<button type=\"submit\" class=\"primary big\" id=\"send\">%s</button>",
		    tr(lang, "Send"));
}

static void thanks(struct request *r, int lang, const struct feedback_input *in, bool kiosk)
{
	html_printf(&r->out, "<h1 id=\"thanks\">%s</h1><p>%s</p>", tr(lang, "Thank you"),
		    tr(lang, "Your answer helps the library serve everyone well."));
	if (in->contact_wanted)
		html_printf(&r->out, "<p>%s</p>", tr(lang, "The library will contact you soon."));
	if (kiosk)
		html_printf(&r->out,
			    "<p><a href=\"/kiosk/%s\" class=\"button big\" id=\"next-person\" "
			    "data-restart-s=\"%d\">%s</a></p>",
			    html_url_part(&r->arena, r->params[0]), KIOSK_RESTART_S,
			    tr(lang, "Next person"));
}

/* The page of one visit's link: the question, or why it cannot be answered. */
static void link_page(struct request *r, int lang, const struct feedback_visit *v,
		      const struct feedback_input *in, const struct fd_error *err)
{
	head(r, lang, tr(lang, "How was your visit today?"), false);
	html_printf(&r->out, "<h1>%s</h1><p class=\"where\">%s</p>",
		    tr(lang, "How was your visit today?"), v->branch_name);
	if (v->refusal != FEEDBACK_OK) {
		html_printf(&r->out, "<p class=\"said\" role=\"status\" id=\"said\">%s</p>",
			    tr(lang, feedback_refusal_text(v->refusal)));
		foot(r);
		return;
	}
	alert(r, lang, err);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/feedback/%s\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\">",
		    html_url_part(&r->arena, r->params[0]), page_csrf(r));
	question(r, lang, in, err);
	html_printf(&r->out, "</form>");
	foot(r);
}

/* A link that leads nowhere: said plainly, in the customer's language. */
static void no_link(struct request *r, int lang, const struct fd_error *err)
{
	page_public_missing(r, lang, err,
			    tr(lang, "There is no visit to answer for at this address."));
}

void page_feedback(struct request *r)
{
	struct fd_error err = {0};
	struct feedback_visit v;
	int lang = req_lang(r);
	if (feedback_open(&r->svc, r->params[0], &v, &err)) {
		no_link(r, lang, &err);
		return;
	}
	link_page(r, lang, &v, NULL, NULL);
}

void page_feedback_give(struct request *r)
{
	struct fd_error err = {0};
	struct feedback_visit v;
	struct feedback_input in = {0};
	int lang = req_lang(r);
	int rc = req_form_input(r, &feedback_input_table, &in, &err);
	if (rc) { /* the form's own check failed: the visit as it is, and the message */
		struct fd_error open = {0};
		if (feedback_open(&r->svc, r->params[0], &v, &open)) {
			no_link(r, lang, &open);
			return;
		}
	} else if (feedback_give(&r->svc, r->params[0], &in, i18n_code(lang), &v, &err)) {
		if (err.code != FD_EINVAL && err.code != FD_ECONFLICT) {
			no_link(r, lang, &err);
			return;
		}
		rc = -1;
	}
	if (rc) {
		r->status = req_status_of(err.code);
		link_page(r, lang, &v, &in, &err);
		return;
	}
	head(r, lang, tr(lang, "Thank you"), false);
	thanks(r, lang, &in, false);
	foot(r);
}

/* The kiosk's start: the ticket number. */
static void kiosk_start(struct request *r, int lang, const char *branch_name, const char *ticket,
			const struct fd_error *err)
{
	head(r, lang, tr(lang, "How was your visit today?"), true);
	html_printf(&r->out, "<h1>%s</h1><p class=\"where\">%s</p>",
		    tr(lang, "How was your visit today?"), branch_name);
	alert(r, lang, err);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/kiosk/%s\"><label for=\"ticket\">%s"
		    "</label><input id=\"ticket\" name=\"ticket\" class=\"big\" "
		    "autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"8\" "
		    "required value=\"%s\"",
		    html_url_part(&r->arena, r->params[0]), tr(lang, "Your ticket number"),
		    ticket ? ticket : "");
	invalid(r, err, "ticket");
	html_printf(&r->out,
		    "><p class=\"hint\">%s</p><button type=\"submit\" class=\"primary big\" "
		    "id=\"next\">%s</button></form>",
		    tr(lang, "It is on the slip or the screen from the desk, as in A12."),
		    tr(lang, "Next"));
	foot(r);
}

/* The kiosk's question, for the ticket checked. */
static void kiosk_question(struct request *r, int lang, const char *branch_name,
			   const struct feedback_input *in, const struct fd_error *err)
{
	const char *ticket = req_form(r, "ticket");
	head(r, lang, tr(lang, "How was your visit today?"), true);
	html_printf(&r->out, "<h1>%s</h1><p class=\"where\">%s · %s %s</p>",
		    tr(lang, "How was your visit today?"), branch_name, tr(lang, "Ticket"),
		    ticket ? ticket : "");
	alert(r, lang, err);
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/kiosk/%s\"><input type=\"hidden\" "
		    "name=\"ticket\" value=\"%s\"><input type=\"hidden\" name=\"step\" "
		    "value=\"answer\">",
		    html_url_part(&r->arena, r->params[0]), ticket ? ticket : "");
	question(r, lang, in, err);
	html_printf(&r->out, "</form><p><a href=\"/kiosk/%s\">%s</a></p>",
		    html_url_part(&r->arena, r->params[0]), tr(lang, "Start again"));
	foot(r);
}

/* A screen that is not the branch's kiosk: said plainly, and nothing to fill in. */
static void not_a_kiosk(struct request *r, int lang, const struct branch *b)
{
	head(r, lang, tr(lang, "How was your visit today?"), true);
	html_printf(&r->out, "<h1>%s</h1>", tr(lang, "How was your visit today?"));
	if (b->name)
		html_printf(&r->out, "<p class=\"where\">%s</p>", b->name);
	html_printf(&r->out, "<p class=\"said\" role=\"status\" id=\"not-a-kiosk\">%s</p>",
		    tr(lang, KIOSK_NOT_SET_UP));
	foot(r);
}

/* The kiosk's branch for this tablet, or the page that says why there is none (false). */
static bool kiosk_branch(struct request *r, int lang, struct branch *b)
{
	struct fd_error err = {0};
	memset(b, 0, sizeof *b);
	if (!feedback_kiosk_branch(&r->svc, r->params[0], req_cookie(r, COOKIE_KIOSK), b, &err))
		return true;
	if (err.code != FD_EFORBID) {
		no_link(r, lang, &err);
		return false;
	}
	/* A look is no harm (200); an answer from a screen that is no kiosk is refused. */
	if (r->method == HTTP_POST)
		r->status = req_status_of(err.code);
	not_a_kiosk(r, lang, b);
	return false;
}

void page_kiosk(struct request *r)
{
	struct branch b;
	int lang = req_lang(r);
	if (kiosk_branch(r, lang, &b))
		kiosk_start(r, lang, b.name, NULL, NULL);
}

void page_kiosk_post(struct request *r)
{
	struct fd_error err = {0};
	struct feedback_visit v;
	struct feedback_input in = {0};
	struct branch b;
	int lang = req_lang(r);
	bool answer = req_form(r, "step") && strcmp(req_form(r, "step"), "answer") == 0;
	const char *token = req_cookie(r, COOKIE_KIOSK);
	if (!kiosk_branch(r, lang, &b))
		return;
	int rc = answer ? req_form_input(r, &kiosk_input_table, &in, &err)
			: req_form_input(r, &kiosk_ticket_table, &in, &err);
	if (!rc)
		rc = answer ? feedback_kiosk_give(&r->svc, r->params[0], token, &in,
						  i18n_code(lang), &v, &err)
			    : feedback_kiosk_check(&r->svc, r->params[0], token, in.ticket, &v,
						   &err);
	if (rc && err.code == FD_EFORBID) { /* retired between the page and the answer */
		r->status = req_status_of(err.code);
		not_a_kiosk(r, lang, &b);
	} else if (rc && (strcmp(err.field, "ticket") == 0 || !answer)) {
		r->status = req_status_of(err.code);
		kiosk_start(r, lang, b.name, in.ticket, &err);
	} else if (rc) {
		r->status = req_status_of(err.code);
		kiosk_question(r, lang, b.name, &in, &err);
	} else if (!answer) {
		kiosk_question(r, lang, b.name, NULL, NULL);
	} else {
		head(r, lang, tr(lang, "Thank you"), true);
		thanks(r, lang, &in, true);
		foot(r);
	}
}
