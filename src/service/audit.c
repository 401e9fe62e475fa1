/* The audit log's anchors. The hash chain alone shows an entry changed or removed in the
 * middle, but not the newest entries deleted: an anchor is the installation's signature on
 * the head (entry, hash, time), so a log that no longer reaches its last anchored head shows,
 * and the daily witness mail keeps a head outside the database, for when the anchors too are
 * deleted. */
#include "service/audit.h"

#include <string.h>

#include "base/timefmt.h"
#include "policy/audit_anchor.h"
#include "service/outbox.h"
#include "base/ed25519.h"
#include "service/signing.h"

/* What an anchor signs. The first line keeps it from ever reading as anything else signed
 * with the same key (an incident report's form is JSON). */
static const char *anchor_text(struct arena *a, const struct audit_anchor *an)
{
	return arena_printf(a, "frontdesk audit anchor\nentry %lld\nhash %s\nat %lld\n",
			    (long long)an->audit_id, an->head_hash, (long long)an->at);
}

static const char *when(struct arena *a, int64_t t)
{
	char *out = arena_alloc(a, RFC3339_LEN);
	timefmt_rfc3339(t, out);
	return out;
}

static const char *log_end(struct arena *a, const struct audit_head *head)
{
	return head->id ? arena_printf(a, "the log ends at entry %lld", (long long)head->id)
			: "the log is empty";
}

/* The first thing wrong with anchor an, after prev (NULL: it is the first), or NULL. */
static const char *anchor_problem(struct arena *a, const struct audit_anchor *an,
				  const struct audit_anchor *prev, const unsigned char *pk,
				  const struct audit_head *head)
{
	const char *at = when(a, an->at);
	if (!ed25519_verify64(anchor_text(a, an), an->signature, pk))
		return arena_printf(a,
				    "anchor %lld (of entry %lld, %s) does not verify with the "
				    "installation's key: it was changed, or made elsewhere",
				    (long long)an->id, (long long)an->audit_id, at);
	if (prev && (an->audit_id < prev->audit_id || an->at < prev->at))
		return arena_printf(a,
				    "anchor %lld (entry %lld, %s) is out of order: anchor %lld "
				    "before it anchored entry %lld at %s",
				    (long long)an->id, (long long)an->audit_id, at,
				    (long long)prev->id, (long long)prev->audit_id,
				    when(a, prev->at));
	if (!an->entry_hash)
		return arena_printf(a,
				    "the audit log was cut short: entry %lld, anchored at %s with "
				    "hash %.16s…, is missing (%s)",
				    (long long)an->audit_id, at, an->head_hash, log_end(a, head));
	if (strcmp(an->entry_hash, an->head_hash) != 0)
		return arena_printf(
			a,
			"the audit log was rewritten: entry %lld no longer has the hash "
			"%.16s… anchored at %s",
			(long long)an->audit_id, an->head_hash, at);
	return NULL;
}

/* One page of anchors, in an arena of its own: a log anchored every five minutes for ten
 * years has a million of them. */
static int check_page(struct svc *s, const unsigned char *pk, const struct audit_head *head,
		      struct audit_anchor *prev, size_t *n, struct audit_check *out,
		      struct fd_error *err)
{
	struct arena a;
	struct audit_anchor *page;
	arena_init(&a);
	int rc = store_anchor_page(s->store, prev->id, &a, &page, n, err);
	size_t i = 0;
	for (; !rc && i < *n && !out->problem; i++) {
		const char *problem =
			anchor_problem(&a, &page[i], prev->id ? prev : NULL, pk, head);
		out->problem = arena_strdup(s->arena, problem);
		out->anchors += !problem;
		*prev = page[i];
	}
	if (i) { /* what the caller keeps of the last, before its page goes */
		prev->head_hash = arena_strdup(s->arena, prev->head_hash);
		prev->signature = prev->entry_hash = NULL;
	}
	arena_free(&a);
	return rc;
}

/* Every anchor, oldest first, a page at a time. */
static int check_anchors(struct svc *s, const struct audit_head *head, struct audit_check *out,
			 struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct audit_anchor newest;
	bool anchored;
	size_t n;
	if (store_anchor_last(s->store, s->arena, &newest, &anchored, err))
		return -1;
	if (!anchored)
		return 0;
	if (signing_public_key(s, pk, err))
		return err->code == FD_ENOTFOUND ? fd_fail(err, FD_ECONFLICT,
							   "the audit log has anchors, but the "
							   "database has no public key to check "
							   "them with")
						 : -1;
	out->fingerprint = ed25519_fingerprint(s->arena, pk);
	do {
		if (check_page(s, pk, head, &out->last, &n, out, err))
			return -1;
	} while (n == ANCHOR_PAGE && !out->problem);
	return 0;
}

