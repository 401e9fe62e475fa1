/* The public display board, a screen for a wall: the tickets called and the desk each goes
 * to, how many wait, the branch's name and a clock. No login, and never a name or a card
 * number (CS-CONFIDENTIAL): it renders only what queue_board gives, in a layout of its own
 * with no signed-in person in its header, and an error page of its own as well. It speaks
 * the public's language (http/lang.h), and calls each ticket in the ticket's own. */
#include "base/timefmt.h"
#include "base/tz.h"
#include "service/queue.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/lang.h"
#include "http/page.h"
#include "pages/join_qr.h"

/* The page's head and the start of its body, the same for the board and its error page. */
static void board_head(struct request *r, int lang, const char *title)
{
	page_public_head(r, lang, title);
	html_printf(&r->out, "<script src=\"%s\" defer></script></head><body class=\"board\">",
		    assets_url("board.js"));
}

/* A wall in the library shows this instead of the board: no staff header, no way into the
 * desk, just what happened in words a customer reads. */
static void board_error(struct request *r, int lang, const struct fd_error *err)
{
	r->status = req_status_of(err->code);
	board_head(r, lang, tr(lang, "Library board"));
	page_lang_switch(r, lang);
	if (err->code == FD_ENOTFOUND)
		html_printf(&r->out, "<main class=\"board-error\"><h1>%s</h1><p>%s</p></main>",
			    tr(lang, "There is no branch board at this address"),
			    tr(lang, "Check the address: it ends with the branch's code, as in "
				     "/board/KOS. Library staff can help."));
	else
		html_printf(&r->out, "<main class=\"board-error\"><h1>%s</h1><p>%s</p></main>",
			    tr(lang, "The board is not available just now"),
			    tr(lang, "Please ask at the desk. The screen tries again by itself."));
	html_printf(&r->out, "</body></html>\n");
}

/* The language a ticket is called in: its own when it has one the board speaks, else the
 * board's. */
static int call_lang(const struct board_ticket *t, int lang)
{
	int own = t->language ? i18n_find(t->language) : -1;
	return own >= 0 ? own : lang;
}

/* The tickets now being served, the latest call first, each with its desk. */
static void calls(struct request *r, int lang, const struct board_view *b)
{
	html_printf(&r->out,
		    "<section class=\"board-now\" aria-labelledby=\"now\"><h2 id=\"now\">%s</h2>",
		    tr(lang, "Now serving"));
	if (b->nserving == 0)
		html_printf(&r->out, "<p class=\"none\">%s</p>",
			    tr(lang, "Nobody is being served just now."));
	else
		html_printf(&r->out, "<ol class=\"calls\">");
	for (size_t i = 0; i < b->nserving; i++) {
		char ticket[TICKET_LABEL_MAX];
		ticket_label(CHANNEL_IN_PERSON, b->serving[i].ticket, ticket);
		const char *desk = b->serving[i].desk;
		html_printf(
			&r->out,
			"<li class=\"call\" data-ticket=\"%s\" data-desk=\"%s\" data-lang=\"%s\">"
			"<span class=\"call-ticket\">%s</span> <span class=\"call-desk\">",
			ticket, desk ? desk : "", i18n_code(call_lang(&b->serving[i], lang)),
			ticket);
		if (desk)
			/* TRANSLATORS: where a ticket called goes: "Desk 2". */
			html_printf(&r->out, tr(lang, "Desk %s"), desk);
		else
			html_printf(&r->out, "%s", tr(lang, "At the desk"));
		html_printf(&r->out, "</span></li>");
	}
	if (b->nserving)
		html_printf(&r->out, "</ol>");
	html_printf(&r->out, "</section>");
}

/* How long someone arriving now would wait, in words without plural forms. */
static void estimate(struct request *r, int lang, const struct board_view *b)
{
	int min = (b->estimate_s + 59) / 60;
	if (min == 0)
		html_printf(&r->out, "%s",
			    b->nwaiting ? tr(lang, "a wait of under a minute")
					: tr(lang, "no wait"));
	else
		/* TRANSLATORS: "min" for minutes, so that one word serves 1 and 20. */
		html_printf(&r->out, tr(lang, "a wait of about %d min"), min);
}

