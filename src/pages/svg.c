/* SVG charts: one axis, bars, a legend, and a <title> on every bar for its value. Every byte
 * goes through html_printf, so text is escaped like on every page. */
#include "pages/svg.h"

#include <math.h>
#include <string.h>

#include "http/html.h"

#define W 560
#define H 280
#define LEFT 48
#define RIGHT 12
#define TOP 48
#define BOTTOM 36

/* A round step for about five grid lines up to max. */
static double nice_step(double max)
{
	double raw = max / 5, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void fill_attrs(struct buf *b, const char *id, enum svg_fill fill)
{
	switch (fill) {
	case FILL_BLACK: html_printf(b, "fill=\"#1b1f23\""); break;
	case FILL_GREY:
		html_printf(b, "fill=\"#9aa3ad\" stroke=\"#1b1f23\" stroke-width=\"0.75\"");
		break;
	case FILL_HATCH:
		html_printf(b, "fill=\"url(#%s-hatch)\" stroke=\"#1b1f23\" stroke-width=\"1\"", id);
		break;
	}
}

static void begin(struct buf *b, const struct svg_chart *c, int height)
{
	html_printf(b,
		    "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
		    "aria-labelledby=\"%s-title\" xmlns=\"http://www.w3.org/2000/svg\">"
		    "<title id=\"%s-title\">%s</title><defs><pattern id=\"%s-hatch\" "
		    "patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
		    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
		    "fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1b1f23\" "
		    "stroke-width=\"2.5\"/></pattern></defs>"
		    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>",
		    c->id, W, height, c->id, c->id, c->title, c->id);
}

static void legend(struct buf *b, const struct svg_chart *c, const struct svg_series *s, size_t ns)
{
	int x = LEFT;
	for (size_t i = 0; i < ns; i++) {
		html_printf(b,
			    "<g class=\"legend\"><rect x=\"%d\" y=\"8\" width=\"14\" "
			    "height=\"14\" ",
			    x);
		fill_attrs(b, c->id, s[i].fill);
		html_printf(b, "/><text x=\"%d\" y=\"20\" font-size=\"14\">%s</text></g>", x + 20,
			    s[i].label);
		x += 40 + 8 * (int)strlen(s[i].label);
	}
}

static double top_of(const struct svg_chart *c, const struct svg_series *s, size_t ns)
{
	double max = 0;
	for (size_t k = 0; k < c->n; k++) {
		double sum = 0;
		for (size_t i = 0; i < ns; i++) {
			double v = s[i].v[k] > 0 ? s[i].v[k] : 0;
			sum = c->stacked ? sum + v : fmax(sum, v);
		}
		max = fmax(max, sum);
	}
	return c->max > 0 ? c->max : max > 0 ? max : 1;
}

/* A value as text: whole numbers plain, others with one decimal. */
static void value_text(struct buf *b, double v, const char *unit)
{
	if (v == floor(v))
		html_printf(b, "%.0f", v);
	else
		html_printf(b, "%.1f", v);
	if (unit && *unit)
		html_printf(b, " %s", unit);
}

/* The policy's target as a dashed line from (x1, y1) to (x2, y2), labelled at (tx, ty). */
static void target_line(struct buf *b, const struct svg_chart *c, double x1, double y1, double x2,
			double y2, double tx, double ty, const char *anchor)
{
	html_printf(b,
		    "<g class=\"target\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#1b1f23\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text "
		    "x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"%s\">%s</text></g>",
		    x1, y1, x2, y2, tx, ty, anchor, c->target_label ? c->target_label : "Target");
}

/* A category with no bar: a zero is a hairline on the axis, so it reads as 0 and not as
 * nothing to count, which is a dash (with its words in the tooltip). */
static void no_bar(struct buf *b, const struct svg_chart *c, const struct svg_series *s, size_t k,
		   double v, double mid, double base)
{
	if (v == 0) {
		html_printf(b,
			    "<rect class=\"zero\" x=\"%.1f\" y=\"%.1f\" width=\"12\" "
			    "height=\"3\" fill=\"#1b1f23\"><title>%s, %s: 0",
			    mid - 6, base - 3, c->categories[k], s->label);
		html_printf(b, "%s%s</title></rect>", c->unit && *c->unit ? " " : "",
			    c->unit ? c->unit : "");
	} else if (c->none_label) {
		html_printf(b,
			    "<text class=\"none\" x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
			    "text-anchor=\"middle\" fill=\"#4a5560\">–<title>%s: %s</title></text>",
			    mid, base - 4, c->categories[k], c->none_label);
	}
}

void svg_bars(struct buf *b, const struct svg_chart *c, const struct svg_series *s, size_t ns)
{
	begin(b, c, H);
	legend(b, c, s, ns);
	double step = nice_step(top_of(c, s, ns)), top = ceil(top_of(c, s, ns) / step) * step;
	double plot_h = H - TOP - BOTTOM, plot_w = W - LEFT - RIGHT;
	/* The axis and its grid lines. */
	for (int i = 0; i * step <= top + step / 2; i++) {
		double t = i * step, y = TOP + plot_h - t / top * plot_h;
		html_printf(b,
			    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c8cdd3\"/>"
			    "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\">",
			    LEFT, W - RIGHT, y, y, LEFT - 4, y + 4);
		value_text(b, t, NULL);
		html_printf(b, "</text>");
	}
	if (c->unit && *c->unit)
		html_printf(b, "<text x=\"4\" y=\"%d\" font-size=\"13\">%s</text>", TOP - 12,
			    c->unit);
	double slot = plot_w / (double)(c->n ? c->n : 1);
	double bar = c->stacked ? slot * 0.7 : slot * 0.8 / (double)(ns ? ns : 1);
	for (size_t k = 0; k < c->n; k++) {
		size_t every = c->label_every ? c->label_every : 1;
		if (k % every == 0)
			html_printf(b,
				    "<text x=\"%d\" y=\"%d\" font-size=\"13\" "
				    "text-anchor=\"middle\">%s</text>",
				    (int)(LEFT + slot * ((double)k + 0.5)), H - BOTTOM + 16,
				    c->categories[k]);
	}
	for (size_t i = 0; i < ns; i++) {
		html_printf(b, "<g class=\"series\" data-series=\"%s\">", s[i].name);
		for (size_t k = 0; k < c->n; k++) {
			double v = s[i].v[k];
			if (v <= 0) {
				no_bar(b, c, &s[i], k, v, LEFT + slot * ((double)k + 0.5),
				       TOP + plot_h);
				continue;
			}
			double below = 0;
			for (size_t j = 0; c->stacked && j < i; j++)
				below += s[j].v[k] > 0 ? s[j].v[k] : 0;
			double x = LEFT + slot * (double)k +
				   (c->stacked ? slot * 0.15 : slot * 0.1 + bar * (double)i);
			double h = v / top * plot_h, y = TOP + plot_h - (below / top * plot_h) - h;
			html_printf(b,
				    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ",
				    x, y, bar, h);
			fill_attrs(b, c->id, s[i].fill);
			html_printf(b, "><title>%s, %s: ", c->categories[k], s[i].label);
			value_text(b, v, c->unit);
			html_printf(b, "</title></rect>");
		}
		html_printf(b, "</g>");
	}
	html_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1b1f23\"/>",
		    LEFT, W - RIGHT, TOP + plot_h, TOP + plot_h);
	if (c->target > 0 && c->target <= top) {
		double y = TOP + plot_h - c->target / top * plot_h;
		target_line(b, c, LEFT, y, W - RIGHT, y, W - RIGHT, y - 4, "end");
	}
	html_printf(b, "</svg>");
}

