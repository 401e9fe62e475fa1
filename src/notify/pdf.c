/* One or more US Letter pages: the header, every field, the people, the verbal report, the
 * signature block with the key's fingerprint, and the addenda, flowing onto new pages. */
#include "notify/pdf.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "base/timefmt.h"

#define PAGE_W 612.0 /* US Letter, in points */
#define PAGE_H 792.0
#define MARGIN 54.0

struct page {
	cairo_t *cr;
	double y;
	int number;
};

static cairo_status_t write_pdf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A paragraph in font (e.g. "DejaVu Sans Bold 11"), starting a new page when it does not fit. */
static void para(struct page *p, const char *font, const char *text, double gap_after)
{
	PangoLayout *layout = pango_cairo_create_layout(p->cr);
	PangoFontDescription *desc = pango_font_description_from_string(font);
	pango_layout_set_font_description(layout, desc);
	pango_layout_set_width(layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(layout, text && *text ? text : "—", -1);
	int w, h;
	pango_layout_get_pixel_size(layout, &w, &h);
	if (p->y + h > PAGE_H - MARGIN && p->y > MARGIN + 1) {
		cairo_show_page(p->cr);
		p->number++;
		p->y = MARGIN;
	}
	cairo_move_to(p->cr, MARGIN, p->y);
	pango_cairo_show_layout(p->cr, layout);
	p->y += h + gap_after;
	pango_font_description_free(desc);
	g_object_unref(layout);
}

static void field(struct page *p, const char *label, const char *value)
{
	para(p, "DejaVu Sans Bold 9", label, 1);
	para(p, "DejaVu Sans 10", value, 8);
}

static const char *when(struct buf *b, int64_t t)
{
	char iso[RFC3339_LEN];
	if (!t)
		return "—";
	timefmt_rfc3339(t, iso);
	buf_reset(b);
	buf_printf(b, "%.10s %.5s UTC", iso, iso + 11);
	return buf_str(b);
}

static void rule_line(struct page *p)
{
	cairo_set_line_width(p->cr, 0.7);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 8;
}

static void draw(struct page *p, const struct incident_view *v)
{
	const struct incident *i = &v->i;
	struct buf t = BUF_INIT, s = BUF_INIT;
	para(p, "DejaVu Sans 9", "Mid-Mississippi Regional Library System", 2);
	para(p, "DejaVu Sans Bold 17", "Incident Report", 4);
	buf_printf(&t, "%s (%s) · report %lld · %s", i->branch_name, i->branch_code,
		   (long long)i->id, i->signed_at ? "signed" : "DRAFT: not signed");
	para(p, "DejaVu Sans 10", buf_str(&t), 6);
	rule_line(p);
	field(p, "Category", incident_category_label(i->category));
	field(p, "When it happened", when(&s, i->occurred_at));
	field(p, "Police called", i->police_called ? "yes" : "no");
	field(p, "What happened", i->narrative);
	field(p, "Actions taken", i->actions_taken);
	buf_reset(&t);
	for (size_t k = 0; k < i->npeople; k++)
		buf_printf(&t, "• %s (%s)%s%s%s%s\n", i->people[k].name, i->people[k].kind,
			   *i->people[k].part ? ": " : "", i->people[k].part,
			   *i->people[k].injuries ? "; injuries: " : "", i->people[k].injuries);
	if (t.len)
		t.data[--t.len] = '\0'; /* the last line's break */
	field(p, "People involved", t.len ? buf_str(&t) : "none recorded");
	buf_reset(&t);
	buf_printf(&t, "%s, taken by %s", when(&s, i->hq_notified_at),
		   i->hq_taken_by.name ? i->hq_taken_by.name : "—");
	field(p, "Verbal report to Headquarters", i->hq_notified_at ? buf_str(&t) : "not yet");
	if (v->instruction)
		field(p, "Insurance (CS-INSURANCE)",
		      i->business_manager_contacted_at ? "Business Manager contacted; no "
							 "insurance information given."
						       : v->instruction);
	field(p, "Reported by", i->reported_by.name);
	if (v->nattachments) {
		buf_reset(&t);
		for (size_t k = 0; k < v->nattachments; k++) {
			const char *h = v->attachments[k].sha256;
			buf_printf(&t, "%s• %s (%s, %lld bytes)", k ? "\n" : "",
				   v->attachments[k].name, v->attachments[k].content_type,
				   (long long)v->attachments[k].size_bytes);
			/* In four groups, so that a narrow column breaks it between them. */
			if (h && strlen(h) == 64)
				buf_printf(&t, "\n   SHA-256 %.16s %.16s %.16s %.16s", h, h + 16,
					   h + 32, h + 48);
		}
		field(p, "Attachments", buf_str(&t));
	}
	rule_line(p);
	if (i->signed_at) {
		buf_reset(&t);
		buf_printf(&t, "Signed by %s (typed: %s) at %s", i->signed_by.name, i->signed_name,
			   when(&s, i->signed_at));
		para(p, "DejaVu Sans Bold 10", buf_str(&t), 3);
		buf_reset(&t);
		buf_printf(&t, "Ed25519 signature: %s\nInstallation key fingerprint: %s",
			   i->signature, v->fingerprint ? v->fingerprint : "—");
		para(p, "DejaVu Sans Mono 7", buf_str(&t), 10);
	}
	for (size_t k = 0; k < i->naddenda; k++) {
		buf_reset(&t);
		buf_printf(&t, "Addendum %zu, signed by %s at %s", k + 1, i->addenda[k].signed_name,
			   when(&s, i->addenda[k].signed_at));
		para(p, "DejaVu Sans Bold 9", buf_str(&t), 1);
		para(p, "DejaVu Sans 10", i->addenda[k].text, 2);
		para(p, "DejaVu Sans Mono 7", i->addenda[k].signature, 8);
	}
	buf_free(&t);
	buf_free(&s);
}

int pdf_incident(const struct incident_view *v, struct buf *out, struct fd_error *err)
{
	cairo_surface_t *surface =
		cairo_pdf_surface_create_for_stream(write_pdf, out, PAGE_W, PAGE_H);
	struct page p = {cairo_create(surface), MARGIN, 1};
	draw(&p, v);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS)
		return fd_fail(err, FD_EINTERNAL, "cannot draw the PDF: %s",
			       cairo_status_to_string(status));
	return 0;
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
