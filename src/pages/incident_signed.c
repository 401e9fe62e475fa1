/* A signed report's signature on its page: who signed and when in the branch's local time, the
 * key and check code, and each Headquarters recipient's email with how far it has got
 * (CS-INCIDENT). signed.js refreshes the block from /incidents/{id}/signature while an email
 * is still on its way. */
#include "pages/incident_signed.h"

#include "base/ed25519.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/page.h"
#include "pages/incident_files.h"
#include "service/incident_delivery.h"

/* "Mon, Nov 30 at 2:31 pm": the day and the time of t where the branch is. */
static void day_at(struct request *r, const char *tz, int64_t t)
{
	html_printf(&r->out, "%s at ", page_local_day(r, tz, t));
	page_local_time(r, tz, t);
}

/* One recipient: its role and name, and its email's state in words. */
static void delivery(struct request *r, const char *tz, const struct outbox_msg *m)
{
	int role = vocab_from_name(&vocab_role, m->to_role);
	html_printf(&r->out, "<li><strong>%s</strong>, %s: ",
		    role >= 0 ? role_label((enum role)role) : "Headquarters", m->to_name);
	switch (incident_delivery_state(m)) {
	case DELIVERY_SENT:
		html_printf(&r->out, "sent at ");
		page_local_time(r, tz, m->sent_at);
		break;
	case DELIVERY_RETRYING:
		html_printf(&r->out,
			    "<strong>not sent yet</strong>: the mail server said \"%s\". "
			    "It is tried again at ",
			    m->last_error);
		page_local_time(r, tz, m->next_attempt_at);
		html_printf(&r->out, "; if it is not sent by the end of the day, phone "
				     "Headquarters and tell the administrator.");
		break;
	default: html_printf(&r->out, "waiting to be sent"); break;
	}
	html_printf(&r->out, "</li>");
}

/* script: the page's own copy loads signed.js; the copy it fetches does not. */
static void signature(struct request *r, const struct incident_view *v, bool script)
{
	const struct incident *i = &v->i;
	const char *tz = v->time_zone ? v->time_zone : "UTC";
	bool waiting = false;
	for (size_t k = 0; k < v->ndeliveries; k++)
		waiting |= incident_delivery_state(&v->deliveries[k]) != DELIVERY_SENT;
	html_printf(&r->out,
		    "<section class=\"card\" id=\"signature\" data-waiting=\"%s\"><h2>Signature"
		    "</h2><p>Signed electronically by %s (%s) on ",
		    waiting ? "yes" : "no", i->signed_name, role_label(i->signed_by.role));
	day_at(r, tz, i->signed_at);
	html_printf(&r->out,
		    ".</p><dl>"
		    "<dt>Key fingerprint</dt><dd><code>%s</code></dd><dt>Check code</dt>"
		    "<dd><code>%s</code></dd></dl><h3>Sent to Headquarters</h3><ul "
		    "id=\"deliveries\">",
		    v->fingerprint ? v->fingerprint : "not available",
		    i->signature ? ed25519_check_code(&r->arena, i->signature) : "");
	for (size_t k = 0; k < v->ndeliveries; k++)
		delivery(r, tz, &v->deliveries[k]);
	html_printf(&r->out, "</ul>");
	for (int k = 0; k < v->warnings.n; k++)
		html_printf(&r->out, "<p class=\"warn\">%s</p>", v->warnings.w[k].message);
	html_printf(&r->out, "</section>");
	if (script)
		html_printf(&r->out, "<script src=\"%s\" defer></script>", assets_url("signed.js"));
}

void page_incident_signature(struct request *r)
{
	struct fd_error err = {0};
	struct incident_view v;
	int64_t id;
	if (parse_id(r->params[0], &id))
		fd_fail(&err, FD_ENOTFOUND, "no such incident report");
	else if (!incident_signature_get(&r->svc, id, &v, &err) && !v.i.signed_at)
		fd_fail(&err, FD_ENOTFOUND, "the report is not signed yet");
	if (err.code) {
		page_error(r, &err);
		return;
	}
	signature(r, &v, false);
}

void incident_signed_section(struct request *r, const struct incident_view *v, bool may_add)
{
	if (v->i.signed_at)
		signature(r, v, true);
	incident_files_section(r, v, may_add);
}
