-- frontdesk schema 7: restrictions on a customer (a computer-use or building ban), with appeals;
-- attachments to incident reports; and the warning before an incident report falls due.

CREATE TABLE restriction (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	branch_id INTEGER NOT NULL REFERENCES branch (id),  -- the issuing branch
	scope TEXT NOT NULL CHECK (scope IN ('computer', 'building', 'other')),
	starts_at INTEGER NOT NULL,
	ends_at INTEGER,                      -- NULL: until lifted
	reason TEXT NOT NULL,
	incident_id INTEGER REFERENCES incident (id),
	issued_by INTEGER REFERENCES staff (id),
	lifted_at INTEGER,
	lifted_by INTEGER REFERENCES staff (id),
	appeal_note TEXT,
	appeal_outcome TEXT CHECK (appeal_outcome IS NULL OR appeal_outcome IN ('upheld', 'reduced', 'lifted')),
	appealed_at INTEGER
);
CREATE INDEX restriction_customer ON restriction (customer_id, starts_at);

CREATE TABLE incident_attachment (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident (id),
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size_bytes INTEGER NOT NULL,
	data BLOB NOT NULL,
	added_by INTEGER REFERENCES staff (id),
	added_at INTEGER NOT NULL
);
CREATE INDEX incident_attachment_incident ON incident_attachment (incident_id);

ALTER TABLE incident ADD COLUMN due_warning_at INTEGER;
