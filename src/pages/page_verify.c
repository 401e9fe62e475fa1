/* The public verify page a signed report's QR code opens (/verify/ID/CHECK-CODE): whoever
 * holds the paper (an insurer, the police) learns whether the report is intact, and nothing of
 * its content (CS-CONFIDENTIAL). The check code is 64 bits of the signature's hash, too many to
 * guess, so the page is not throttled; every miss reads the same, so ids cannot be probed. */
#include "base/timefmt.h"
#include "base/tz.h"
#include "http/handlers.h"
#include "http/page.h"
#include "service/incident.h"
#include "service/incident_seal.h"

/* In the printed report's words (its signature sentence), year and zone included: whoever
 * holds the paper compares the two, perhaps years later and in another zone. */
static void signed_on(struct request *r, const struct incident_seal *s)
{
	char iso[RFC3339_LEN];
	timefmt_rfc3339(s->signed_at, iso);
	html_printf(&r->out,
		    "Incident report %lld of %s, signed by %s on <time datetime=\"%s\">%s at "
		    "%s</time>",
		    (long long)s->id, s->branch_name, s->signed_name, iso,
		    tz_words(&r->arena, s->time_zone, s->signed_at, TZ_DAY),
		    tz_words(&r->arena, s->time_zone, s->signed_at, TZ_CLOCK));
}

static void verdict(struct request *r, const struct incident_seal *s)
{
	const struct incident_check *c = &s->check;
	html_printf(&r->out, "<section class=\"card\" id=\"verdict\" data-intact=\"%s\"><p>",
		    c->nproblems ? "no" : "yes");
	signed_on(r, s);
	if (!c->nproblems) {
		html_printf(&r->out, ": <strong>the report is intact</strong> — it has not changed "
				     "since it was signed.</p>");
		if (c->naddenda)
			html_printf(&r->out, "<p>%s it, each signed.</p>",
				    page_count(r, (long long)c->naddenda, "addendum follows",
					       "addenda follow"));
		else
			html_printf(&r->out, "<p>No addendum has been added to it.</p>");
	} else {
		html_printf(
			&r->out,
			".</p><p class=\"warn\" role=\"alert\">This report has changed since it "
			"was signed:</p><ul id=\"problems\">");
		for (size_t k = 0; k < c->nproblems; k++)
			html_printf(&r->out, "<li>%s</li>", c->problems[k]);
		html_printf(&r->out, "</ul><p>Ask the library's Headquarters for the report as "
				     "it was signed.</p>");
	}
	html_printf(&r->out, "</section>");
}

void page_verify(struct request *r)
{
	struct fd_error err = {0};
	struct incident_seal seal;
	int64_t id;
	if (parse_id(r->params[0], &id) == 0 &&
	    incident_verify_public(&r->svc, id, r->params[1], &seal, &err) == 0) {
		page_begin(r, "Verify an incident report");
		html_printf(&r->out, "<h1>Verify an incident report</h1>");
		verdict(r, &seal);
		page_end(r);
		return;
	}
	if (err.code && err.code != FD_ENOTFOUND) {
		page_error(r, &err);
		return;
	}
	page_begin(r, "Verify an incident report");
	html_printf(&r->out,
		    "<h1>Verify an incident report</h1><p class=\"card\" id=\"verdict\">No signed "
		    "report matches this code. Check the address against the one printed under "
		    "the report's QR code.</p>");
	page_end(r);
	r->status = 404;
}
