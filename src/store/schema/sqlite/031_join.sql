-- frontdesk schema 31: joining the queue from a phone. A visit says how its ticket was taken
-- (at the desk, or by the customer's phone), the language the customer asked for, a first name
-- and a reason from a short list (base/vocab.h); a phone ticket has a secret page, known here
-- only by its hash, and the device and address it came from, which bound how many one takes.

ALTER TABLE visit ADD COLUMN joined TEXT NOT NULL DEFAULT 'desk'
	CHECK (joined IN ('desk', 'phone'));
ALTER TABLE visit ADD COLUMN language TEXT;    -- NULL: the customer did not say
ALTER TABLE visit ADD COLUMN first_name TEXT;  -- optional, as the customer typed it
ALTER TABLE visit ADD COLUMN reason TEXT;      -- a visit_reason name; NULL: not said

CREATE TABLE join_ticket (
	secret_hash TEXT PRIMARY KEY,             -- SHA-256 of the ticket page's secret, in hex
	visit_id INTEGER NOT NULL UNIQUE REFERENCES visit (id),
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	device_hash TEXT NOT NULL,                -- SHA-256 of the device cookie, in hex
	address TEXT NOT NULL,                    -- the client address it was taken from
	created_at INTEGER NOT NULL
);
CREATE INDEX join_ticket_device ON join_ticket (branch_id, device_hash);
CREATE INDEX join_ticket_address ON join_ticket (branch_id, address, created_at);
