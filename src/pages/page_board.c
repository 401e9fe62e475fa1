/* The public display board: ticket numbers, how many wait and for how long. No login, and
 * never a name or a card number (CS-CONFIDENTIAL): it renders only what queue_board gives,
 * in a layout of its own with no signed-in person in its header. */
#include "service/queue.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/page.h"

static void tickets(struct request *r, char prefix, const int *t, size_t n)
{
	if (n == 0) {
		html_printf(&r->out, "<p class=\"none\">—</p>");
		return;
	}
	html_printf(&r->out, "<ol class=\"tickets\">");
	for (size_t i = 0; i < n; i++)
		html_printf(&r->out, "<li>%s%d</li>", prefix == 'A' ? "A" : "P", t[i]);
	html_printf(&r->out, "</ol>");
}

void page_board(struct request *r)
{
	struct fd_error err = {0};
	struct board_view b;
	if (queue_board(&r->svc, r->params[0], &b, &err)) {
		page_error(r, &err);
		return;
	}
	r->content_type = "text/html; charset=utf-8";
	buf_reset(&r->out);
	/* board.js keeps it current, swapping in the numbers without reloading the page. */
	html_printf(&r->out,
		    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<script src=\"%s\" defer></script>"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s</title><link rel=\"stylesheet\" href=\"%s\"></head>"
		    "<body class=\"board\"><main><h1>%s</h1>",
		    assets_url("board.js"), b.branch_name, assets_url("style.css"), b.branch_name);
	if (!b.open_now && b.opens_next)
		html_printf(&r->out,
			    "<p class=\"closed\" id=\"closed\">The library is closed now. It opens "
			    "again %s.</p>",
			    b.opens_next);
	else if (!b.open_now)
		html_printf(&r->out,
			    "<p class=\"closed\" id=\"closed\">The library is closed now.</p>");
	html_printf(&r->out, "<section><h2>Now serving</h2>");
	tickets(r, 'A', b.serving, b.nserving);
	html_printf(&r->out, "</section><section><h2>Waiting</h2>");
	tickets(r, 'A', b.waiting, b.nwaiting);
	html_printf(&r->out,
		    "</section><p class=\"summary\"><span id=\"waiting-count\">%d</span> waiting · "
		    "a newcomer waits about <span id=\"estimate\">%d</span> min</p></main></body>"
		    "</html>\n",
		    (int)b.nwaiting, (b.estimate_s + 59) / 60);
}
