/* The audit log (who read or changed what, hash-chained) and the signed anchors of its head. */
#ifndef STORE_STORE_AUDIT_H
#define STORE_STORE_AUDIT_H
#include "store/store.h"

struct audit_entry {
	int64_t id, at;
	const char *login, *name; /* who; NULL for the system */
	const char *action, *object_kind, *object_key, *source;
	int64_t staff_branch_id; /* the home branch of who did it (0: none, or the system) */
};

/* Appends an entry chained to the one before (BLAKE2b over the previous hash and every
 * field), so an entry changed or removed later shows. source: where the request came from. */
int store_audit_append(struct store *s, int64_t staff_id, const char *source, const char *action,
		       const char *object_kind, const char *object_key, int64_t now,
		       struct fd_error *err);
/* Walks the chain: *checked entries; *bad_id the first that does not fit (0: none). */
int store_audit_verify(struct store *s, int64_t *checked, int64_t *bad_id, struct fd_error *err);
/* The newest entry (id 0: the log is empty). */
struct audit_head {
	int64_t id, at;
	const char *hash;
};
int store_audit_head(struct store *s, struct arena *a, struct audit_head *out,
		     struct fd_error *err);
/* The hash entry id has now; NULL when there is no such entry. */
int store_audit_entry_hash(struct store *s, int64_t id, struct arena *a, const char **hash,
			   struct fd_error *err);

/* A signed statement that entry audit_id, with hash head_hash, was the head of the audit log
 * at `at` (service/audit.c), so that a log cut short shows. */
struct audit_anchor {
	int64_t id, audit_id, at;
	const char *head_hash, *signature;
	int64_t witnessed_at;	/* when it was emailed to the witness (0: it was not) */
	const char *entry_hash; /* read back: the hash entry audit_id has now (NULL: none) */
};
/* Inside a write transaction: one anchorer at a time, across nodes. */
int store_anchor_lock(struct store *s, struct fd_error *err);
int store_anchor_insert(struct store *s, const struct audit_anchor *an, int64_t *id,
			struct fd_error *err);
/* The newest anchor; *found false when there is none. */
int store_anchor_last(struct store *s, struct arena *a, struct audit_anchor *out, bool *found,
		      struct fd_error *err);
/* The anchors after anchor after_id, oldest first, at most ANCHOR_PAGE of them. */
#define ANCHOR_PAGE 1000
int store_anchor_page(struct store *s, int64_t after_id, struct arena *a, struct audit_anchor **out,
		      size_t *n, struct fd_error *err);
int store_anchor_witnessed(struct store *s, int64_t id, int64_t at, struct fd_error *err);
/* When an anchor was last emailed to the witness (0: never). */
int store_anchor_last_witnessed(struct store *s, int64_t *at, struct fd_error *err);

int store_audit_list(struct store *s, const char *object_kind, const char *object_key,
		     struct arena *a, struct audit_entry **out, size_t *n, struct fd_error *err);

#endif
