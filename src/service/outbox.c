/* Outbox use cases. A notice is only ever marked sent after the SMTP server accepted it, so
 * a crash or a stopped server delays it but never loses it. */
#include "service/outbox.h"

int outbox_notify_role(struct svc *s, enum role role, int64_t branch_id, const char *subject,
		       const char *body, const char *about_kind, int64_t about_id, int *queued,
		       struct fd_error *err)
{
	struct recipient *to;
	size_t n;
	int64_t id;
	if (queued)
		*queued = 0;
	if (store_recipients(s->store, role, branch_id, s->arena, &to, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct outbox_msg m = {.to_addr = to[i].email,
				       .to_name = to[i].name,
				       .subject = subject,
				       .body = body};
		if (store_outbox_insert(s->store, &m, about_kind, about_id, s->now, &id, err))
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
			    "one in the staff records, and tell her by phone meanwhile.",
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
				      "address. Tell her by phone.",
				      b->name));
	return 0;
}

int outbox_notify_staff(struct svc *s, const struct staff *st, const char *subject,
			const char *body, const char *about_kind, int64_t about_id, bool *queued,
			struct fd_error *err)
{
	int64_t id;
	bool to_send = st->email && *st->email && st->active;
	if (queued)
		*queued = to_send;
	if (!to_send)
		return 0;
	struct outbox_msg m = {
		.to_addr = st->email, .to_name = st->name, .subject = subject, .body = body};
	return store_outbox_insert(s->store, &m, about_kind, about_id, s->now, &id, err);
}

int outbox_claim(struct svc *s, struct outbox_msg *out, bool *found, struct fd_error *err)
{
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(
		s, store_outbox_claim(s->store, s->now, OUTBOX_LEASE_S, s->arena, out, found, err),
		err);
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
