-- frontdesk schema 32 for PostgreSQL, as sqlite/032_feedback_contact.sql: what a customer's request to be contacted became (a complaint for the
-- Branch Manager to resolve, or a compliment for her to pass on and mark done), and the exit
-- kiosk's tries by address, which keep a public tablet from being used to guess tickets.

CREATE TABLE feedback_contact (
	feedback_id BIGINT PRIMARY KEY REFERENCES feedback (id),
	branch_id BIGINT NOT NULL REFERENCES branch (id),
	kind TEXT NOT NULL CHECK (kind IN ('complaint', 'compliment')),
	complaint_id BIGINT UNIQUE REFERENCES complaint (id),  -- set for a complaint
	done_by BIGINT REFERENCES staff (id),  -- a compliment the Branch Manager has passed on
	done_at BIGINT
);
CREATE INDEX feedback_contact_open ON feedback_contact (branch_id, done_at);

CREATE TABLE kiosk_try (
	address TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX kiosk_try_address ON kiosk_try (address, at);
