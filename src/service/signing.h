/* The installation's Ed25519 key, which signs incident reports and the audit log's anchors.
 * The secret half is in a key file only its owner may read ([security] signing_key_file; by
 * default beside a SQLite database); the public half is in the database, so that anyone can
 * verify, and every node can tell whether its key file holds the installation's key. */
#ifndef SERVICE_SIGNING_H
#define SERVICE_SIGNING_H
#include <sodium.h>

#include "service/svc.h"

/* Where the key file is: the configured one, or the SQLite database's name with ".key". A
 * PostgreSQL database has no default: its nodes must name one key file they all have. */
int signing_key_path(struct svc *s, const char **path, struct fd_error *err);
/* Inside a transaction: the installation's public key (FD_ENOTFOUND before it has signed
 * anything). Needs no key file. */
int signing_public_key(struct svc *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		       struct fd_error *err);
/* Inside a write transaction: the key pair to sign with, made on first use (the key file
 * first, then its public half in the database). Refused, naming the file, when others may
 * read it, when it is damaged or missing while the database has a key, and when it does not
 * hold the database's key. The caller wipes sk with sodium_memzero. */
int signing_key_pair(struct svc *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		     unsigned char sk[crypto_sign_SECRETKEYBYTES], struct fd_error *err);
/* Its own transaction: can this node sign? The same checks as signing_key_pair, for `serve`
 * to make at start; *fingerprint and *path say which key and where. */
int signing_ready(struct svc *s, const char **fingerprint, const char **path, struct fd_error *err);
/* Its own transaction, before migrating: a secret key still in the database, as versions
 * before migration 18 kept it, is written to the key file (or found there already) and then
 * erased from the database. *moved_to names the file, or is NULL when there was none. */
int signing_move_out_of_database(struct svc *s, const char **moved_to, struct fd_error *err);

#endif
