-- frontdesk schema 9: failed logins counted per address too (ASVS V2.2.1), whatever login
-- they tried.

CREATE TABLE login_failure_address (
	id INTEGER PRIMARY KEY,
	address TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX login_failure_address_at ON login_failure_address (address, at);
