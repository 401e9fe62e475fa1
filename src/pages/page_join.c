/* The customer's own pages for joining the line from a phone: the join form (/join/{branch}),
 * the ticket's page (/ticket/{secret}) with its live status fragment, and leaving the line.
 * No login: the form is guarded by a cookie of its own (double submit, as the login form),
 * the ticket by the secret in its address. Everything the public reads goes through tr(). */
#include <string.h>
#include <strings.h>

#include "base/tz.h"
#include "service/join.h"
#include "http/cookie.h"
#include "http/handlers.h"
#include "http/input.h"
#include "http/lang.h"
#include "http/page.h"

#define COOKIE_JOIN_FORM "__Host-fd_joinform" /* the join form's token (double submit) */
#define COOKIE_DEVICE "__Host-fd_device"      /* this phone, for the one-ticket bound */
#define COOKIE_TICKET "__Host-fd_ticket"      /* the ticket's secret: reopening shows it */
#define DEVICE_MAX_AGE_S (365 * 24 * 3600)
#define TICKET_MAX_AGE_S (24 * 3600)

/* This phone's id, as the cookie the join page set holds it; NULL when it did not keep it. */
static const char *device_id(struct request *r)
{
	const char *d = req_cookie(r, COOKIE_DEVICE);
	return d && strlen(d) >= 20 && strlen(d) <= 64 ? d : NULL;
}

/* The join page gives a phone its id on its first visit, kept a year. Only a GET does: a
 * POST without it is refused (join_take), or dropping the cookie would lift the device's
 * bound. */
static void device_keep(struct request *r)
{
	if (!device_id(r))
		cookie_set(r, COOKIE_DEVICE, svc_secret_new(&r->svc), DEVICE_MAX_AGE_S);
}

/* When the branch does not take tickets: said, and when it opens again. */
static void closed_notice(struct request *r, int lang, const struct join_branch *b)
{
	html_printf(&r->out, "<div class=\"closed\" id=\"closed\" role=\"status\"><p>%s</p>",
		    tr(lang, "The library is not taking tickets just now."));
	if (b->opens_next) {
		html_printf(&r->out, "<p id=\"opens\">");
		/* TRANSLATORS: %s is when, as "tomorrow at 9 am". */
		html_printf(
			&r->out, tr(lang, "It opens again %s."),
			tz_when_words(&r->arena, lang, b->time_zone, b->opens_next, r->svc.now));
		html_printf(&r->out, "</p>");
	}
	html_printf(&r->out, "</div>");
}

/* A refusal beside the field it names (or above the form), in the customer's language. */
static void field_error(struct request *r, int lang, const struct fd_error *err, const char *field)
{
	if (!err || strcmp(err->field, field) != 0)
		return;
	/* The field's own sentence: the form reader's are staff English, not in the catalogue. */
	const char *text = join_field_text(field);
	html_printf(&r->out, "<p class=\"error\" id=\"%s-error\">%s</p>", field,
		    tr(lang, text ? text : req_message(r, err)));
}

static void reason_select(struct request *r, int lang, const struct fd_error *err)
{
	const char *chosen = err ? req_form(r, "reason") : NULL;
	html_printf(&r->out, "<label for=\"reason\">%s</label>",
		    tr(lang, "What is your visit about?"));
	field_error(r, lang, err, "reason");
	/* No reason chosen for them: the first choice is a prompt the browser will not send. */
	html_printf(&r->out,
		    "<select id=\"reason\" name=\"reason\" required><option value=\"\">%s</option>",
		    tr(lang, "Choose one"));
	for (int i = REASON_NONE + 1; i <= REASON_PUBLIC_LAST; i++) {
		const char *name = visit_reason_name((enum visit_reason)i);
		html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", name,
			    chosen && strcmp(chosen, name) == 0 ? " selected" : "",
			    tr(lang, visit_reason_label((enum visit_reason)i)));
	}
	html_printf(&r->out, "</select>");
}

/* The languages of the catalogues, each named in itself; the page's own chosen. */
static void language_select(struct request *r, int lang, const struct fd_error *err)
{
	html_printf(&r->out, "<label for=\"language\">%s</label>",
		    tr(lang, "Language you would like to be served in"));
	field_error(r, lang, err, "language");
	html_printf(&r->out, "<select id=\"language\" name=\"language\">");
	for (int i = 0; i < i18n_count(); i++)
		html_printf(&r->out, "<option value=\"%s\" lang=\"%s\"%s>%s</option>", i18n_code(i),
			    i18n_code(i), i == lang ? " selected" : "", i18n_name(i));
	html_printf(&r->out, "</select>");
}

