/* The installation's public signing key, and the secret one older databases still hold. */
#ifndef STORE_STORE_SIGNING_H
#define STORE_STORE_SIGNING_H
#include "store/store.h"

/* The installation's public signing key (base64); *found false before the first. The secret
 * half is never in the database: service/signing.c keeps it in a key file. */
int store_signing_key(struct store *s, struct arena *a, const char **public_key, bool *found,
		      struct fd_error *err);
/* Stores the public key unless one exists already (then the existing one stays). */
int store_signing_key_insert(struct store *s, const char *public_key, int64_t now,
			     struct fd_error *err);
/* A database from before migration 18 may hold the secret key too, as older versions kept
 * it: the pair (base64), *found false when there is none (or the schema is newer). */
int store_signing_key_legacy(struct store *s, struct arena *a, const char **public_key,
			     const char **secret_key, bool *found, struct fd_error *err);
/* Blanks that secret key, once it is safe in its key file. */
int store_signing_key_legacy_erase(struct store *s, struct fd_error *err);

#endif
