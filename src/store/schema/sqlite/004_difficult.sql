-- frontdesk schema 4: complaints, difficult situations and judgement calls, and the outbox
-- that carries their notices by email.

-- Written in the same transaction as the record it is about; sent by the worker in serve.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	created_at INTEGER NOT NULL,
	to_addr TEXT NOT NULL,
	to_name TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	about_kind TEXT,
	about_id INTEGER,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	lease_until INTEGER,                  -- a node is sending it until then
	sent_at INTEGER,                      -- the SMTP server accepted it
	last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE INDEX outbox_about ON outbox (about_kind, about_id);

CREATE TABLE complaint (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	customer_id INTEGER REFERENCES customer (id),
	text TEXT NOT NULL,
	policy_section TEXT NOT NULL DEFAULT '',
	taken_by INTEGER REFERENCES staff (id),
	taken_at INTEGER NOT NULL,
	hq_contact_required INTEGER NOT NULL DEFAULT 0,
	manager_notified INTEGER NOT NULL DEFAULT 0,
	referred_director_at INTEGER,
	referred_by INTEGER REFERENCES staff (id),
	resolution TEXT,
	resolved_at INTEGER
);
CREATE INDEX complaint_branch ON complaint (branch_id, taken_at);

CREATE TABLE situation (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	text TEXT NOT NULL,
	private_area INTEGER NOT NULL,
	witness_id INTEGER REFERENCES staff (id),
	in_charge_included INTEGER NOT NULL,
	recorded_by INTEGER REFERENCES staff (id),
	recorded_at INTEGER NOT NULL,
	flagged INTEGER NOT NULL DEFAULT 0,   -- CS-PRIVATE: a witness or the person in charge missing
	hq_contact_required INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX situation_branch ON situation (branch_id, recorded_at);

CREATE TABLE judgement (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	situation TEXT NOT NULL,
	decision TEXT NOT NULL,
	hq_reachable INTEGER NOT NULL,
	decided_by INTEGER REFERENCES staff (id),
	decided_at INTEGER NOT NULL,
	acknowledged_by INTEGER REFERENCES staff (id),
	acknowledged_at INTEGER
);
CREATE INDEX judgement_unacknowledged ON judgement (acknowledged_at);
