/* The incident report as a document an insurer, the police and Headquarters accept: on the
 * branch's letterhead, every field in words and in the branch's local time, the people as a
 * table, the attachments, the signature with a QR code that checks it, and the addenda. */
#include "notify/pdf.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "base/arena.h"
#include "base/ed25519.h"
#include "base/vocab.h"
#include "notify/pdf_page.h"

#define CELL_FONT "DejaVu Sans 8.5"
#define QR_SIZE 96.0

/* The people table, one line a column: a new column is one more line. Cells are made in a. */
struct person_column {
	struct pdf_column col;
	const char *(*cell)(struct arena *a, const struct incident_person *p);
};

/* The name, with the description an unknown person is known by. */
static const char *person_name(struct arena *a, const struct incident_person *p)
{
	const char *name = p->name && *p->name ? p->name : "Name not known";
	if (!p->description || !*p->description)
		return name;
	return arena_printf(a, "%s\nLooked like: %s", name, p->description);
}

static const char *person_kind(struct arena *a, const struct incident_person *p)
{
	int k = vocab_from_name(&vocab_person_kind, p->kind);
	const char *label = k < 0 ? p->kind : person_kind_label((enum person_kind)k);
	return p->customer_id ? arena_printf(a, "%s (on file)", label) : label;
}

static const char *person_part(struct arena *a, const struct incident_person *p)
{
	(void)a;
	return p->part;
}

static const char *person_injuries(struct arena *a, const struct incident_person *p)
{
	(void)a;
	return p->injuries;
}

static const char *person_care(struct arena *a, const struct incident_person *p)
{
	(void)a;
	int c = p->care && *p->care ? vocab_from_name(&vocab_person_care, p->care) : -1;
	return c < 0 ? "" : person_care_label((enum person_care)c);
}

static const char *person_contact(struct arena *a, const struct incident_person *p)
{
	(void)a;
	return p->contact;
}

static const struct person_column person_columns[] = {
	{{"Name", 96, CELL_FONT}, person_name},
	{{"Kind", 90, CELL_FONT}, person_kind},
	{{"Part in it", 74, CELL_FONT}, person_part},
	{{"Injuries", 74, CELL_FONT}, person_injuries},
	{{"Care", 80, CELL_FONT}, person_care},
	{{"Contact", 90, CELL_FONT}, person_contact},
};
#define NPERSON_COLUMNS (sizeof person_columns / sizeof person_columns[0])

static const struct pdf_column fact_columns[] = {
	{NULL, 160, "DejaVu Sans Bold 9"},
	{NULL, PDF_TEXT_W - 160, "DejaVu Sans 10"},
};

struct report {
	struct pdf_doc doc;
	struct arena a;
	const struct incident_printout *p;
	const char *zone;
};

static const char *at(struct report *rp, int64_t t)
{
	return tz_words(&rp->a, rp->zone, t, TZ_DAY_TIME);
}

static const char *who(struct report *rp, const struct person *p)
{
	if (!p->name)
		return "—";
	return arena_printf(&rp->a, "%s, %s", p->name, role_label(p->role));
}

static void facts(struct report *rp)
{
	const struct incident_view *v = &rp->p->v;
	const struct incident *i = &v->i;
	const char *hq = i->hq_notified_at
				 ? arena_printf(&rp->a, "Taken by %s on %s",
						who(rp, &i->hq_taken_by), at(rp, i->hq_notified_at))
				 : "Not made yet";
	const char *cells[2 * 12]; /* the eleven facts below at most, label and value */
	size_t n = 0;
#define FACT(label, value) (cells[n++] = (label), cells[n++] = (value))
	FACT("Kind of incident", incident_category_label(i->category));
	FACT("When it happened", at(rp, i->occurred_at));
	if (i->discovered_at)
		FACT("When it was discovered", at(rp, i->discovered_at));
	FACT("Where in the building", i->location);
	FACT("Police called", i->police_called ? "Yes" : "No");
	if (i->police_called) {
		FACT("Police report number", i->police_report_number);
		FACT("Police officer", i->police_officer);
	}
	FACT("Reported by", who(rp, &i->reported_by));
	FACT("Report opened", at(rp, i->created_at));
	FACT("Verbal report to Headquarters", hq);
	if (v->instruction)
		FACT("Business Manager contacted",
		     i->business_manager_contacted_at
			     ? arena_printf(&rp->a, "%s; no insurance information was given.",
					    at(rp, i->business_manager_contacted_at))
			     : arena_printf(&rp->a, "Not yet. %s", v->instruction));
#undef FACT
	pdf_table(&rp->doc, fact_columns, 2, cells, n / 2);
}

static void people(struct report *rp)
{
	const struct incident *i = &rp->p->v.i;
	struct pdf_column cols[NPERSON_COLUMNS];
	for (size_t c = 0; c < NPERSON_COLUMNS; c++)
		cols[c] = person_columns[c].col;
	pdf_heading(&rp->doc, "People involved");
	if (!i->npeople) {
		pdf_para(&rp->doc, "DejaVu Sans 10", "None recorded.", 8);
		return;
	}
	const char **cells = arena_alloc(&rp->a, i->npeople * NPERSON_COLUMNS * sizeof *cells);
	for (size_t k = 0; k < i->npeople; k++)
		for (size_t c = 0; c < NPERSON_COLUMNS; c++)
			cells[k * NPERSON_COLUMNS + c] =
				person_columns[c].cell(&rp->a, &i->people[k]);
	pdf_table(&rp->doc, cols, NPERSON_COLUMNS, cells, i->npeople);
}

