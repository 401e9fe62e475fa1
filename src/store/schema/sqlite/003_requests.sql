-- frontdesk schema 3: customers' requests followed through (CS-ALT, CS-REFER).

CREATE TABLE request (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	visit_id INTEGER REFERENCES visit (id),
	customer_id INTEGER REFERENCES customer (id),
	kind TEXT NOT NULL,
	text TEXT NOT NULL,                   -- a reference question's is confidential and purged
	text_retain_until INTEGER,            -- when the text may be purged; NULL: kept
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	level TEXT NOT NULL DEFAULT 'desk' CHECK (level IN ('desk', 'branch', 'headquarters')),
	holder_id INTEGER REFERENCES staff (id), -- NULL at Headquarters: any HQ role
	created_by INTEGER REFERENCES staff (id),
	created_at INTEGER NOT NULL,
	outcome TEXT CHECK (outcome IS NULL OR
			    outcome IN ('fulfilled', 'alternative_accepted', 'not_fulfilled')),
	closed_at INTEGER,
	closed_by INTEGER REFERENCES staff (id),
	close_note TEXT
);
CREATE INDEX request_branch_status ON request (branch_id, status);
CREATE INDEX request_holder ON request (holder_id, status);

CREATE TABLE request_alternative (
	id INTEGER PRIMARY KEY,
	request_id INTEGER NOT NULL REFERENCES request (id),
	kind TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	accepted INTEGER CHECK (accepted IS NULL OR accepted IN (0, 1)), -- NULL: no answer yet
	offered_by INTEGER REFERENCES staff (id),
	offered_at INTEGER NOT NULL,
	answered_at INTEGER
);
CREATE INDEX request_alternative_request ON request_alternative (request_id);

-- The request's history: who did what, when.
CREATE TABLE request_event (
	id INTEGER PRIMARY KEY,
	request_id INTEGER NOT NULL REFERENCES request (id),
	at INTEGER NOT NULL,
	staff_id INTEGER REFERENCES staff (id),
	action TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_event_request ON request_event (request_id);
