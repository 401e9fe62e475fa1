-- frontdesk schema 30: how the visit went, in the customer's words: one answer per visit (five
-- faces, 1 to 5, and a comment), anonymous unless the customer asked to be contacted, and the
-- links that let a customer give it (a QR code the desk shows or prints, the join page).

CREATE TABLE feedback (
	id INTEGER PRIMARY KEY,
	visit_id INTEGER NOT NULL UNIQUE REFERENCES visit (id),  -- one answer per visit
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	served_by INTEGER REFERENCES staff (id),  -- who served the visit: each person's own figure
	local_day TEXT NOT NULL,                  -- the visit's day at the branch (YYYY-MM-DD)
	local_hour INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),  -- and its hour, arrived
	channel TEXT NOT NULL CHECK (channel IN ('join', 'desk', 'kiosk')),  -- where it was given
	score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	contact_name TEXT,                        -- both NULL: anonymous; set when the customer
	contact TEXT,                             -- asked to be contacted (a phone or an email)
	language TEXT NOT NULL DEFAULT 'en',
	at INTEGER NOT NULL
);
CREATE INDEX feedback_branch_day ON feedback (branch_id, local_day);
CREATE INDEX feedback_served_by_day ON feedback (served_by, local_day);

CREATE TABLE feedback_link (
	token_hash TEXT PRIMARY KEY,              -- SHA-256 of the link's secret, in hex
	visit_id INTEGER NOT NULL REFERENCES visit (id),
	created_at INTEGER NOT NULL
);
CREATE INDEX feedback_link_visit ON feedback_link (visit_id);
