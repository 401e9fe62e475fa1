/* Restrictions on customers: issuing them, and their end, lifting and appeal. */
#ifndef STORE_STORE_RESTRICTION_H
#define STORE_STORE_RESTRICTION_H
#include "store/store.h"

struct restriction {
	int64_t id, customer_id, branch_id;
	const char *customer_card, *customer_name, *branch_code, *scope, *reason;
	int64_t starts_at, ends_at; /* ends_at 0: until lifted */
	int64_t incident_id;
	struct person issued_by;
	int64_t issued_by_id, lifted_at, lifted_by, appealed_at;
	const char *appeal_note, *appeal_outcome;
	const char *branch_name, *branch_time_zone; /* the issuing branch's */
};

int store_restriction_insert(struct store *s, struct restriction *r, struct fd_error *err);
int store_restriction_get(struct store *s, int64_t id, struct arena *a, struct restriction *out,
			  struct fd_error *err);
int store_restriction_list(struct store *s, int64_t customer_id, struct arena *a,
			   struct restriction **out, size_t *n, struct fd_error *err);
int store_restriction_count(struct store *s, int64_t customer_id, const char *scope, int64_t *n,
			    struct fd_error *err);
/* Writes back the end, the lifting and the appeal. */
int store_restriction_update(struct store *s, const struct restriction *r, struct fd_error *err);
/* The computer-use and building bans in force at now, at every branch, oldest first: what
 * every desk is told of (one indexed read, 027_bans_in_force). */
int store_restriction_bans_in_force(struct store *s, int64_t now, struct arena *a,
				    struct restriction **out, size_t *n, struct fd_error *err);

#endif
