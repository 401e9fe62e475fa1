/* Charts drawn on the server as SVG: black, white, grey and hatching, so they read the same
 * printed in black and white; no script. Each series is a <g data-series="name">. */
#ifndef PAGES_SVG_H
#define PAGES_SVG_H
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum svg_fill { FILL_BLACK, FILL_HATCH, FILL_GREY };

struct svg_series {
	const char *name;  /* data-series, a word */
	const char *label; /* the legend */
	const double *v;   /* one value per category; < 0: no value */
	enum svg_fill fill;
};

struct svg_chart {
	const char *id; /* unique on the page: names the patterns and the title */
	const char *title;
	const char *unit; /* after each value in the tooltips and the axis, e.g. "min", "%" */
	const char *const *categories; /* the x axis labels, n of them */
	size_t n;
	size_t label_every; /* label every k-th category (a month of days: every 7th) */
	bool stacked;	    /* bars on top of each other rather than side by side */
	double max;	    /* the axis top; 0: from the data */
	double target;	    /* > 0: a dashed line at the policy's target, labelled target_label */
	const char *target_label;
	const char *none_label; /* said where a category has no value: "none due" */
};

/* Vertical bars, one group per category. */
void svg_bars(struct buf *b, const struct svg_chart *c, const struct svg_series *s, size_t ns);
/* Horizontal bars, one per category, of one series (e.g. a percentage per branch). */
void svg_hbars(struct buf *b, const struct svg_chart *c, const struct svg_series *s);

#endif
