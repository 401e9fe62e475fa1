/* Staff accounts: adding, listing, deactivating; passwords hashed with Argon2id. */
#ifndef SERVICE_STAFF_H
#define SERVICE_STAFF_H
#include <stddef.h>

#include "service/svc.h"

struct user_input {
	const char *login, *name, *role, *branch, *email, *phone;
	const char *password;	   /* NULL: the account logs in with API tokens only */
	const char *service_start; /* YYYY-MM-DD; NULL: today */
};

int user_add(struct svc *s, const struct user_input *in, struct staff *out, struct fd_error *err);
/* Everyone, or one branch's staff when branch is not NULL. */
int user_list(struct svc *s, const char *branch, struct staff **out, size_t *n,
	      struct fd_error *err);
/* Ends the account's sessions and duty too. */
int user_deactivate(struct svc *s, const char *login, struct staff *out, struct fd_error *err);
/* Argon2id hash of password (libsodium, INTERACTIVE limits: 64 MiB, 2 passes), in s->arena. */
int user_hash_password(struct svc *s, const char *password, const char **hash,
		       struct fd_error *err);

#endif
