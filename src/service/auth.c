/* Authentication use cases (ASVS V2, V3): Argon2id, throttled failures, idle and absolute
 * session expiry, tokens stored as BLAKE2b hashes. */
#include "service/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "base/log.h"
#include "policy/login_throttle.h"
#include "service/staff.h"
#include "store/store_auth.h"

#define BAD_LOGIN "wrong login or password"
#define SESSION_TOUCH_S 60 /* write last_seen_at at most once a minute per session */

static const char *secret_hash(struct svc *s, const char *secret)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
	char *hex = arena_alloc(s->arena, sizeof h * 2 + 1);
	return sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
}

/* Verifying against this when the login is unknown keeps the answer time the same. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	static const char pw[] = "no account has this password";
	if (crypto_pwhash_str_alg(dummy_hash, pw, sizeof pw - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
		dummy_hash[0] = '\0';
}

static bool password_matches(const char *hash, const char *password)
{
	if (!hash) {
		pthread_once(&dummy_once, make_dummy_hash);
		hash = dummy_hash;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static int throttled(int wait_s, struct fd_error *err)
{
	fd_fail(err, FD_ETHROTTLE, "too many failed logins: try again in %d seconds", wait_s);
	err->retry_after_s = wait_s;
	return -1;
}

/* Whether the attempt may go ahead, and if so it is counted at once as a failure, in the same
 * write transaction and before the slow hash: parallel attempts take turns here, each counting
 * those before it, so a burst gets exactly the tries allowed. A success clears it again
 * (store_login_succeeded). An unknown login goes through all of it the same way. */
static int login_admit(struct svc *s, const char *login, const char *from, struct staff *st,
		       bool *found, struct fd_error *err)
{
	struct login_history h;
	*found = false;
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_login_lock(s->store, login, from, err);
	if (!rc) {
		rc = store_staff_get(s->store, login, s->arena, st, err);
		*found = rc == 0;
		if (rc && err->code == FD_ENOTFOUND) {
			fd_error_clear(err);
			rc = 0;
		}
	}
	if (!rc)
		rc = store_login_history(s->store, login, from, s->now - THROTTLE_WINDOW_S,
					 s->now - THROTTLE_FAMILIAR_S, &h, err);
	if (!rc) {
		struct login_attempt attempt = {
			.pair = {(int)h.pair, h.pair_last_at},
			.address = {(int)h.address, h.address_last_at},
			.account = {(int)h.login, h.login_last_at},
			.familiar = h.familiar,
		};
		int wait_s = login_throttle_wait_s(&attempt, s->now);
		rc = wait_s > 0 ? throttled(wait_s, err)
				: store_login_failure_add(s->store, login, from, s->now, err);
	}
	return svc_end(s, rc, err);
}

#define IN(member) .offset = offsetof(struct login_input, member)
static const struct input_field login_fields[] = {
	{"login", "Login", INPUT_LINES, true, 0, LOGIN_MAX_CHARS, IN(login)},
	{"password", "Password", INPUT_LINES, true, 0, 1024, IN(password)},
};
const struct input_table login_input_table = INPUT_TABLE(login_fields);

int auth_login(struct svc *s, const char *login, const char *password, struct auth_session *out,
	       struct fd_error *err)
{
	bool found;
	memset(out, 0, sizeof *out);
	if (!login || !*login)
		return fd_fail_field(err, "login", "Type your login.");
	if (!password || !*password)
		return fd_fail_field(err, "password", "Type your password.");
	/* Counted by the address's group (an IPv6 /64): a host handed a /64 can take any
	 * address in it. The audit log and the session keep the full address, s->client. */
	const char *from = svc_address_group(s, s->client);
	if (login_admit(s, login, from, &out->staff, &found, err))
		return -1;
	/* Argon2 takes a moment: never inside a transaction. An unknown login is checked
	 * against a dummy hash, so it takes as long. The failure is already counted. */
	bool ok = password_matches(found ? out->staff.password_hash : NULL, password);
	if (!found || !ok || !out->staff.active)
		return fd_fail(err, FD_EAUTH, BAD_LOGIN);
	/* A fresh session token at every login (ASVS V3.2.1). */
	out->cookie_token = svc_secret_new(s);
	out->csrf_token = svc_secret_new(s);
	if (svc_begin(s, true, err))
		return -1;
	int rc;
	if ((rc = store_login_succeeded(s->store, login, from, s->now, err)) == 0 &&
	    (rc = store_staff_set_last_login(s->store, out->staff.id, s->now, err)) == 0)
		rc = store_session_insert(s->store, secret_hash(s, out->cookie_token),
					  out->staff.id, out->csrf_token,
					  s->client ? s->client : "", s->now, err);
	return svc_end(s, rc, err);
}

