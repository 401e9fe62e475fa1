-- frontdesk schema 32: what a customer's request to be contacted became (a complaint for the
-- Branch Manager to resolve, or a compliment for her to pass on and mark done), and the exit
-- kiosk's tries by address, which keep a public tablet from being used to guess tickets.

CREATE TABLE feedback_contact (
	feedback_id INTEGER PRIMARY KEY REFERENCES feedback (id),
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	kind TEXT NOT NULL CHECK (kind IN ('complaint', 'compliment')),
	complaint_id INTEGER UNIQUE REFERENCES complaint (id),  -- set for a complaint
	done_by INTEGER REFERENCES staff (id),  -- a compliment the Branch Manager has passed on
	done_at INTEGER
);
CREATE INDEX feedback_contact_open ON feedback_contact (branch_id, done_at);

CREATE TABLE kiosk_try (
	address TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX kiosk_try_address ON kiosk_try (address, at);
