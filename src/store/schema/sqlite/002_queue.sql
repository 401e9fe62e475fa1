-- frontdesk schema 2: the desk queue (visits), the opening log, roving help, and the queue
-- events that desk screens follow live.

ALTER TABLE branch ADD COLUMN no_show_after_s INTEGER NOT NULL DEFAULT 120;

CREATE TABLE visit (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	local_day TEXT NOT NULL,              -- YYYY-MM-DD at the branch: tickets restart daily
	ticket INTEGER NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone')),
	customer_id INTEGER REFERENCES customer (id),
	new_customer INTEGER NOT NULL DEFAULT 0 CHECK (new_customer IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	arrived_at INTEGER NOT NULL,
	queue_at INTEGER NOT NULL,            -- the place in line (kept when a no-show returns)
	resumed INTEGER NOT NULL DEFAULT 0,   -- back from hold: the front of the phone line
	acknowledged_at INTEGER,
	acknowledged_by INTEGER REFERENCES staff (id),
	called_at INTEGER,                    -- called with `next`
	started_at INTEGER,
	finished_at INTEGER,
	served_by INTEGER REFERENCES staff (id),
	hold_at INTEGER,
	callback_phone TEXT,
	callback_promised_at INTEGER,
	callback_done_at INTEGER,
	tour TEXT CHECK (tour IS NULL OR tour IN ('offered', 'given', 'declined')),
	tour_at INTEGER,
	UNIQUE (branch_id, local_day, ticket)
);
CREATE INDEX visit_branch_state ON visit (branch_id, state);
CREATE INDEX visit_branch_finished ON visit (branch_id, finished_at);

CREATE TABLE opening (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	local_day TEXT NOT NULL,
	opened_at INTEGER NOT NULL,
	opened_by INTEGER NOT NULL REFERENCES staff (id),
	late_s INTEGER,                       -- NULL: not an advertised opening day
	UNIQUE (branch_id, local_day)
);

CREATE TABLE roving_help (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	at INTEGER NOT NULL
);
CREATE INDEX roving_help_branch ON roving_help (branch_id, at);

CREATE TABLE queue_event (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	at INTEGER NOT NULL,
	kind TEXT NOT NULL,
	visit_id INTEGER
);
