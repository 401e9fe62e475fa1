/* Logging in and out, browser sessions with CSRF tokens, and API tokens.
 * Secrets are handed out once and only their hashes are stored. */
#ifndef SERVICE_AUTH_H
#define SERVICE_AUTH_H

#include "base/input.h"
#include "service/svc.h"
#include "store/store_staff.h"

struct auth_session {
	struct staff staff;
	const char *csrf_token;
	const char *cookie_token; /* set by auth_login only: the secret for the cookie */
};

#define LOGIN_MAX_CHARS 64 /* longer than any login can be (INPUT_LOGIN_FIELD: 32) */
/* What a login form or request gives: both required, the login at most LOGIN_MAX_CHARS
 * characters and the password 1024, each as typed (blanks and all). */
struct login_input {
	const char *login, *password;
};
extern const struct input_table login_input_table;
/* Logs in with a login and password read through login_input_table. A wrong login, wrong
 * password or deactivated account are all FD_EAUTH with one message; too many failures are
 * FD_ETHROTTLE with err->retry_after_s (policy/login_throttle.h), the same for a login that
 * does not exist. s->client is where the attempt comes from (throttling counts an IPv6 client
 * by its /64). Parallel attempts are counted as if one after another. */
int auth_login(struct svc *s, const char *login, const char *password, struct auth_session *out,
	       struct fd_error *err);
/* Logs a login auth_login refused, where it came from and why in plain words ("wrong login
 * or password", "held off: ..."), for an operator watching for guessing; where is "" or
 * " on the login page". Never the login or password tried. */
void auth_log_failed_login(const struct svc *s, const char *where, const struct fd_error *err);
/* The session behind a cookie value; FD_EAUTH when unknown, expired or deactivated. */
int auth_session(struct svc *s, const char *cookie_token, struct auth_session *out,
		 struct fd_error *err);
int auth_logout(struct svc *s, const char *cookie_token, struct fd_error *err);
/* The account behind an API token; FD_EAUTH when unknown, revoked or deactivated. */
int auth_bearer(struct svc *s, const char *token, struct staff *out, struct fd_error *err);
/* A new API token for login, returned in *token (s->arena); only its hash is kept. */
int auth_token_create(struct svc *s, const char *login, const char **token, struct fd_error *err);
/* Revokes an API token (its holder's scripts stop working at once). */
int auth_token_revoke(struct svc *s, const char *token, struct fd_error *err);

#endif
