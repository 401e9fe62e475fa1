/* The installation's signing key: its key file (base64 of libsodium's 64-byte Ed25519 secret
 * key, one line, mode 0600) and the public half in the database, which every use compares. */
#include "service/signing.h"

#include <string.h>

#include "base/ed25519.h"
#include "base/private_file.h"
#include "store/store_signing.h"

#define B64 sodium_base64_VARIANT_ORIGINAL
#define SK_B64_LEN sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES, B64)
#define PK_B64_LEN sodium_base64_ENCODED_LEN(crypto_sign_PUBLICKEYBYTES, B64)

int signing_key_path(struct svc *s, const char **path, struct fd_error *err)
{
	const char *file = s->config->signing_key_file;
	const char *db = store_sqlite_file(s->config->db_url);
	*path = NULL;
	if (file && *file)
		*path = file;
	else if (db)
		*path = arena_printf(s->arena, "%s.key", db);
	else
		return fd_fail_field(err, "signing_key_file",
				     "a PostgreSQL database is shared by nodes that must sign with "
				     "one key: name its key file in [security] signing_key_file "
				     "(see docs/regional.md)");
	return 0;
}

static int decode_public(const char *pk64, unsigned char *pk, struct fd_error *err)
{
	size_t n;
	if (!pk64 ||
	    sodium_base642bin(pk, crypto_sign_PUBLICKEYBYTES, pk64, strlen(pk64), NULL, &n, NULL,
			      B64) ||
	    n != crypto_sign_PUBLICKEYBYTES)
		return fd_fail(err, FD_EINTERNAL,
			       "the installation's public key in the database is damaged");
	return 0;
}

/* A secret key is whole when the seed it starts with makes it again, public half and all. */
static int decode_secret(const char *sk64, unsigned char *pk, unsigned char *sk)
{
	unsigned char again[crypto_sign_SECRETKEYBYTES];
	size_t n;
	int rc = -1;
	if (sodium_base642bin(sk, crypto_sign_SECRETKEYBYTES, sk64, strlen(sk64), " \t\r\n", &n,
			      NULL, B64) == 0 &&
	    n == crypto_sign_SECRETKEYBYTES) {
		crypto_sign_seed_keypair(pk, again, sk);
		rc = sodium_memcmp(again, sk, sizeof again) == 0 ? 0 : -1;
	}
	sodium_memzero(again, sizeof again);
	return rc;
}

/* The key file at path into pk and sk; *exists false when there is none. */
static int read_key_file(const char *path, unsigned char *pk, unsigned char *sk, bool *exists,
			 struct fd_error *err)
{
	char text[SK_B64_LEN + 64];
	int rc = private_file_read(path, text, sizeof text, exists, err);
	if (!rc && *exists && decode_secret(text, pk, sk))
		rc = fd_fail(err, FD_EINTERNAL,
			     "the signing key file %s is damaged: it does not hold an Ed25519 "
			     "key as frontdesk writes one",
			     path);
	sodium_memzero(text, sizeof text);
	return rc;
}

static int write_key_file(const char *path, const unsigned char *sk, struct fd_error *err)
{
	char text[SK_B64_LEN + 1];
	sodium_bin2base64(text, SK_B64_LEN, sk, crypto_sign_SECRETKEYBYTES, B64);
	size_t len = strlen(text);
	text[len] = '\n'; /* one line, as a text file should be */
	text[len + 1] = '\0';
	int rc = private_file_write(path, text, err);
	sodium_memzero(text, sizeof text);
	return rc;
}

/* A new key for the installation, in a new key file; when another thread or node made that
 * file meanwhile, its key is the one. */
static int make_key_file(const char *path, unsigned char *pk, unsigned char *sk,
			 struct fd_error *err)
{
	bool exists;
	crypto_sign_keypair(pk, sk);
	if (write_key_file(path, sk, err) == 0)
		return 0;
	if (err->code != FD_ECONFLICT)
		return -1;
	fd_error_clear(err);
	return read_key_file(path, pk, sk, &exists, err);
}

int signing_public_key(struct svc *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		       struct fd_error *err)
{
	const char *pk64;
	bool found;
	if (store_signing_key(s->store, s->arena, &pk64, &found, err))
		return -1;
	if (!found)
		return fd_fail(err, FD_ENOTFOUND, "this installation has signed nothing yet");
	return decode_public(pk64, pk, err);
}

