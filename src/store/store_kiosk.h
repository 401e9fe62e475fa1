/* The exit kiosks: tablets registered as a branch's own by the hash of the token in their
 * cookie, and the tries made at each (the kiosk's bound on guessing tickets). */
#ifndef STORE_STORE_KIOSK_H
#define STORE_STORE_KIOSK_H
#include "store/store.h"

struct kiosk_device {
	int64_t id, branch_id;
	int64_t created_at;
	const char *created_by_name; /* NULL: nobody recorded */
};

/* A kiosk of branch_id for the token whose SHA-256 (hex) is token_hash; *id its id. */
int store_kiosk_add(struct store *s, const char *token_hash, int64_t branch_id, int64_t created_by,
		    int64_t at, int64_t *id, struct fd_error *err);
/* The kiosk in service at branch_id with token_hash; *id 0 when none (or retired). */
int store_kiosk_find(struct store *s, const char *token_hash, int64_t branch_id, int64_t *id,
		     struct fd_error *err);
/* The branch's kiosks in service, oldest first (in a). */
int store_kiosk_list(struct store *s, int64_t branch_id, struct arena *a, struct kiosk_device **out,
		     size_t *n, struct fd_error *err);
/* Kiosk id of branch_id retired at at; FD_ENOTFOUND when it is no kiosk in service there. */
int store_kiosk_retire(struct store *s, int64_t id, int64_t branch_id, int64_t at,
		       struct fd_error *err);

/* The tries at kiosk_id after since, and one more at at (forgetting every kiosk's tries at or
 * before forget_before). */
int store_kiosk_tries(struct store *s, int64_t kiosk_id, int64_t since, int64_t *n,
		      struct fd_error *err);
int store_kiosk_try_add(struct store *s, int64_t kiosk_id, int64_t at, int64_t forget_before,
			struct fd_error *err);

#endif
