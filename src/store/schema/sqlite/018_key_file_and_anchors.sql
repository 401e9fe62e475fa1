-- frontdesk schema 18: the installation's secret signing key leaves the database for
-- a key file, and the audit log's head is anchored, signed now and then, so that a log cut
-- short shows.

-- `frontdesk init` moves a secret key still here into the key file, and erases it, before it
-- migrates (service/signing.c). An older init would not: then this refuses, by the CHECK
-- below, rather than drop the only copy of the key.
CREATE TEMP TABLE migration_018 (
	secret_keys_left INTEGER NOT NULL
		CONSTRAINT signing_key_not_moved_to_its_key_file_run_this_frontdesk_init
		CHECK (secret_keys_left = 0)
);
INSERT INTO migration_018 SELECT count(*) FROM signing_key WHERE secret_key <> '';
DROP TABLE migration_018;
ALTER TABLE signing_key DROP COLUMN secret_key;

-- A signed statement that entry audit_id, with hash head_hash, was the head of the audit log at
-- `at`. Not a foreign key: the point is to notice when the entry is gone.
CREATE TABLE audit_anchor (
	id INTEGER PRIMARY KEY,
	audit_id INTEGER NOT NULL,
	head_hash TEXT NOT NULL,
	at INTEGER NOT NULL,
	signature TEXT NOT NULL,   -- Ed25519 (base64) with the installation's key
	witnessed_at INTEGER       -- when it was emailed to the witness (NULL: it was not)
);
CREATE INDEX audit_anchor_witnessed ON audit_anchor (witnessed_at);