static void waiting(struct request *r, int lang, const struct board_view *b)
{
	html_printf(&r->out,
		    "<section class=\"board-waiting\" aria-labelledby=\"next\"><h2 id=\"next\">%s"
		    "</h2>",
		    tr(lang, "Waiting"));
	if (b->nwaiting == 0)
		html_printf(&r->out, "<p class=\"none\">%s</p>", tr(lang, "Nobody is waiting."));
	else
		html_printf(&r->out, "<ol class=\"tickets\">");
	for (size_t i = 0; i < b->nwaiting; i++)
		html_printf(&r->out, "<li>A%d</li>", b->waiting[i]);
	if (b->nwaiting)
		html_printf(&r->out, "</ol>");
	/* In the library only, as the desk counts them: phone callers are not in this room. */
	html_printf(&r->out,
		    "<p class=\"summary\"><span id=\"waiting-count\">%d</span> %s "
		    "<span id=\"estimate\">",
		    (int)b->nwaiting,
		    /* TRANSLATORS: the first half of "3 waiting in the library · a wait of about
		     * 5 min for anyone arriving now", after the number of people. */
		    tr(lang, "waiting in the library ·"));
	estimate(r, lang, b);
	html_printf(&r->out, "</span> %s</p></section>",
		    /* TRANSLATORS: the second half, after the wait ("a wait of about 5 min"). */
		    tr(lang, "for anyone arriving now"));
}

/* What board.js says for a new call, in every language the board speaks, {ticket} and
 * {desk} to fill in: the call is spoken in the ticket's language, whatever the board's. */
static void call_words(struct request *r)
{
	html_printf(&r->out, "<template id=\"call-words\">");
	for (int i = 0; i < i18n_count(); i++)
		html_printf(&r->out, "<p lang=\"%s\" data-desk=\"%s\" data-no-desk=\"%s\"></p>",
			    i18n_code(i),
			    /* TRANSLATORS: spoken aloud by the board when a ticket is called; keep
			     * {ticket} and {desk} as they are: the board puts "A12" and "2" there. */
			    tr(i, "Ticket {ticket}, please go to desk {desk}."),
			    /* TRANSLATORS: the same, when no desk was said. */
			    tr(i, "Ticket {ticket}, please come to the desk."));
	html_printf(&r->out, "</template>");
}

/* The branch's name and clock, and whether it is open. */
static void board_header(struct request *r, int lang, const struct board_view *b)
{
	char clock[TZ_CLOCK_LEN], iso[RFC3339_LEN];
	struct tm local = {0};
	tz_localtime(b->time_zone, r->svc.now, &local);
	tz_clock_words(lang, local.tm_hour * 60 + local.tm_min, clock);
	timefmt_rfc3339(r->svc.now, iso);
	html_printf(&r->out,
		    "<header class=\"board-head\"><h1>%s</h1><p class=\"board-clock\" "
		    "id=\"clock\" data-tz=\"%s\" data-am=\"%s\" data-pm=\"%s\">"
		    "<time datetime=\"%s\">%s</time></p></header>",
		    b->branch_name, b->time_zone, tr(lang, "am"), tr(lang, "pm"), iso, clock);
	if (b->open_now)
		return;
	html_printf(&r->out, "<p class=\"closed\" id=\"closed\">%s",
		    tr(lang, "The library is closed now."));
	if (b->opens_at) {
		html_printf(&r->out, " ");
		/* TRANSLATORS: %s is when, as "tomorrow at 9 am". */
		html_printf(&r->out, tr(lang, "It opens again %s."),
			    tz_when_words(&r->arena, lang, b->time_zone, b->opens_at, r->svc.now));
	}
	html_printf(&r->out, "</p>");
}

void page_board(struct request *r)
{
	struct fd_error err = {0};
	struct board_view b;
	int lang = req_lang(r);
	if (queue_board(&r->svc, r->params[0], &b, &err)) {
		board_error(r, lang, &err);
		return;
	}
	board_head(r, lang, b.branch_name);
	/* board.js swaps in a fresh <main> whenever the branch's public stream says something
	 * changed (every few seconds while it cannot follow it) without reloading the page, keeps
	 * the clock in the branch's time zone, and speaks new calls once sound is turned on. */
	html_printf(&r->out, "<main id=\"board\">");
	board_header(r, lang, &b);
	html_printf(&r->out, "<div class=\"board-grid\">");
	calls(r, lang, &b);
	waiting(r, lang, &b);
	/* The way in for a phone, under the grid: the few tickets stay in the wall's middle. */
	html_printf(&r->out, "</div>");
	join_qr_board(r, r->params[0], lang);
	html_printf(&r->out,
		    "</main><div class=\"board-sound\"><button type=\"button\" id=\"sound\" "
		    "aria-pressed=\"false\" data-on=\"%s\" data-off=\"%s\">%s</button>",
		    tr(lang, "Turn off sound"), tr(lang, "Turn on sound"),
		    tr(lang, "Turn on sound"));
	/* Beside the sound, at the foot of the wall: set once by whoever sets the screen up. */
	page_lang_switch(r, lang);
	html_printf(&r->out, "</div>");
	call_words(r);
	html_printf(&r->out, "</body></html>\n");
}