/* The head the witness was emailed: still there, with its hash. */
static int check_witnessed(struct svc *s, const struct audit_head *witnessed,
			   const struct audit_head *head, struct audit_check *out,
			   struct fd_error *err)
{
	const char *hash;
	if (store_audit_entry_hash(s->store, witnessed->id, s->arena, &hash, err))
		return -1;
	if (!hash)
		out->problem =
			arena_printf(s->arena,
				     "the audit log was cut short: the witnessed head, entry "
				     "%lld, is missing (%s)",
				     (long long)witnessed->id, log_end(s->arena, head));
	else if (strcmp(hash, witnessed->hash) != 0)
		out->problem = arena_printf(s->arena,
					    "the audit log was rewritten: entry %lld no longer has "
					    "the witnessed hash %.16s…",
					    (long long)witnessed->id, witnessed->hash);
	return 0;
}

static int verify_in_tx(struct svc *s, const struct audit_head *witnessed, struct audit_check *out,
			struct fd_error *err)
{
	struct audit_head head;
	int64_t broken_at = 0;
	if (store_audit_verify(s->store, &out->entries, &broken_at, err))
		return -1;
	if (broken_at) {
		out->problem = arena_printf(s->arena,
					    "the audit log was altered: entry %lld does not follow "
					    "from the one before (%lld %s before it %s intact)",
					    (long long)broken_at, (long long)out->entries,
					    out->entries == 1 ? "entry" : "entries",
					    out->entries == 1 ? "is" : "are");
		return 0;
	}
	if (store_audit_head(s->store, s->arena, &head, err) || check_anchors(s, &head, out, err))
		return -1;
	if (!out->problem && witnessed && witnessed->id)
		return check_witnessed(s, witnessed, &head, out, err);
	return 0;
}

int audit_verify(struct svc *s, const struct audit_head *witnessed, struct audit_check *out,
		 struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	if (s->actor)
		return fd_fail(err, FD_EFORBID, "the audit log is verified from the command line");
	if (svc_begin(s, false, err))
		return -1;
	return svc_end(s, verify_in_tx(s, witnessed, out, err), err);
}

static int last_anchor(struct svc *s, struct audit_anchor *last, const char **fingerprint,
		       struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	bool found;
	*fingerprint = NULL;
	if (store_anchor_last(s->store, s->arena, last, &found, err))
		return -1;
	if (found && signing_public_key(s, pk, err) == 0)
		*fingerprint = ed25519_fingerprint(s->arena, pk);
	return found && !*fingerprint ? -1 : 0;
}

int audit_head_show(struct svc *s, struct audit_head *head, struct audit_anchor *last,
		    const char **fingerprint, struct fd_error *err)
{
	if (svc_may(s, ACTION_AUDIT_READ, err) || svc_begin(s, false, err))
		return -1;
	int rc = store_audit_head(s->store, s->arena, head, err);
	if (!rc)
		rc = last_anchor(s, last, fingerprint, err);
	return svc_end(s, rc, err);
}

/* Inside a write transaction holding the anchor lock: signs head, after the newest anchor
 * (id 0: none). A head behind that anchor is a log cut short, never anchored: it is said. */
static int anchor_head(struct svc *s, const struct audit_head *head,
		       const struct audit_anchor *newest, struct audit_anchor *out,
		       const char **fingerprint, struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	if (head->id < newest->audit_id)
		return fd_fail(err, FD_ECONFLICT,
			       "the audit log ends at entry %lld, before its last anchored entry "
			       "%lld: entries were deleted (frontdesk audit verify)",
			       (long long)head->id, (long long)newest->audit_id);
	if (head->id == 0)
		return fd_fail(err, FD_ECONFLICT,
			       "the audit log is empty: there is no head to "
			       "anchor");
	if (signing_key_pair(s, pk, sk, err))
		return -1;
	/* Never before the newest anchor, whichever node's clock is a little behind. */
	*out = (struct audit_anchor){.audit_id = head->id,
				     .at = s->now > newest->at ? s->now : newest->at,
				     .head_hash = head->hash,
				     .entry_hash = head->hash};
	out->signature = ed25519_sign64(s->arena, anchor_text(s->arena, out), sk);
	sodium_memzero(sk, sizeof sk);
	*fingerprint = ed25519_fingerprint(s->arena, pk);
	return store_anchor_insert(s->store, out, &out->id, err);
}