void svg_hbars(struct buf *b, const struct svg_chart *c, const struct svg_series *s)
{
	int row = 28, label_w = 272, height = TOP + 8 + row * (int)(c->n ? c->n : 1) + 8;
	begin(b, c, height);
	legend(b, c, s, 1);
	double top = top_of(c, s, 1), plot_w = W - label_w - RIGHT - 60;
	html_printf(b, "<g class=\"series\" data-series=\"%s\">", s->name);
	for (size_t k = 0; k < c->n; k++) {
		int y = TOP + 8 + row * (int)k;
		html_printf(
			b, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"end\">%s</text>",
			label_w - 6, y + 15, c->categories[k]);
		double v = s->v[k];
		if (v < 0) {
			html_printf(b,
				    "<text x=\"%d\" y=\"%d\" font-size=\"14\" fill=\"#4a5560\">"
				    "– %s</text>",
				    label_w + 4, y + 15,
				    c->none_label ? c->none_label : "nothing to count");
			continue;
		}
		double w = v / top * plot_w;
		html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" ", label_w, y,
			    w, row - 8);
		fill_attrs(b, c->id, s->fill);
		html_printf(b, "><title>%s: ", c->categories[k]);
		value_text(b, v, c->unit);
		html_printf(b, "</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"14\">",
			    label_w + w + 6, y + 15);
		value_text(b, v, c->unit);
		html_printf(b, "</text>");
	}
	html_printf(b, "</g>");
	if (c->target > 0 && c->target <= top) {
		double x = label_w + c->target / top * plot_w;
		target_line(b, c, x, TOP, x, height - 4, x, TOP - 6, "middle");
	}
	html_printf(b, "</svg>");
}
