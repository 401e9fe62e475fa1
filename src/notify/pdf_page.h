/* The pages every printed document shares (cairo + pango): the letterhead, text and tables that
 * flow onto new pages, a QR code, and the footer on every page with "page X of Y". */
#ifndef NOTIFY_PDF_PAGE_H
#define NOTIFY_PDF_PAGE_H
#include <cairo.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "store/store_branch.h"

#define PDF_PAGE_W 612.0 /* US Letter, in points */
#define PDF_PAGE_H 792.0
#define PDF_MARGIN 54.0
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN)

/* Who the document is from and what it is, printed on every page. */
struct letterhead {
	const char *library;	     /* the system's name ([library] name) */
	const struct branch *branch; /* its name, address, phone; its zone for every time */
	const char *document;	     /* "Incident report 12": the footer's first words */
	int64_t printed_at;
};

/* A document being laid out: each page is drawn on a recording surface first, so that the
 * footers, drawn last, know how many pages there are. */
struct pdf_doc {
	const struct letterhead *head;
	cairo_surface_t **pages;
	size_t npages, cap;
	cairo_t *cr; /* the page being laid out */
	double y;    /* where the next line goes on it */
};

/* Starts the first page with the letterhead and title (in large type). */
void pdf_begin(struct pdf_doc *d, const struct letterhead *head, const char *title);
/* A paragraph in font (like "DejaVu Sans 10"), split between pages where it does not fit;
 * NULL or "" prints a dash. */
void pdf_para(struct pdf_doc *d, const char *font, const char *text, double gap_after);
/* The same, width points wide (beside a QR code). */
void pdf_para_width(struct pdf_doc *d, const char *font, const char *text, double width,
		    double gap_after);
/* A label in small bold type over its value, kept together on one page. */
void pdf_field(struct pdf_doc *d, const char *label, const char *value);
/* A section heading, kept on the page with what follows it. */
void pdf_heading(struct pdf_doc *d, const char *text);
void pdf_rule(struct pdf_doc *d);
/* Starts a new page unless height points fit on this one. */
void pdf_keep(struct pdf_doc *d, double height);

struct pdf_column {
	const char *title; /* NULL: a table without a header row */
	double width;	   /* points */
	const char *font;
};
/* A table of nrows rows of ncols cells (row by row; NULL or "" prints a dash), its header
 * repeated on each page it continues onto. */
void pdf_table(struct pdf_doc *d, const struct pdf_column *cols, size_t ncols,
	       const char *const *cells, size_t nrows);
/* A QR code of text, size points square, its top left corner at (x, y) of this page. */
int pdf_qr(struct pdf_doc *d, const char *text, double x, double y, double size,
	   struct fd_error *err);

/* Draws every page with its footer ("Incident report 12 · page 1 of 2 · printed …") into out
 * as a PDF, and frees what d holds. */
int pdf_end(struct pdf_doc *d, struct buf *out, struct fd_error *err);

enum pdf_when {
	PDF_DAY_TIME,  /* "Sun, Nov 1, 2026, 2:30 PM CST" */
	PDF_DAY,       /* "Sunday, November 1, 2026" */
	PDF_SHORT_DAY, /* "Sun, Nov 1, 2026" */
	PDF_CLOCK      /* "2:30 PM CST" */
};
/* t in zone, as form says (in a); 0 is a dash. */
const char *pdf_time(struct arena *a, const char *zone, int64_t t, enum pdf_when form);

#endif
