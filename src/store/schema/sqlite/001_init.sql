-- frontdesk schema 1: branches, staff and their duty, sessions and tokens, customers, audit.
-- Times are integer seconds since the epoch, UTC.

CREATE TABLE branch (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	time_zone TEXT NOT NULL,
	hours TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	headquarters INTEGER NOT NULL DEFAULT 0 CHECK (headquarters IN (0, 1)),
	ack_target_s INTEGER NOT NULL DEFAULT 60 CHECK (ack_target_s > 0),
	created_at INTEGER NOT NULL
);

CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	branch_id INTEGER REFERENCES branch (id),
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	password_hash TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	service_start TEXT NOT NULL,          -- YYYY-MM-DD: seniority for CS-INCHARGE
	created_at INTEGER NOT NULL,
	last_login_at INTEGER
);
CREATE INDEX staff_branch ON staff (branch_id);

CREATE TABLE duty (
	id INTEGER PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	on_at INTEGER NOT NULL,
	off_at INTEGER,
	CHECK (off_at IS NULL OR off_at >= on_at)
);
-- Nobody is on duty in two places at once.
CREATE UNIQUE INDEX duty_open_staff ON duty (staff_id) WHERE off_at IS NULL;
CREATE INDEX duty_open_branch ON duty (branch_id) WHERE off_at IS NULL;

CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,      -- BLAKE2b of the cookie value; the value is never kept
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	csrf_token TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL
);
CREATE INDEX session_staff ON session (staff_id);

CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	created_at INTEGER NOT NULL,
	last_used_at INTEGER,
	revoked_at INTEGER
);

CREATE TABLE login_failure (
	id INTEGER PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	at INTEGER NOT NULL
);
CREATE INDEX login_failure_staff ON login_failure (staff_id, at);

-- CS-EQUAL: nothing here could rank a customer (no age, sex, history).
CREATE TABLE customer (
	id INTEGER PRIMARY KEY,
	card TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	card_status TEXT NOT NULL DEFAULT 'active',
	registered_at INTEGER NOT NULL
);

-- CS-CONFIDENTIAL: every read or change of a customer record, by whom and when.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	staff_id INTEGER REFERENCES staff (id),
	action TEXT NOT NULL,                 -- read, create, ...
	object_kind TEXT NOT NULL,            -- customer, ...
	object_key TEXT NOT NULL              -- the card number, an id
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_key);
