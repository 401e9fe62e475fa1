/* The printed documents' pages: each is laid out on a cairo recording surface, and only once
 * all are known is each painted into the PDF with its footer, "page X of Y". Text flows line by
 * line onto a new page, which repeats a short letterhead and a table's header row. */
#include "notify/pdf_page.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/tz.h"

#define CONTENT_TOP (PDF_MARGIN + 26)	 /* below a continued page's short letterhead */
#define CONTENT_BOTTOM (PDF_PAGE_H - 66) /* above the footer */
#define FOOTER_RULE_Y (PDF_PAGE_H - 52)
#define CELL_PAD 4.0
#define TABLE_MAX_COLS 12
#define QR_QUIET 4 /* modules of white around the code, as the standard asks */

static PangoLayout *layout_of(cairo_t *cr, const char *font, const char *text, double width)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *desc = pango_font_description_from_string(font);
	pango_layout_set_font_description(layout, desc);
	pango_font_description_free(desc);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(layout, text && *text ? text : "—", -1);
	return layout;
}

static double height_of(PangoLayout *layout)
{
	int w, h;
	pango_layout_get_pixel_size(layout, &w, &h);
	return h;
}

/* Draws text at (x, y) in font and grey level, aligned within width; returns its height. */
static double text_at(cairo_t *cr, const char *font, const char *text, double x, double y,
		      double width, PangoAlignment align, double grey)
{
	PangoLayout *layout = layout_of(cr, font, text, width);
	pango_layout_set_alignment(layout, align);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double h = height_of(layout);
	g_object_unref(layout);
	return h;
}

