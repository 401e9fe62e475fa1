-- frontdesk schema 33: the exit kiosks, tablets a branch's manager registered as the branch's
-- own (the tablet keeps a random token in a cookie, the table only its SHA-256), and the
-- kiosk's tries counted per kiosk, not per address: a library's wifi shares one address.

CREATE TABLE kiosk_device (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,            -- hex SHA-256 of the tablet's cookie
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	created_by INTEGER REFERENCES staff (id),
	created_at INTEGER NOT NULL,
	retired_at INTEGER                          -- set: the tablet is no kiosk any more
);
CREATE INDEX kiosk_device_branch ON kiosk_device (branch_id, retired_at);

DROP TABLE kiosk_try;
CREATE TABLE kiosk_try (
	kiosk_id INTEGER NOT NULL REFERENCES kiosk_device (id),
	at INTEGER NOT NULL
);
CREATE INDEX kiosk_try_kiosk ON kiosk_try (kiosk_id, at);
