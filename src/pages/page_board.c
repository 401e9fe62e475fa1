/* The public display board, a screen for a wall: the tickets called and the desk each goes
 * to, how many wait, the branch's name and a clock. No login, and never a name or a card
 * number (CS-CONFIDENTIAL): it renders only what queue_board gives, in a layout of its own
 * with no signed-in person in its header, and an error page of its own as well. */
#include "base/tz.h"
#include "service/queue.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/join_qr.h"

/* The page's head and the start of its body, the same for the board and its error page. */
static void board_head(struct request *r, const char *title)
{
	page_head(r, title);
	html_printf(&r->out, "<script src=\"%s\" defer></script></head><body class=\"board\">",
		    assets_url("board.js"));
}

/* A wall in the library shows this instead of the board: no staff header, no way into the
 * desk, just what happened in words a customer reads. */
static void board_error(struct request *r, const struct fd_error *err)
{
	r->status = req_status_of(err->code);
	board_head(r, "Library board");
	if (err->code == FD_ENOTFOUND)
		html_printf(&r->out,
			    "<main class=\"board-error\"><h1>There is no branch board at this "
			    "address</h1><p>Check the address: it ends with the branch's code, "
			    "as in /board/KOS. Library staff can help.</p></main></body></html>\n");
	else
		html_printf(&r->out,
			    "<main class=\"board-error\"><h1>The board is not available just "
			    "now</h1><p>Please ask at the desk. The screen tries again by itself."
			    "</p></main></body></html>\n");
}

/* The tickets now being served, the latest call first, each with its desk. */
static void calls(struct request *r, const struct board_view *b)
{
	html_printf(&r->out, "<section class=\"board-now\" aria-labelledby=\"now\">"
			     "<h2 id=\"now\">Now serving</h2>");
	if (b->nserving == 0)
		html_printf(&r->out, "<p class=\"none\">Nobody is being served just now.</p>");
	else
		html_printf(&r->out, "<ol class=\"calls\">");
	for (size_t i = 0; i < b->nserving; i++) {
		char ticket[TICKET_LABEL_MAX];
		ticket_label(CHANNEL_IN_PERSON, b->serving[i].ticket, ticket);
		const char *desk = b->serving[i].desk;
		html_printf(&r->out,
			    "<li class=\"call\" data-ticket=\"%s\" data-desk=\"%s\">"
			    "<span class=\"call-ticket\">%s</span> <span class=\"call-desk\">",
			    ticket, desk ? desk : "", ticket);
		if (desk)
			html_printf(&r->out, "Desk %s</span></li>", desk);
		else
			html_printf(&r->out, "At the desk</span></li>");
	}
	if (b->nserving)
		html_printf(&r->out, "</ol>");
	html_printf(&r->out, "</section>");
}

static void waiting(struct request *r, const struct board_view *b)
{
	html_printf(&r->out, "<section class=\"board-waiting\" aria-labelledby=\"next\">"
			     "<h2 id=\"next\">Waiting</h2>");
	if (b->nwaiting == 0)
		html_printf(&r->out, "<p class=\"none\">Nobody is waiting.</p>");
	else
		html_printf(&r->out, "<ol class=\"tickets\">");
	for (size_t i = 0; i < b->nwaiting; i++)
		html_printf(&r->out, "<li>A%d</li>", b->waiting[i]);
	if (b->nwaiting)
		html_printf(&r->out, "</ol>");
	/* In the library only, as the desk counts them: phone callers are not in this room. */
	int min = (b->estimate_s + 59) / 60;
	html_printf(&r->out,
		    "<p class=\"summary\"><span id=\"waiting-count\">%d</span> waiting in the "
		    "library · <span id=\"estimate\">",
		    (int)b->nwaiting);
	if (min == 0)
		html_printf(&r->out, b->nwaiting ? "a wait of under a minute" : "no wait");
	else
		html_printf(&r->out, "a wait of about %d minute%s", min, min == 1 ? "" : "s");
	html_printf(&r->out, "</span> for anyone arriving now</p></section>");
}

void page_board(struct request *r)
{
	struct fd_error err = {0};
	struct board_view b;
	if (queue_board(&r->svc, r->params[0], &b, &err)) {
		board_error(r, &err);
		return;
	}
	board_head(r, b.branch_name);
	/* board.js swaps in a fresh <main> whenever the branch's public stream says something
	 * changed (every few seconds while it cannot follow it) without reloading the page, keeps
	 * the clock in the branch's time zone, and speaks new calls once sound is turned on. */
	html_printf(&r->out,
		    "<main id=\"board\"><header class=\"board-head\"><h1>%s</h1>"
		    "<p class=\"board-clock\" id=\"clock\" data-tz=\"%s\">",
		    b.branch_name, b.time_zone);
	page_local_time(r, b.time_zone, r->svc.now);
	html_printf(&r->out, "</p></header>");
	if (!b.open_now && b.opens_next)
		html_printf(&r->out,
			    "<p class=\"closed\" id=\"closed\">The library is closed now. It opens "
			    "again %s.</p>",
			    b.opens_next);
	else if (!b.open_now)
		html_printf(&r->out,
			    "<p class=\"closed\" id=\"closed\">The library is closed now.</p>");
	html_printf(&r->out, "<div class=\"board-grid\">");
	calls(r, &b);
	waiting(r, &b);
	join_qr_board(r, r->params[0], req_lang(r));
	html_printf(&r->out, "</div></main>"
			     "<p class=\"board-sound\"><button type=\"button\" id=\"sound\" "
			     "aria-pressed=\"false\">Turn on sound</button></p></body></html>\n");
}
