/* The QR code to a branch's join page: on the board beside the line, and on the door sign
 * (/join/{branch}/sign), printed on A4 or Letter with the instruction in every language the
 * public pages speak, side by side, each marked with its own lang. */
#include "pages/join_qr.h"

#include "base/log.h"
#include "service/join.h"
#include "http/handlers.h"
#include "http/lang.h"
#include "http/page.h"
#include "pages/qr_svg.h"

/* The public's formats come through tr(): msgfmt --check keeps a translation's conversions
 * those of its msgid, which is what the compiler cannot see. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* The address the code holds: where the public reaches this desk ([server] base_url). */
static const char *join_url(struct request *r, const char *code)
{
	return arena_printf(&r->arena, "%s/join/%s", r->svc.config->base_url,
			    html_url_part(&r->arena, code));
}

void join_qr_board(struct request *r, const char *code, int lang)
{
	struct fd_error err = {0};
	const char *url = join_url(r, code);
	html_printf(&r->out, "<section class=\"board-join\" aria-labelledby=\"join-h\">"
			     "<div class=\"board-join-code\">");
	/* A board without its code still shows the line: the failure is only logged. */
	if (qr_svg(&r->out, url, tr(lang, "QR code to join the line"), &err))
		log_error("board %s: the join code: %s", code, err.message);
	html_printf(&r->out, "</div><p id=\"join-h\">%s</p></section>",
		    tr(lang, "Join the line from your phone"));
}

/* One language's column of the sign: what to do, in that language. */
static void sign_words(struct request *r, int lang, const char *url)
{
	html_printf(&r->out,
		    "<div class=\"sign-lang\" lang=\"%s\"><p class=\"sign-ask\">%s</p>"
		    "<p>%s</p><p>%s <span class=\"sign-url\">%s</span></p></div>",
		    i18n_code(lang), tr(lang, "Join the line from your phone"),
		    tr(lang, "Scan the code with your phone's camera and take a ticket. "
			     "We will show you when it is your turn."),
		    tr(lang, "Or type this address:"), url);
}

void page_join_sign(struct request *r)
{
	struct fd_error err = {0};
	struct join_branch b;
	int lang = req_lang(r);
	if (join_branch_get(&r->svc, r->params[0], &b, &err)) {
		page_public_missing(r, lang, &err, NULL);
		return;
	}
	const char *url = join_url(r, b.code);
	page_public_begin(r, lang,
			  &(struct public_page){.title = tr(lang, "Join the line from your phone"),
						.body_class = "sign",
						.main_class = "door-sign"});
	html_printf(&r->out,
		    "<p class=\"no-print\">%s</p><h1 class=\"sign-branch\">%s</h1>"
		    "<div class=\"sign-code\">",
		    tr(lang, "Print this page and put it up by the door and the desk."), b.name);
	if (qr_svg(&r->out, url, tr(lang, "QR code to join the line"), &err))
		html_printf(&r->out, "<p class=\"error\">%s</p>",
			    tr(lang, "The code could not be drawn."));
	html_printf(&r->out, "</div><div class=\"sign-langs\">");
	for (int i = 0; i < i18n_count(); i++)
		sign_words(r, i, url);
	html_printf(&r->out, "</div>");
	page_public_end(r);
}