static void join_form(struct request *r, int lang, const struct join_branch *b,
		      const struct fd_error *err)
{
	const char *token = svc_secret_new(&r->svc);
	cookie_set(r, COOKIE_JOIN_FORM, token, 3600);
	if (err && !err->field[0])
		html_printf(&r->out, "<p class=\"error\" role=\"alert\" id=\"join-error\">%s</p>",
			    tr(lang, req_message(r, err)));
	else if (err)
		html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>",
			    tr(lang, "Please check the form."));
	const char *name = err ? req_form(r, "first_name") : NULL;
	html_printf(&r->out,
		    "<form method=\"post\" action=\"/join/%s\" class=\"join-form\">"
		    "<input type=\"hidden\" name=\"token\" value=\"%s\">"
		    "<label for=\"first_name\">%s</label>",
		    html_url_part(&r->arena, b->code), token,
		    tr(lang, "Your first name (optional)"));
	field_error(r, lang, err, "first_name");
	html_printf(&r->out,
		    "<input id=\"first_name\" name=\"first_name\" autocomplete=\"given-name\" "
		    "maxlength=\"%d\" value=\"%s\">",
		    JOIN_FIRST_NAME_MAX, name ? name : "");
	reason_select(r, lang, err);
	language_select(r, lang, err);
	html_printf(&r->out, "<button type=\"submit\" class=\"primary big\">%s</button></form>",
		    tr(lang, "Take a ticket"));
}

/* The join page, or the refused join shown again with its message. */
static void join_page(struct request *r, int lang, const struct join_branch *b,
		      const struct fd_error *err)
{
	page_public_begin(
		r, lang,
		&(struct public_page){.title = tr(lang, "Join the line"), .main_class = "join"});
	html_printf(&r->out, "<h1>%s</h1><p class=\"branch\">%s</p>", tr(lang, "Join the line"),
		    b->name);
	if (!b->open)
		closed_notice(r, lang, b);
	else
		join_form(r, lang, b, err);
	page_public_end(r);
}

/* The ticket this phone holds at branch code still in play, if any: reopening the join page
 * shows it rather than taking a second one. */
static const char *held_ticket(struct request *r, const char *code)
{
	struct fd_error err = {0};
	struct join_status st;
	const char *secret = req_cookie(r, COOKIE_TICKET);
	if (!secret || join_status_get(&r->svc, secret, &st, &err))
		return NULL;
	return join_stage(st.state) != JOIN_STAGE_OVER && strcasecmp(st.branch.code, code) == 0
		       ? secret
		       : NULL;
}

void page_join(struct request *r)
{
	struct fd_error err = {0};
	struct join_branch b;
	int lang = req_lang(r);
	if (join_branch_get(&r->svc, r->params[0], &b, &err)) {
		page_public_missing(r, lang, &err, NULL);
		return;
	}
	const char *secret = held_ticket(r, b.code);
	if (secret) {
		req_redirect(r, arena_printf(&r->arena, "/ticket/%s", secret));
		return;
	}
	if (b.open)
		device_keep(r);
	join_page(r, lang, &b, NULL);
}

void page_join_take(struct request *r)
{
	struct fd_error err = {0};
	struct join_branch b;
	struct join_input in;
	struct join_status st;
	const char *secret;
	int lang = req_lang(r);
	if (join_branch_get(&r->svc, r->params[0], &b, &err)) {
		page_public_missing(r, lang, &err, NULL);
		return;
	}
	/* Another site cannot fill the line: the form's token must match its cookie. */
	if (!cookie_form_token_ok(r, COOKIE_JOIN_FORM, req_form(r, "token"))) {
		fd_fail(&err, FD_ECSRF, "%s", N_("The form had expired. Please try again."));
		join_page(r, lang, &b, &err);
		r->status = 403;
		return;
	}
	struct join_client c = {device_id(r), lang};
	if (req_form_input(r, &join_input_table, &in, &err) ||
	    join_take(&r->svc, b.code, &in, &c, &secret, &st, &err)) {
		join_page(r, lang, &b, &err);
		r->status = req_status_of(err.code);
		return;
	}
	cookie_clear(r, COOKIE_JOIN_FORM);
	cookie_set(r, COOKIE_TICKET, secret, TICKET_MAX_AGE_S);
	/* The language asked for is the one the ticket's pages and the feedback speak after. */
	int asked = in.language ? i18n_find(in.language) : -1;
	if (asked >= 0 && asked != lang)
		lang_keep(r, asked);
	req_redirect(r, arena_printf(&r->arena, "/ticket/%s", secret));
}
