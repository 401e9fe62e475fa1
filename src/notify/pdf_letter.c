/* The trespass letter: whom it is to, what is forbidden from when until when, why, what
 * happens if the ban is not kept, how to appeal (to the issuing branch's manager or
 * Headquarters, who uphold, shorten or lift it), and who issued it. */
#include "notify/pdf_letter.h"

#include <string.h>

#include "base/arena.h"
#include "base/vocab.h"
#include "notify/pdf_page.h"

#define BODY "DejaVu Sans 10.5"

/* What the ban forbids and for how long, in one sentence. */
static const char *forbidden(struct arena *a, const struct trespass_letter *l, const char *zone)
{
	const struct restriction *r = &l->r;
	/* Days, as a person keeps a ban in mind: the day it ends on, in the branch's zone. */
	const char *until = r->ends_at ? arena_printf(a, "until %s",
						      tz_words(a, zone, r->ends_at, TZ_SHORT_DAY))
				       : "until the library lifts this restriction";
	return arena_printf(a,
			    "You may not enter any building of the %s, at any of its branches or "
			    "its Headquarters, from %s %s.",
			    l->head.library, tz_words(a, zone, r->starts_at, TZ_SHORT_DAY), until);
}

/* The address on one line, mid-sentence. */
static const char *one_line(struct arena *a, const char *address)
{
	char *s = arena_strdup(a, address ? address : "");
	struct buf b = BUF_INIT;
	char *save = NULL;
	for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		buf_printf(&b, "%s%s", b.len ? ", " : "", line);
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* "1 Main St, Kos, phone 555-0100": where to write or call; "" when neither is known. */
static const char *contact(struct arena *a, const struct branch *b)
{
	const char *address = one_line(a, b->address);
	bool phone = b->phone && *b->phone;
	return arena_printf(a, "%s%s%s%s", address, *address && phone ? ", " : "",
			    phone ? "phone " : "", phone ? b->phone : "");
}

/* "Kos Branch, 1 Main St, Kos, phone 555-0100". */
static const char *where(struct arena *a, const struct branch *b)
{
	const char *c = contact(a, b);
	return arena_printf(a, "%s%s%s", b->name, *c ? ", " : "", c);
}

static const char *appeal(struct arena *a, const struct trespass_letter *l, const char *zone)
{
	/* Headquarters' own address and phone, when a branch is marked as it (the issuing
	 * branch may be Headquarters itself: then once). */
	const char *hq_contact = contact(a, &l->hq);
	bool hq = l->hq.id && l->hq.id != l->head.branch.id && *hq_contact;
	const char *text = arena_printf(
		a,
		"You may appeal this decision. Write to or call the Branch Manager of %s, or the "
		"library's Headquarters%s%s, and say why the restriction should be changed. The "
		"Branch Manager or Headquarters will review it and tell you the decision: the "
		"restriction is upheld, shortened or lifted, and the decision is recorded with it.",
		where(a, &l->head.branch), hq ? " at " : "", hq ? hq_contact : "");
	int o = l->r.appeal_outcome ? vocab_from_name(&vocab_appeal_outcome, l->r.appeal_outcome)
				    : -1;
	if (l->r.appealed_at && o >= 0)
		text = arena_printf(a, "%s\n\nAn appeal was decided on %s: %s.", text,
				    tz_words(a, zone, l->r.appealed_at, TZ_DAY),
				    appeal_outcome_label((enum appeal_outcome)o));
	return text;
}

int pdf_trespass_letter(const struct trespass_letter *l, struct buf *out, struct fd_error *err)
{
	const struct restriction *r = &l->r;
	const char *zone = l->head.branch.time_zone;
	struct arena a;
	arena_init(&a);
	struct letterhead head = {
		.library = l->head.library,
		.branch = &l->head.branch,
		.document = arena_printf(&a, "Trespass letter %lld", (long long)r->id),
		.printed_at = l->head.printed_at,
	};
	struct pdf_doc d;
	pdf_begin(&d, &head, "Notice of Trespass");
	pdf_para(&d, BODY, tz_words(&a, zone, l->head.printed_at, TZ_DAY), 14);
	pdf_para(&d, "DejaVu Sans Bold 10.5", arena_printf(&a, "To: %s", r->customer_name), 14);
	if (!l->active)
		pdf_para(&d, "DejaVu Sans Bold 10.5",
			 r->lifted_at ? arena_printf(&a,
						     "This restriction was lifted on %s. This copy "
						     "is for the record only.",
						     tz_words(&a, zone, r->lifted_at, TZ_DAY))
				      : "This restriction is not in force now. This copy is for "
					"the record only.",
			 12);
	pdf_para(&d, BODY, arena_printf(&a, "Dear %s,", r->customer_name), 10);
	pdf_para(&d, BODY, forbidden(&a, l, zone), 10);
	pdf_field(&d, "The reason", r->reason);
	if (r->incident_id)
		pdf_field(&d, "Incident report",
			  arena_printf(&a,
				       "This restriction was issued against incident report "
				       "%lld.",
				       (long long)r->incident_id));
	pdf_para(&d, BODY,
		 "If you enter a library building while this restriction is in force, staff will "
		 "ask you to leave, and may call the police.",
		 10);
	pdf_heading(&d, "How to appeal");
	pdf_para(&d, BODY, appeal(&a, l, zone), 18);
	pdf_para(&d, BODY, "Issued by", 24);
	pdf_rule(&d);
	pdf_para(&d, "DejaVu Sans Bold 10.5",
		 arena_printf(&a, "%s, %s", r->issued_by.name ? r->issued_by.name : "—",
			      role_label(r->issued_by.role)),
		 2);
	pdf_para(&d, BODY,
		 arena_printf(&a, "%s, issued on %s", l->head.branch.name,
			      tz_words(&a, zone, r->starts_at, TZ_DAY)),
		 0);
	int rc = pdf_end(&d, out, err);
	arena_free(&a);
	return rc;
}