/* The key in the file must be the installation's: the database's, or the first. */
static int match_database(struct svc *s, const char *path, const unsigned char *pk,
			  struct fd_error *err)
{
	unsigned char db_pk[crypto_sign_PUBLICKEYBYTES];
	char pk64[PK_B64_LEN];
	if (signing_public_key(s, db_pk, err)) {
		if (err->code != FD_ENOTFOUND)
			return -1;
		fd_error_clear(err);
		sodium_bin2base64(pk64, sizeof pk64, pk, crypto_sign_PUBLICKEYBYTES, B64);
		/* Another node may have stored its own first: read back which one won. */
		if (store_signing_key_insert(s->store, pk64, s->now, err) ||
		    signing_public_key(s, db_pk, err))
			return -1;
	}
	if (sodium_memcmp(db_pk, pk, sizeof db_pk) != 0)
		return fd_fail(err, FD_EINTERNAL,
			       "the signing key file %s holds key %s, but this installation "
			       "signs with key %s (its public key is in the database): this "
			       "node cannot sign until it has the installation's key file (see "
			       "docs/regional.md)",
			       path, ed25519_fingerprint(s->arena, pk),
			       ed25519_fingerprint(s->arena, db_pk));
	return 0;
}

int signing_key_pair(struct svc *s, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
		     unsigned char sk[crypto_sign_SECRETKEYBYTES], struct fd_error *err)
{
	unsigned char db_pk[crypto_sign_PUBLICKEYBYTES];
	const char *path = NULL;
	bool exists;
	int rc = -1;
	if (signing_key_path(s, &path, err) || read_key_file(path, pk, sk, &exists, err))
		goto out;
	if (!exists) {
		/* A key file made here while the database has a key would never match it. */
		if (signing_public_key(s, db_pk, err) == 0) {
			fd_fail(err, FD_EINTERNAL,
				"this installation signs with key %s, but its key file %s is "
				"not on this node: copy it here from where the key was made "
				"(see docs/regional.md)",
				ed25519_fingerprint(s->arena, db_pk), path);
			goto out;
		}
		if (err->code != FD_ENOTFOUND)
			goto out;
		fd_error_clear(err);
		if (make_key_file(path, pk, sk, err))
			goto out;
	}
	rc = match_database(s, path, pk, err);
out:
	if (rc)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	return rc;
}

int signing_ready(struct svc *s, const char **fingerprint, const char **path, struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	if (svc_begin(s, true, err))
		return -1;
	int rc = signing_key_pair(s, pk, sk, err);
	sodium_memzero(sk, sizeof sk);
	if (!rc && (rc = signing_key_path(s, path, err)) == 0)
		*fingerprint = ed25519_fingerprint(s->arena, pk);
	return svc_end(s, rc, err);
}

/* The secret key from the database goes to path: written there, or found there already
 * (a move that wrote the file and stopped before the erase), never a different one. */
static int move_to(struct svc *s, const char *path, const char *pk64, const char *sk64,
		   struct fd_error *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char db_pk[crypto_sign_PUBLICKEYBYTES], file_sk[crypto_sign_SECRETKEYBYTES];
	bool exists;
	int rc = -1;
	if (decode_public(pk64, db_pk, err))
		goto out;
	if (decode_secret(sk64, pk, sk) || sodium_memcmp(pk, db_pk, sizeof pk) != 0) {
		fd_fail(err, FD_EINTERNAL,
			"the secret signing key in the database is damaged: nothing was moved");
		goto out;
	}
	if (read_key_file(path, pk, file_sk, &exists, err) ||
	    (!exists &&
	     (write_key_file(path, sk, err) || read_key_file(path, pk, file_sk, &exists, err))))
		goto out;
	if (!exists || sodium_memcmp(file_sk, sk, sizeof sk) != 0) {
		fd_fail(err, FD_EINTERNAL,
			"the signing key file %s holds key %s, not the key %s the database "
			"holds: nothing was moved (move that file away, or name another in "
			"[security] signing_key_file)",
			path, ed25519_fingerprint(s->arena, pk),
			ed25519_fingerprint(s->arena, db_pk));
		goto out;
	}
	rc = store_signing_key_legacy_erase(s->store, err);
out:
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(file_sk, sizeof file_sk);
	return rc;
}

int signing_move_out_of_database(struct svc *s, const char **moved_to, struct fd_error *err)
{
	const char *pk64, *sk64, *path = NULL;
	bool found;
	*moved_to = NULL;
	if (svc_begin(s, true, err))
		return -1;
	int rc = store_signing_key_legacy(s->store, s->arena, &pk64, &sk64, &found, err);
	if (!rc && found) {
		if (signing_key_path(s, &path, err) == 0)
			rc = move_to(s, path, pk64, sk64, err);
		else
			rc = fd_fail_field(err, "signing_key_file",
					   "the database holds the installation's secret signing "
					   "key, which this version keeps in a key file instead: "
					   "name that file in [security] signing_key_file (the "
					   "nodes of a regional system share it: see "
					   "docs/regional.md)");
	}
	if (sk64) /* the arena's copy: it is ours to wipe */
		sodium_memzero((char *)sk64, strlen(sk64));
	if (svc_end(s, rc, err))
		return -1;
	*moved_to = found ? path : NULL;
	return 0;
}