void auth_log_failed_login(const struct svc *s, const char *where, const struct fd_error *err)
{
	const char *why = err->code == FD_EAUTH	      ? "wrong login or password"
			  : err->code == FD_ETHROTTLE ? "held off: too many failed attempts"
						      : err->message;
	log_warn("failed login from %s%s (%s)", s->client, where, why);
}

int auth_session(struct svc *s, const char *cookie_token, struct auth_session *out,
		 struct fd_error *err)
{
	struct session se;
	bool found = false;
	memset(out, 0, sizeof *out);
	if (!cookie_token || !*cookie_token)
		return fd_fail(err, FD_EAUTH, "log in first");
	const char *hash = secret_hash(s, cookie_token);
	if (svc_begin(s, false, err))
		return -1;
	int rc = store_session_get(s->store, hash, s->arena, &se, &found, err);
	if (!rc && found)
		rc = store_staff_get_by_id(s->store, se.staff_id, s->arena, &out->staff, err);
	if (svc_end(s, rc, err))
		return -1;
	if (!found)
		return fd_fail(err, FD_EAUTH, "your session has ended: log in again");
	bool expired = s->now - se.last_seen_at > s->config->session_idle_s ||
		       s->now - se.created_at > s->config->session_absolute_s;
	if (expired || !out->staff.active) {
		if (!svc_begin(s, true, err))
			svc_end(s, store_session_delete(s->store, hash, err), err);
		return fd_fail(err, FD_EAUTH, "your session has ended: log in again");
	}
	/* Touch often enough that a short idle limit still measures from the last request. */
	int touch_s = s->config->session_idle_s / 2 < SESSION_TOUCH_S
			      ? s->config->session_idle_s / 2
			      : SESSION_TOUCH_S;
	if (s->now - se.last_seen_at >= touch_s) {
		if (svc_begin(s, true, err) ||
		    svc_end(s, store_session_touch(s->store, se.id, s->now, err), err))
			return -1;
	}
	out->csrf_token = se.csrf_token;
	return 0;
}

int auth_logout(struct svc *s, const char *cookie_token, struct fd_error *err)
{
	if (!cookie_token || !*cookie_token)
		return 0;
	if (svc_begin(s, true, err))
		return -1;
	return svc_end(s, store_session_delete(s->store, secret_hash(s, cookie_token), err), err);
}

int auth_bearer(struct svc *s, const char *token, struct staff *out, struct fd_error *err)
{
	if (!token || !*token)
		return fd_fail(err, FD_EAUTH, "log in first");
	/* One statement, a transaction by itself: every API call by a script starts here. */
	if (store_staff_by_token(s->store, secret_hash(s, token), s->arena, out, err)) {
		if (err->code != FD_ENOTFOUND)
			return -1;
		fd_error_clear(err);
		return fd_fail(err, FD_EAUTH, "that API token is not valid");
	}
	if (!out->active)
		return fd_fail(err, FD_EAUTH, "that API token is not valid");
	return 0;
}

int auth_token_create(struct svc *s, const char *login, const char **token, struct fd_error *err)
{
	struct staff st;
	if (svc_may(s, ACTION_USER_MANAGE, err) || svc_begin(s, true, err))
		return -1;
	int rc = store_staff_get(s->store, login, s->arena, &st, err);
	if (!rc && !st.active)
		rc = fd_fail(err, FD_ECONFLICT, "%s's account is deactivated", login);
	if (!rc) {
		*token = svc_secret_new(s);
		rc = store_token_insert(s->store, secret_hash(s, *token), st.id, s->now, err);
	}
	return svc_end(s, rc, err);
}

int auth_token_revoke(struct svc *s, const char *token, struct fd_error *err)
{
	bool found;
	if (svc_may(s, ACTION_USER_MANAGE, err) || svc_begin(s, true, err))
		return -1;
	int rc = store_token_revoke(s->store, secret_hash(s, token), s->now, &found, err);
	if (!rc && !found)
		rc = fd_fail(err, FD_ENOTFOUND, "no live token like that");
	return svc_end(s, rc, err);
}
