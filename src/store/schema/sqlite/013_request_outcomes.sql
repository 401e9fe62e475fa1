-- frontdesk schema 13: a request may also close as customer_declined or customer_left.
-- SQLite cannot change a CHECK in place, so the table is rebuilt by SQLite's
-- documented procedure for such changes: a new table, the rows copied, the old table dropped,
-- the new one renamed, its indexes made again. Every column and index stays as 003, 010 and
-- 012 made them. store_migrate runs this with foreign keys off (the drop would otherwise
-- fail on the rows that refer to requests) and checks them before it commits.

CREATE TABLE new_request (
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
			    outcome IN ('fulfilled', 'alternative_accepted', 'not_fulfilled',
					'customer_declined', 'customer_left')),
	closed_at INTEGER,
	closed_by INTEGER REFERENCES staff (id),
	close_note TEXT,
	reminded_level INTEGER NOT NULL DEFAULT 0,
	reminded_at INTEGER
);
INSERT INTO new_request (id, branch_id, visit_id, customer_id, kind, text, text_retain_until,
			 status, level, holder_id, created_by, created_at, outcome, closed_at,
			 closed_by, close_note, reminded_level, reminded_at)
	SELECT id, branch_id, visit_id, customer_id, kind, text, text_retain_until, status, level,
	       holder_id, created_by, created_at, outcome, closed_at, closed_by, close_note,
	       reminded_level, reminded_at FROM request;
DROP TABLE request;
ALTER TABLE new_request RENAME TO request;
CREATE INDEX request_branch_status ON request (branch_id, status);
CREATE INDEX request_holder ON request (holder_id, status);
CREATE INDEX request_branch_created ON request (branch_id, created_at);
CREATE INDEX request_customer ON request (customer_id);