/* The newest anchor is of head itself: the anchor is that one, and nothing is signed again. */
static bool anchored_already(struct svc *s, const struct audit_head *head,
			     const struct audit_anchor *newest, struct audit_anchor *out,
			     const char **fingerprint, struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	if (!newest->id || newest->audit_id != head->id ||
	    strcmp(newest->head_hash, head->hash) != 0)
		return false;
	*out = *newest;
	*fingerprint =
		signing_public_key(s, pk, err) == 0 ? ed25519_fingerprint(s->arena, pk) : NULL;
	return true;
}

int audit_anchor_now(struct svc *s, struct audit_anchor *out, const char **fingerprint,
		     bool *already, struct fd_error *err)
{
	struct audit_head head;
	struct audit_anchor newest = {0};
	bool found;
	*already = false;
	if (s->actor)
		return fd_fail(err, FD_EFORBID, "the audit log is anchored from the command line");
	if (svc_begin(s, true, err))
		return -1;
	/* A node that could not sign is told so even when the head needs no new anchor; the
	 * key is read after the lock, in the order the worker takes them. */
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	int rc = store_anchor_lock(s->store, err) || signing_key_pair(s, pk, sk, err) ||
		 store_audit_head(s->store, s->arena, &head, err) ||
		 store_anchor_last(s->store, s->arena, &newest, &found, err);
	sodium_memzero(sk, sizeof sk);
	if (!rc && found && (*already = anchored_already(s, &head, &newest, out, fingerprint, err)))
		rc = *fingerprint ? 0 : -1;
	else if (!rc)
		rc = anchor_head(s, &head, &newest, out, fingerprint, err);
	return svc_end(s, rc, err);
}

/* The day's head, to the Branch Services Coordinator, who keeps it outside the database. */
static int witness(struct svc *s, const struct audit_anchor *a, const char *fingerprint, int *sent,
		   struct fd_error *err)
{
	const char *at = when(s->arena, a->at);
	const char *subject = arena_printf(s->arena, "Audit log head for %.10s: entry %lld", at,
					   (long long)a->audit_id);
	const char *body = arena_printf(
		s->arena,
		"This is the day's head of frontdesk's audit log (%s), signed by the "
		"installation. Please keep this message: it lets the system administrator show "
		"later that the log was not cut short after this.\n\n"
		"  entry:      %lld\n  hash:       %s\n  signed at:  %s\n  signature:  %s\n"
		"  key:        %s (the fingerprint of the installation's Ed25519 key)\n\n"
		"To check the log against it, the system administrator runs:\n"
		"  frontdesk audit verify --head %lld:%s\n",
		s->config->base_url, (long long)a->audit_id, a->head_hash, at, a->signature,
		fingerprint, (long long)a->audit_id, a->head_hash);
	if (outbox_notify_role(s, ROLE_BRANCH_SERVICES_COORDINATOR, 0, subject, body,
			       "audit_anchor", a->id, sent, err))
		return -1;
	/* Marked even when nobody has an address, so the day's attempt is made once. */
	return store_anchor_witnessed(s->store, a->id, s->now, err);
}

static int tick_in_tx(struct svc *s, bool *anchored, int *witnesses, struct fd_error *err)
{
	struct audit_head head;
	struct audit_anchor last, made = {0};
	const char *fingerprint = NULL;
	bool found;
	struct anchor_facts f = {.now = s->now, .interval_s = s->config->anchor_interval_s};
	if (store_anchor_lock(s->store, err) || store_audit_head(s->store, s->arena, &head, err) ||
	    store_anchor_last(s->store, s->arena, &last, &found, err) ||
	    store_anchor_last_witnessed(s->store, &f.witnessed_at, err))
		return -1;
	f.head_id = head.id;
	f.anchored_id = found ? last.audit_id : 0;
	f.anchored_at = last.at;
	if (anchor_due(&f) || head.id < f.anchored_id) { /* the latter to say it is cut */
		if (anchor_head(s, &head, &last, &made, &fingerprint, err))
			return -1;
		*anchored = true;
		f.anchored_id = made.audit_id;
	}
	if (!anchor_witness_due(&f))
		return 0;
	return last_anchor(s, &last, &fingerprint, err) ||
			       witness(s, &last, fingerprint, witnesses, err)
		       ? -1
		       : 0;
}

int audit_anchor_tick(struct svc *s, bool *anchored, int *witnesses, struct fd_error *err)
{
	*anchored = false;
	*witnesses = -1;
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(s, tick_in_tx(s, anchored, witnesses, err), err);
}
