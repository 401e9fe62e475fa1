/* Outbox use cases. A notice is only ever marked sent after the SMTP server accepted it, so
 * a crash or a stopped server delays it but never loses it. */
#include "service/outbox.h"

#include <sodium.h>
#include <string.h>

/* A host name fit for the right of a Message-ID: letters, digits, hyphens and dots, a letter
 * somewhere (an IPv4 address is not a name) and, when need_dot, a dot ("localhost" is
 * every machine's name). */
static bool domain_name(const char *h, size_t n, bool need_dot)
{
	bool letter = false, dot = false;
	if (n == 0 || h[0] == '.' || h[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		dot |= c == '.';
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '.') ||
		    (c == '.' && h[i + 1] == '.'))
			return false;
	}
	return letter && (dot || !need_dot);
}

/* The host of url ("https://desk.mmrls.org:8443/" → "desk.mmrls.org"), *n bytes long. */
static const char *url_host(const char *url, size_t *n)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t authority = strcspn(p, "/?#");
	const char *at = memchr(p, '@', authority);
	if (at)
		p = at + 1;
	*n = strcspn(p, ":/?#");
	return p;
}

/* The right of this installation's Message-IDs: the host of base_url when it is a domain
 * name, else the domain of the From address. */
static const char *message_id_domain(struct svc *s)
{
	const struct config *cfg = s->config;
	size_t n = 0;
	const char *host = cfg && cfg->base_url ? url_host(cfg->base_url, &n) : NULL;
	if (host && domain_name(host, n, true))
		return arena_strndup(s->arena, host, n);
	const char *at = cfg && cfg->smtp_from ? strrchr(cfg->smtp_from, '@') : NULL;
	if (at && domain_name(at + 1, strlen(at + 1), false))
		return at + 1;
	return "localhost";
}

/* A notice's Message-ID for life (RFC 5322 3.6.4), without its angle brackets: the time and
 * 128 random bits, unique across the nodes of a regional system without asking them. */
