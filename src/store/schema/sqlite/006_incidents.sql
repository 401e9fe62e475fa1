-- frontdesk schema 6: incident reports (CS-INCIDENT): drafts, the verbal report to HQ, the
-- Business Manager contact (CS-INSURANCE), the signature, addenda, and the installation's
-- signing key.

CREATE TABLE incident (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	occurred_at INTEGER NOT NULL,
	due_at INTEGER NOT NULL,              -- the end of the day it happened, branch time
	category TEXT NOT NULL,
	narrative TEXT NOT NULL DEFAULT '',
	actions_taken TEXT NOT NULL DEFAULT '',
	police_called INTEGER NOT NULL DEFAULT 0,
	reported_by INTEGER REFERENCES staff (id),
	created_at INTEGER NOT NULL,
	hq_notified_at INTEGER,
	hq_taken_by INTEGER REFERENCES staff (id),
	business_manager_contacted_at INTEGER,
	signed_at INTEGER,
	signed_by INTEGER REFERENCES staff (id),
	signed_name TEXT,
	signature TEXT                        -- Ed25519 over the canonical report, base64
);
CREATE INDEX incident_branch ON incident (branch_id, occurred_at);
CREATE INDEX incident_unsigned ON incident (signed_at, due_at);

-- People are named; no library card numbers are kept with an incident.
CREATE TABLE incident_person (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident (id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                   -- customer, staff, volunteer, witness, other
	part TEXT NOT NULL DEFAULT '',        -- their part in what happened
	injuries TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_person_incident ON incident_person (incident_id);

CREATE TABLE incident_addendum (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident (id),
	text TEXT NOT NULL,
	signed_at INTEGER NOT NULL,
	signed_by INTEGER REFERENCES staff (id),
	signed_name TEXT NOT NULL,
	signature TEXT NOT NULL
);
CREATE INDEX incident_addendum_incident ON incident_addendum (incident_id);

-- The key the installation signs reports with; made on first use.
CREATE TABLE signing_key (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	public_key TEXT NOT NULL,
	secret_key TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