static const char *file_kind(const char *content_type)
{
	if (!strcmp(content_type, "image/jpeg"))
		return "JPEG photo";
	if (!strcmp(content_type, "image/png"))
		return "PNG image";
	if (!strcmp(content_type, "application/pdf"))
		return "PDF document";
	return content_type;
}

static void attachments(struct report *rp)
{
	static const struct pdf_column cols[] = {
		{"File", 190, CELL_FONT},
		{"Type", 90, CELL_FONT},
		{"Size", 70, CELL_FONT},
		{"SHA-256 (first 16 digits)", 154, "DejaVu Sans Mono 8"},
	};
	const struct incident_view *v = &rp->p->v;
	if (!v->nattachments)
		return;
	pdf_heading(&rp->doc, "Photos and documents");
	const char **cells = arena_alloc(&rp->a, v->nattachments * 4 * sizeof *cells);
	for (size_t k = 0; k < v->nattachments; k++) {
		const struct attachment *at = &v->attachments[k];
		const char *h = at->sha256;
		cells[4 * k] = at->name;
		cells[4 * k + 1] = file_kind(at->content_type);
		cells[4 * k + 2] =
			at->size_bytes < 1024
				? arena_printf(&rp->a, "%lld bytes", (long long)at->size_bytes)
				: arena_printf(&rp->a, "%.1f KB", at->size_bytes / 1024.0);
		cells[4 * k + 3] =
			h && strlen(h) == 64 ? arena_printf(&rp->a, "%.16s", h) : "not recorded";
	}
	pdf_table(&rp->doc, cols, 4, cells, v->nattachments);
}

/* "Signed electronically by …", the key and check code, and beside them the QR code. */
static int signature(struct report *rp, struct fd_error *err)
{
	const struct incident_view *v = &rp->p->v;
	const struct incident *i = &v->i;
	struct pdf_doc *d = &rp->doc;
	pdf_keep(d, QR_SIZE + 40); /* the heading with the block under it */
	pdf_heading(d, "Signature");
	if (!i->signed_at) {
		pdf_para(d, "DejaVu Sans Bold 11", "Draft: this report is not signed yet.", 8);
		return 0;
	}
	pdf_keep(d, QR_SIZE + 8);
	double top = d->y;
	if (v->verify_url &&
	    pdf_qr(d, v->verify_url, PDF_PAGE_W - PDF_MARGIN - QR_SIZE, top, QR_SIZE, err))
		return -1;
	const char *text = arena_printf(
		&rp->a,
		"Signed electronically by %s, %s, on %s at %s (typed name: %s).\n\n"
		"Installation key fingerprint: %s\nCheck code: %s\n\n"
		"To check that this is the report as signed, scan the code or open\n%s",
		i->signed_by.name, role_label(i->signed_by.role),
		tz_words(&rp->a, rp->zone, i->signed_at, TZ_DAY),
		tz_words(&rp->a, rp->zone, i->signed_at, TZ_CLOCK), i->signed_name,
		v->fingerprint ? v->fingerprint : "not available",
		i->signature ? ed25519_check_code(&rp->a, i->signature) : "—",
		v->verify_url ? v->verify_url : "—");
	pdf_para_width(d, "DejaVu Sans 9.5", text, PDF_TEXT_W - QR_SIZE - 12, 6);
	if (d->y < top + QR_SIZE + 6)
		d->y = top + QR_SIZE + 6;
	return 0;
}

static void addenda(struct report *rp)
{
	const struct incident *i = &rp->p->v.i;
	if (!i->naddenda)
		return;
	pdf_heading(&rp->doc, "Addenda");
	for (size_t k = 0; k < i->naddenda; k++) {
		const struct addendum *ad = &i->addenda[k];
		pdf_field(&rp->doc,
			  arena_printf(&rp->a, "Addendum %zu, signed electronically by %s on %s",
				       k + 1, ad->signed_name, at(rp, ad->signed_at)),
			  ad->text);
	}
}

int pdf_incident(const struct incident_printout *p, struct buf *out, struct fd_error *err)
{
	const struct incident *i = &p->v.i;
	struct report rp = {.p = p, .zone = p->head.branch.time_zone};
	arena_init(&rp.a);
	struct letterhead head = {
		.library = p->head.library,
		.branch = &p->head.branch,
		.document = arena_printf(&rp.a, "Incident report %lld", (long long)i->id),
		.printed_at = p->head.printed_at,
	};
	pdf_begin(&rp.doc, &head, arena_printf(&rp.a, "Incident Report %lld", (long long)i->id));
	pdf_para(
		&rp.doc, p->v.nchanges ? "DejaVu Sans Bold 11" : "DejaVu Sans 10",
		!i->signed_at ? "DRAFT: not signed. Its facts may still change."
		: p->v.nchanges
			? "WARNING: this report has changed since it was signed. What is printed "
			  "here is not what was signed, and the signature below does not cover it. "
			  "Ask Headquarters for the report as signed."
			: "Signed: this report cannot be changed; later facts are added as signed "
			  "addenda.",
		8);
	facts(&rp);
	pdf_field(&rp.doc, "What happened", i->narrative);
	pdf_field(&rp.doc, "Actions taken", i->actions_taken);
	people(&rp);
	attachments(&rp);
	int rc = signature(&rp, err);
	addenda(&rp);
	struct fd_error end_err = {0};
	if (pdf_end(&rp.doc, out, &end_err) && !rc) {
		*err = end_err;
		rc = -1;
	}
	arena_free(&rp.a);
	return rc;
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