static void line_across(cairo_t *cr, double y, double width_pt, double grey)
{
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_set_line_width(cr, width_pt);
	cairo_move_to(cr, PDF_MARGIN, y);
	cairo_line_to(cr, PDF_PAGE_W - PDF_MARGIN, y);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static void add_page(struct pdf_doc *d)
{
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->npages == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 4;
		d->pages = xrealloc(d->pages, d->cap * sizeof *d->pages);
	}
	cairo_rectangle_t page = {0, 0, PDF_PAGE_W, PDF_PAGE_H};
	d->pages[d->npages++] = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
	d->cr = cairo_create(d->pages[d->npages - 1]);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

/* A page after the first: who it is from and what it is, on one line. */
static void continued_page(struct pdf_doc *d)
{
	add_page(d);
	const struct letterhead *h = d->head;
	struct buf from = BUF_INIT;
	buf_printf(&from, "%s · %s", h->library, h->branch->name);
	text_at(d->cr, "DejaVu Sans 8", buf_str(&from), PDF_MARGIN, PDF_MARGIN, PDF_TEXT_W,
		PANGO_ALIGN_LEFT, 0.35);
	text_at(d->cr, "DejaVu Sans Bold 8", h->document, PDF_MARGIN, PDF_MARGIN, PDF_TEXT_W,
		PANGO_ALIGN_RIGHT, 0.35);
	buf_free(&from);
	line_across(d->cr, PDF_MARGIN + 14, 0.5, 0.6);
	d->y = CONTENT_TOP;
}

void pdf_begin(struct pdf_doc *d, const struct letterhead *head, const char *title)
{
	*d = (struct pdf_doc){.head = head};
	add_page(d);
	const struct branch *b = head->branch;
	double half = PDF_TEXT_W / 2;
	double left = text_at(d->cr, "DejaVu Sans Bold 14", head->library, PDF_MARGIN, PDF_MARGIN,
			      half + 40, PANGO_ALIGN_LEFT, 0);
	left += text_at(d->cr, "DejaVu Sans 11", b->name, PDF_MARGIN, PDF_MARGIN + left + 2,
			half + 40, PANGO_ALIGN_LEFT, 0.15) +
		2;
	struct buf contact = BUF_INIT;
	buf_printf(&contact, "%s%sPhone %s", b->address ? b->address : "",
		   b->address && *b->address ? "\n" : "",
		   b->phone && *b->phone ? b->phone : "not on file");
	double right = text_at(d->cr, "DejaVu Sans 9", buf_str(&contact), PDF_MARGIN + half,
			       PDF_MARGIN, half, PANGO_ALIGN_RIGHT, 0.2);
	buf_free(&contact);
	d->y = PDF_MARGIN + (left > right ? left : right) + 8;
	line_across(d->cr, d->y, 1.5, 0);
	d->y += 14;
	pdf_para(d, "DejaVu Sans Bold 17", title, 6);
}

void pdf_keep(struct pdf_doc *d, double height)
{
	if (d->y + height > CONTENT_BOTTOM && d->y > CONTENT_TOP + 1)
		continued_page(d);
}

/* Shows layout's lines from d->y down at x, each on the page it fits on. */
static void show_lines(struct pdf_doc *d, PangoLayout *layout, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	double top = d->y; /* where the layout's first line would be on this page */
	do {
		PangoRectangle line;
		pango_layout_iter_get_line_extents(it, NULL, &line);
		double y0 = (double)line.y / PANGO_SCALE, h = (double)line.height / PANGO_SCALE;
		if (top + y0 + h > CONTENT_BOTTOM && top + y0 > CONTENT_TOP + 1) {
			continued_page(d);
			top = d->y - y0;
		}
		cairo_move_to(d->cr, x,
			      top + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
		d->y = top + y0 + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

void pdf_para(struct pdf_doc *d, const char *font, const char *text, double gap_after)
{
	pdf_para_width(d, font, text, PDF_TEXT_W, gap_after);
}

void pdf_para_width(struct pdf_doc *d, const char *font, const char *text, double width,
		    double gap_after)
{
	PangoLayout *layout = layout_of(d->cr, font, text, width);
	show_lines(d, layout, PDF_MARGIN);
	g_object_unref(layout);
	d->y += gap_after;
}

void pdf_field(struct pdf_doc *d, const char *label, const char *value)
{
	pdf_keep(d, 30); /* the label and the value's first line */
	pdf_para(d, "DejaVu Sans Bold 8", label, 1);
	pdf_para(d, "DejaVu Sans 10", value, 8);
}

void pdf_heading(struct pdf_doc *d, const char *text)
{
	pdf_keep(d, 60);
	d->y += 4;
	pdf_para(d, "DejaVu Sans Bold 12", text, 2);
	line_across(d->cr, d->y, 0.5, 0.6);
	d->y += 6;
}

void pdf_rule(struct pdf_doc *d)
{
	line_across(d->cr, d->y, 0.7, 0);
	d->y += 8;
}

/* One row of cells (the header's when shade); returns its height, or -1 when it does not fit
 * on this page (unless force: a row taller than a page is drawn past the bottom margin). */
static double table_row(struct pdf_doc *d, const struct pdf_column *cols, size_t ncols,
			const char *const *cells, bool shade, bool force)
{
	PangoLayout *layouts[TABLE_MAX_COLS];
	double h = 0;
	for (size_t c = 0; c < ncols; c++) {
		layouts[c] = layout_of(d->cr, shade ? "DejaVu Sans Bold 8" : cols[c].font, cells[c],
				       cols[c].width - 2 * CELL_PAD);
		double ch = height_of(layouts[c]);
		h = ch > h ? ch : h;
	}
	h += 2 * CELL_PAD;
	if (!force && d->y + h > CONTENT_BOTTOM) {
		for (size_t c = 0; c < ncols; c++)
			g_object_unref(layouts[c]);
		return -1; /* the caller starts a new page and asks again */
	}
	double x = PDF_MARGIN, width = 0;
	for (size_t c = 0; c < ncols; c++)
		width += cols[c].width;
	if (shade) {
		cairo_set_source_rgb(d->cr, 0.9, 0.9, 0.9);
		cairo_rectangle(d->cr, x, d->y, width, h);
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	for (size_t c = 0; c < ncols; c++) {
		cairo_move_to(d->cr, x + CELL_PAD, d->y + CELL_PAD);
		pango_cairo_show_layout(d->cr, layouts[c]);
		g_object_unref(layouts[c]);
		x += cols[c].width;
	}
	cairo_set_source_rgb(d->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, PDF_MARGIN, d->y + h);
	cairo_line_to(d->cr, PDF_MARGIN + width, d->y + h);
	cairo_stroke(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	d->y += h;
	return h;
}

void pdf_table(struct pdf_doc *d, const struct pdf_column *cols, size_t ncols,
	       const char *const *cells, size_t nrows)
{
	const char *titles[TABLE_MAX_COLS];
	bool header = cols[0].title != NULL;
	assert(ncols <= TABLE_MAX_COLS); /* cells are laid out ncols to a row: never cut */
	for (size_t c = 0; c < ncols; c++)
		titles[c] = cols[c].title;
	pdf_keep(d, header ? 44 : 22); /* the header and a row */
	if (header)
		table_row(d, cols, ncols, titles, true, true);
	for (size_t r = 0; r < nrows; r++) {
		if (table_row(d, cols, ncols, cells + r * ncols, false, false) >= 0)
			continue;
		continued_page(d);
		if (header)
			table_row(d, cols, ncols, titles, true, true);
		table_row(d, cols, ncols, cells + r * ncols, false, true);
	}
	d->y += 8;
}

int pdf_qr(struct pdf_doc *d, const char *text, double x, double y, double size,
	   struct fd_error *err)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return fd_fail(err, FD_EINTERNAL, "cannot draw the verification QR code: %s",
			       strerror(errno));
	double m = size / (q->width + 2 * QR_QUIET);
	cairo_set_source_rgb(d->cr, 1, 1, 1);
	cairo_rectangle(d->cr, x, y, size, size);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	/* One rectangle per run of dark modules in a row: no hairline seams between them. */
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width;) {
			int run = 0;
			while (c + run < q->width && (q->data[r * q->width + c + run] & 1))
				run++;
			if (run)
				cairo_rectangle(d->cr, x + (c + QR_QUIET) * m,
						y + (r + QR_QUIET) * m, run * m, m);
			c += run ? run : 1;
		}
	cairo_fill(d->cr);
	QRcode_free(q);
	return 0;
}

static cairo_status_t write_pdf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void footer(cairo_t *cr, const struct letterhead *h, size_t page, size_t pages)
{
	struct buf t = BUF_INIT;
	struct arena a;
	arena_init(&a);
	buf_printf(&t, "%s · page %zu of %zu · printed %s", h->document, page, pages,
		   pdf_time(&a, h->branch->time_zone, h->printed_at, PDF_DAY_TIME));
	line_across(cr, FOOTER_RULE_Y, 0.5, 0.6);
	text_at(cr, "DejaVu Sans 8", buf_str(&t), PDF_MARGIN, FOOTER_RULE_Y + 5, PDF_TEXT_W,
		PANGO_ALIGN_CENTER, 0.3);
	buf_free(&t);
	arena_free(&a);
}

int pdf_end(struct pdf_doc *d, struct buf *out, struct fd_error *err)
{
	cairo_destroy(d->cr);
	cairo_surface_t *surface =
		cairo_pdf_surface_create_for_stream(write_pdf, out, PDF_PAGE_W, PDF_PAGE_H);
	cairo_t *cr = cairo_create(surface);
	for (size_t i = 0; i < d->npages; i++) {
		cairo_set_source_surface(cr, d->pages[i], 0, 0);
		cairo_paint(cr);
		footer(cr, d->head, i + 1, d->npages);
		cairo_show_page(cr);
		cairo_surface_destroy(d->pages[i]);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	free(d->pages);
	*d = (struct pdf_doc){0};
	if (status != CAIRO_STATUS_SUCCESS)
		return fd_fail(err, FD_EINTERNAL, "cannot draw the PDF: %s",
			       cairo_status_to_string(status));
	return 0;
}

const char *pdf_time(struct arena *a, const char *zone, int64_t t, enum pdf_when form)
{
	static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					   "Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January",	  "February", "March",	  "April",
					     "May",	  "June",     "July",	  "August",
					     "September", "October",  "November", "December"};
	struct tm tm = {0};
	char abbr[16] = "UTC";
	time_t tt = (time_t)t;
	if (!t)
		return "—";
	/* glibc keeps a zone's abbreviations for the life of the process: tm_zone stays valid. */
	if (zone && tz_localtime(zone, t, &tm) == 0 && tm.tm_zone)
		snprintf(abbr, sizeof abbr, "%s", tm.tm_zone);
	else
		gmtime_r(&tt, &tm);
	int hour12 = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;
	const char *half = tm.tm_hour < 12 ? "AM" : "PM";
	if (form == PDF_CLOCK)
		return arena_printf(a, "%d:%02d %s %s", hour12, tm.tm_min, half, abbr);
	if (form == PDF_DAY)
		return arena_printf(a, "%s, %s %d, %d", days[tm.tm_wday], months[tm.tm_mon],
				    tm.tm_mday, tm.tm_year + 1900);
	if (form == PDF_SHORT_DAY)
		return arena_printf(a, "%.3s, %.3s %d, %d", days[tm.tm_wday], months[tm.tm_mon],
				    tm.tm_mday, tm.tm_year + 1900);
	return arena_printf(a, "%.3s, %.3s %d, %d, %d:%02d %s %s", days[tm.tm_wday],
			    months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, hour12, tm.tm_min,
			    half, abbr);
}
