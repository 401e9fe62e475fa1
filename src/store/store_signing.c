/* The installation's public signing key, and the secret one that databases from before
 * migration 18 still hold until `frontdesk init` moves it to the key file. */
#include "store/columns.h"
#include "store/db.h"
#include "store/store_signing.h"

struct key_pair {
	struct arena *a;
	const char *pk, *sk;
	bool found;
};

static int row_key(void *ctx, struct db_row *row)
{
	struct key_pair *k = ctx;
	k->pk = arena_strdup(k->a, db_text(row, 0));
	k->found = true;
	return 0;
}

int store_signing_key(struct store *s, struct arena *a, const char **public_key, bool *found,
		      struct fd_error *err)
{
	struct key_pair k = {a, NULL, NULL, false};
	int rc = db_query(s, STMT_SIGNING_KEY_GET, NULL, 0, row_key, &k, NULL, err);
	*public_key = k.pk;
	*found = k.found;
	return rc;
}

int store_signing_key_insert(struct store *s, const char *public_key, int64_t now,
			     struct fd_error *err)
{
	return db_query(s, STMT_SIGNING_KEY_INSERT,
			DB_ARGS(DB_ARG_TEXT(public_key), DB_ARG_INT(now)), NULL, NULL, NULL, err);
}

static int row_legacy_key(void *ctx, struct db_row *row)
{
	struct key_pair *k = ctx;
	k->pk = arena_strdup(k->a, db_text(row, LEGACY_KEY_COL_PUBLIC));
	k->sk = arena_strdup(k->a, db_text(row, LEGACY_KEY_COL_SECRET));
	k->found = true;
	return 0;
}

static int applied(struct store *s, int version, bool *yes, struct fd_error *err)
{
	int64_t n = 0;
	int rc = db_query(s, STMT_MIGRATION_APPLIED, DB_ARGS(DB_ARG_INT(version)), db_row_int, &n,
			  NULL, err);
	*yes = n > 0;
	return rc;
}

int store_signing_key_legacy(struct store *s, struct arena *a, const char **public_key,
			     const char **secret_key, bool *found, struct fd_error *err)
{
	struct key_pair k = {a, NULL, NULL, false};
	bool ready = false, has_table = false, moved = false;
	/* Migration 6 made the table with the secret in it; migration 18 took the column away. */
	int rc = store_is_initialised(s, &ready, err);
	if (!rc && ready)
		rc = applied(s, 6, &has_table, err) || applied(s, 18, &moved, err) ? -1 : 0;
	if (!rc && has_table && !moved)
		rc = db_query(s, STMT_SIGNING_KEY_LEGACY_GET, NULL, 0, row_legacy_key, &k, NULL,
			      err);
	*public_key = k.pk;
	*secret_key = k.sk;
	*found = k.found;
	return rc;
}

int store_signing_key_legacy_erase(struct store *s, struct fd_error *err)
{
	return db_query(s, STMT_SIGNING_KEY_LEGACY_ERASE, NULL, 0, NULL, NULL, NULL, err);
}
