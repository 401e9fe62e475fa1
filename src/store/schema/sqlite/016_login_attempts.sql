-- frontdesk schema 16: failed logins counted by the login tried, whether or not it exists,
-- and by the address they came from (through trusted proxies), so that failures from one
-- address cannot lock an account out everywhere; where each login has succeeded (its
-- familiar addresses); and where each session began. The counts of schema 1 and 9 go.

CREATE TABLE failed_login (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL,
	address TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX failed_login_login ON failed_login (login, at);
CREATE INDEX failed_login_address ON failed_login (address, at);

CREATE TABLE familiar_address (
	login TEXT NOT NULL,
	address TEXT NOT NULL,
	last_at INTEGER NOT NULL,
	PRIMARY KEY (login, address)
);

ALTER TABLE session ADD COLUMN address TEXT NOT NULL DEFAULT '';

DROP TABLE login_failure_address;
DROP TABLE login_failure;
