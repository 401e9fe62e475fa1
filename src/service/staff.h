/* Staff accounts: adding, listing, changing (promotions and transfers), deactivating;
 * passwords hashed with Argon2id. Each change to an account is in the audit log. */
#ifndef SERVICE_STAFF_H
#define SERVICE_STAFF_H
#include <stddef.h>

#include "base/input.h"
#include "service/svc.h"
#include "store/store_audit.h"
#include "store/store_staff.h"

struct user_input {
	const char *login, *name;
	enum role role; /* ROLE__MAX: not given (a change leaves it as it is) */
	const char *branch, *email, *phone;
	const char *password;	   /* NULL: the account logs in with API tokens only */
	const char *service_start; /* YYYY-MM-DD; NULL: today */
};
/* A new account's fields (login, name, role, branch, email, phone, password, service_start). */
extern const struct input_table user_add_table;
/* A change's: the same but login and password, none required. */
extern const struct input_table user_change_table;

int user_add(struct svc *s, const struct user_input *in, struct staff *out, struct fd_error *err);
/* Everyone, or one branch's staff when branch is not NULL. */
int user_list(struct svc *s, const char *branch, struct staff **out, size_t *n,
	      struct fd_error *err);
/* A promotion, demotion, transfer or new details, Headquarters' administrators
 * only: in->login names the account; each other field changes it, NULL leaves it as it is
 * (password must be NULL). The result is checked as user_add checks a new account, and one
 * may not change one's own role. *changed says what changed, in words ("" when nothing did:
 * then nothing is written); the audit log has it. A demotion to volunteer or page hands over
 * what she holds (CS-DIFFICULT); a transfer leaves her current shift as it is. */
int user_update(struct svc *s, const struct user_input *in, struct staff *out, const char **changed,
		struct fd_error *err);
/* Who created, changed or deactivated login's account, oldest first: Headquarters, and a
 * branch manager for her own branch's staff. */
int user_audit(struct svc *s, const char *login, struct audit_entry **out, size_t *n,
	       struct fd_error *err);
/* Ends the account's sessions and duty too. */
int user_deactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err);
/* A deactivated account may log in again, with its role and branch as they were; whoever may
 * deactivate it may bring it back. */
int user_reactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err);
/* Argon2id hash of password (libsodium, INTERACTIVE limits: 64 MiB, 2 passes), in s->arena. */
int user_hash_password(struct svc *s, const char *password, const char **hash,
		       struct fd_error *err);
/* The same, with a salt of its own, into out (crypto_pwhash_STRBYTES): no arena, so threads
 * may make many at once. -1 when out of memory. */
int user_hash_password_to(char *out, const char *password);

#endif