static const char *message_id(struct svc *s)
{
	unsigned char raw[16];
	char hex[2 * sizeof raw + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	return arena_printf(s->arena, "%lld.%s@%s", (long long)s->now, hex, message_id_domain(s));
}

/* Inside the caller's transaction: m into the outbox, its Message-ID fixed now, so that a
 * retry after a lost acknowledgement is recognisably the same message. */
static int put(struct svc *s, struct outbox_msg *m, const char *about_kind, int64_t about_id,
	       struct fd_error *err)
{
	int64_t id;
	m->message_id = message_id(s);
	return store_outbox_insert(s->store, m, about_kind, about_id, s->now, &id, err);
}

int outbox_notify_role(struct svc *s, enum role role, int64_t branch_id, const char *subject,
		       const char *body, const char *about_kind, int64_t about_id, int *queued,
		       struct fd_error *err)
{
	struct recipient *to;
	size_t n;
	if (queued)
		*queued = 0;
	if (store_recipients(s->store, role, branch_id, s->arena, &to, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct outbox_msg m = {.to_addr = to[i].email,
				       .to_name = to[i].name,
				       .subject = subject,
				       .body = body,
				       .to_role = role_name(role)};
		if (put(s, &m, about_kind, about_id, err))
			return -1;
	}
	if (queued)
		*queued = (int)n;
	return 0;
}

const char *outbox_nobody_to_notify(struct svc *s, enum role role)
{
	return arena_printf(s->arena,
			    "No %s was notified: no active %s account has an email address. Add "
			    "one in the staff records, and tell them by phone meanwhile.",
			    role_label(role), role_label(role));
}

int outbox_reachable(struct svc *s, enum role role, int64_t branch_id, bool *yes,
		     struct fd_error *err)
{
	struct recipient *to;
	size_t n = 0;
	int rc = store_recipients(s->store, role, branch_id, s->arena, &to, &n, err);
	*yes = n > 0;
	return rc;
}

int outbox_notify_hq(struct svc *s, enum role role, const char *rule, const char *subject,
		     const char *body, const char *about_kind, int64_t about_id, struct warnings *w,
		     struct fd_error *err)
{
	int queued = 0;
	if (outbox_notify_role(s, role, 0, subject, body, about_kind, about_id, &queued, err))
		return -1;
	if (!queued && w)
		svc_warn(w, rule, outbox_nobody_to_notify(s, role));
	return 0;
}

int outbox_hq_roles_unreachable(struct svc *s, enum role *out, size_t *n, struct fd_error *err)
{
	static const enum role notified[] = {ROLE_EXECUTIVE_DIRECTOR, ROLE_BUSINESS_MANAGER,
					     ROLE_BRANCH_SERVICES_COORDINATOR};
	*n = 0;
	for (size_t i = 0; i < sizeof notified / sizeof *notified; i++) {
		struct recipient *to;
		size_t k;
		if (store_recipients(s->store, notified[i], 0, s->arena, &to, &k, err))
			return -1;
		if (!k)
			out[(*n)++] = notified[i];
	}
	return 0;
}

/* CS-DIFFICULT: Headquarters is told at once that a substitute alone has a case, and the
 * branch's own manager whenever she is not on duty there (CS-INCHARGE). */
int outbox_difficult_notices(struct svc *s, const struct branch *b,
			     const struct difficult_verdict *v, const char *what, const char *body,
			     const char *kind, int64_t id, struct warnings *w, struct fd_error *err)
{
	if (v->must_contact_hq &&
	    outbox_notify_hq(s, ROLE_BRANCH_SERVICES_COORDINATOR, "CS-DIFFICULT",
			     arena_printf(s->arena, "%s at %s: a substitute is alone on duty", what,
					  b->name),
			     arena_printf(s->arena,
					  "No permanent staff member is on duty at %s, so %s is "
					  "handling this and must contact Headquarters.\n\n%s",
					  b->name, s->actor ? s->actor->name : "the administrator",
					  body),
			     kind, id, w, err))
		return -1;
	int queued = 0;
	if (v->notify_branch_manager &&
	    outbox_notify_role(s, ROLE_BRANCH_MANAGER, b->id,
			       arena_printf(s->arena, "%s at %s while you are away", what, b->name),
			       body, kind, id, &queued, err))
		return -1;
	if (v->notify_branch_manager && !queued && w)
		svc_warn(w, "CS-INCHARGE",
			 arena_printf(s->arena,
				      "No branch manager of %s was notified: none has an email "
				      "address. Tell them by phone.",
				      b->name));
	return 0;
}

int outbox_notify_staff(struct svc *s, const struct staff *st, const char *subject,
			const char *body, const char *about_kind, int64_t about_id, bool *queued,
			struct fd_error *err)
{
	bool to_send = st->email && *st->email && st->active;
	if (queued)
		*queued = to_send;
	if (!to_send)
		return 0;
	struct outbox_msg m = {
		.to_addr = st->email, .to_name = st->name, .subject = subject, .body = body};
	return put(s, &m, about_kind, about_id, err);
}

int outbox_claim(struct svc *s, struct outbox_msg *out, bool *found, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_outbox_claim(s->store, s->now, OUTBOX_LEASE_S, s->arena, out, found, err);
	/* A notice queued before Message-IDs were kept (schema 19) gets its one now. */
	if (!rc && *found && !out->message_id) {
		out->message_id = message_id(s);
		rc = store_outbox_set_message_id(s->store, out->id, out->message_id, err);
	}
	return svc_end(s, rc, err);
}

int outbox_sent(struct svc *s, int64_t id, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(s, store_outbox_sent(s->store, id, s->now, err), err);
}

int outbox_backoff_s(int attempts)
{
	int s = 2;
	for (int i = 1; i < attempts && s < 600; i++)
		s *= 2;
	return s < 600 ? s : 600;
}

int outbox_retry(struct svc *s, const struct outbox_msg *m, const char *error, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(s,
		       store_outbox_retry(s->store, m->id, s->now + outbox_backoff_s(m->attempts),
					  error, err),
		       err);
}
