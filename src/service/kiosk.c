/* The exit kiosks (see kiosk.h): registered tablets, so that only a screen the branch set up
 * can record answers at its exit, and another site cannot post them through a browser. */
#include "service/kiosk.h"

#include <sodium.h>
#include <string.h>

#include "base/i18n.h"

/* The token's hash as the table keeps it (s->arena). */
static const char *token_hash(struct svc *s, const char *token)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	char *hex = arena_alloc(s->arena, sizeof h * 2 + 1);
	return sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
}

int kiosk_setup(struct svc *s, const char *branch, const char **token, struct fd_error *err)
{
	struct branch b;
	unsigned char raw[32]; /* 256 bits: a cookie nobody guesses */
	int64_t id = 0;
	randombytes_buf(raw, sizeof raw);
	size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *text = arena_alloc(s->arena, n);
	sodium_bin2base64(text, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	*token = text;
	if (svc_begin(s, true, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b.id, err);
	if (!rc)
		rc = store_kiosk_add(s->store, token_hash(s, text), b.id,
				     s->actor ? s->actor->id : 0, s->now, &id, err);
	if (!rc)
		rc = svc_audit(s, "create", "kiosk", id, err);
	return svc_end(s, rc, err);
}

int kiosk_retire(struct svc *s, const char *branch, int64_t id, struct fd_error *err)
{
	struct branch b;
	if (svc_begin(s, true, err))
		return -1;
	int rc = svc_branch(s, branch, &b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b.id, err);
	if (!rc)
		rc = store_kiosk_retire(s->store, id, b.id, s->now, err);
	if (!rc)
		rc = svc_audit(s, "retire", "kiosk", id, err);
	return svc_end(s, rc, err);
}

int kiosk_list(struct svc *s, const char *branch, struct branch *b, struct kiosk_device **out,
	       size_t *n, struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	if (svc_begin(s, false, err))
		return -1;
	int rc = svc_branch(s, branch, b, err);
	if (!rc)
		rc = svc_may_at(s, ACTION_BRANCH_OVERSIGHT, b->id, err);
	if (!rc)
		rc = store_kiosk_list(s->store, b->id, s->arena, out, n, err);
	return svc_end(s, rc, err);
}

int kiosk_find_in_tx(struct svc *s, int64_t branch_id, const char *token, int64_t *id,
		     struct fd_error *err)
{
	*id = 0;
	if (token && *token && store_kiosk_find(s->store, token_hash(s, token), branch_id, id, err))
		return -1;
	return *id ? 0 : fd_fail(err, FD_EFORBID, "%s", KIOSK_NOT_SET_UP);
}
