/* Sessions, API tokens and failed logins; only hashes of secrets are stored. */
#ifndef STORE_STORE_AUTH_H
#define STORE_STORE_AUTH_H
#include "store/store.h"

struct session {
	int64_t id, staff_id, created_at, last_seen_at;
	const char *csrf_token;
};

/* A session for staff_id, opened from address (as the web layer resolved it). */
int store_session_insert(struct store *s, const char *token_hash, int64_t staff_id,
			 const char *csrf_token, const char *address, int64_t now,
			 struct fd_error *err);
/* *found false when there is no such session. */
int store_session_get(struct store *s, const char *token_hash, struct arena *a, struct session *out,
		      bool *found, struct fd_error *err);
int store_session_touch(struct store *s, int64_t id, int64_t now, struct fd_error *err);
int store_session_delete(struct store *s, const char *token_hash, struct fd_error *err);
int store_session_delete_for_staff(struct store *s, int64_t staff_id, struct fd_error *err);

int store_token_insert(struct store *s, const char *token_hash, int64_t staff_id, int64_t now,
		       struct fd_error *err);

/* Until the write transaction ends, other attempts at this login or from this address wait
 * here: call it first, so that the counts read next stay true until the attempt is added. */
int store_login_lock(struct store *s, const char *login, const char *address, struct fd_error *err);
/* Failed logins by the login tried (whether or not it exists) and the address. */
int store_login_failure_add(struct store *s, const char *login, const char *address, int64_t now,
			    struct fd_error *err);
struct login_history {
	int64_t pair, pair_last_at;	  /* this login from this address */
	int64_t address, address_last_at; /* this address, any login */
	int64_t login, login_last_at;	  /* this login, any address */
	bool familiar; /* it succeeded from this address at or after familiar_since */
};
/* Failures at or after since, counted three ways, each with the time of the latest. */
int store_login_history(struct store *s, const char *login, const char *address, int64_t since,
			int64_t familiar_since, struct login_history *out, struct fd_error *err);
/* A success: this login's failures from this address are cleared and the address is
 * familiar to it from now. */
int store_login_succeeded(struct store *s, const char *login, const char *address, int64_t now,
			  struct fd_error *err);
/* Forgets failures before failures_before and familiar addresses last used before
 * familiar_before. */
int store_login_forget(struct store *s, int64_t failures_before, int64_t familiar_before,
		       struct fd_error *err);

/* Revokes the token with this hash; *found false when there is no such live token. */
int store_token_revoke(struct store *s, const char *token_hash, int64_t now, bool *found,
		       struct fd_error *err);

#endif
