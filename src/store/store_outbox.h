/* The outbox of notices and who, by role and branch, they go to. */
#ifndef STORE_STORE_OUTBOX_H
#define STORE_STORE_OUTBOX_H
#include "store/store.h"

struct recipient {
	const char *email, *name;
};

/* Active staff of a role with an email address; of one branch when branch_id is not 0. */
int store_recipients(struct store *s, enum role role, int64_t branch_id, struct arena *a,
		     struct recipient **out, size_t *n, struct fd_error *err);

struct outbox_msg {
	int64_t id, created_at, sent_at;
	const char *to_addr, *to_name, *subject, *body;
	const char *message_id; /* "left@right", the same at every attempt; NULL before schema 19 */
	int attempts;
	const char *about_kind; /* what it is about: "incident" messages carry the report's PDF */
	int64_t about_id;
	const char *to_role;	 /* the role's name it went to as; NULL: to one person */
	const char *last_error;	 /* store_outbox_about: why the latest attempt failed, or NULL */
	int64_t next_attempt_at; /* store_outbox_about: when it is tried again, unless sent */
};

int store_outbox_insert(struct store *s, const struct outbox_msg *m, const char *about_kind,
			int64_t about_id, int64_t now, int64_t *id, struct fd_error *err);
/* Takes the oldest message due at now for lease_s seconds; *found false when none is due. */
int store_outbox_claim(struct store *s, int64_t now, int lease_s, struct arena *a,
		       struct outbox_msg *out, bool *found, struct fd_error *err);
/* Gives a notice queued without one its Message-ID (message_id), unless it has one now. */
int store_outbox_set_message_id(struct store *s, int64_t id, const char *message_id,
				struct fd_error *err);
int store_outbox_sent(struct store *s, int64_t id, int64_t at, struct fd_error *err);
int store_outbox_retry(struct store *s, int64_t id, int64_t next_at, const char *error,
		       struct fd_error *err);
/* The messages about a record (body left out). */
int store_outbox_about(struct store *s, const char *kind, int64_t id, struct arena *a,
		       struct outbox_msg **out, size_t *n, struct fd_error *err);

#endif
