-- frontdesk schema 12: the branch calendar (holidays, closures, changed hours), shift
-- handovers, and reminders about untouched requests.

-- A holiday closes every branch for the day (unless a branch sets its own hours for it).
CREATE TABLE holiday (
	day TEXT PRIMARY KEY,                 -- YYYY-MM-DD
	name TEXT NOT NULL,
	added_by INTEGER REFERENCES staff (id),
	added_at INTEGER NOT NULL
);

-- One branch's day: closed (weather, power, a judgement call) or open other hours.
CREATE TABLE branch_day (
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	day TEXT NOT NULL,
	opens_min INTEGER,                    -- NULL with closes_min: closed all day
	closes_min INTEGER,
	reason TEXT NOT NULL,
	set_by INTEGER REFERENCES staff (id),
	set_at INTEGER NOT NULL,
	PRIMARY KEY (branch_id, day),
	CHECK ((opens_min IS NULL) = (closes_min IS NULL) AND
	       (opens_min IS NULL OR (opens_min >= 0 AND closes_min > opens_min AND
				      closes_min <= 1440)))
);

-- What someone going off duty left to the person in charge (NULL: Headquarters).
CREATE TABLE handover (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	from_id INTEGER NOT NULL REFERENCES staff (id),
	to_id INTEGER REFERENCES staff (id),
	note TEXT NOT NULL,
	at INTEGER NOT NULL,
	requests INTEGER NOT NULL,
	callbacks INTEGER NOT NULL,
	incidents INTEGER NOT NULL
);
CREATE INDEX handover_to ON handover (to_id, at);

-- The callbacks a person has promised and not yet made, found without reading every visit.
CREATE INDEX visit_callback_holder ON visit (served_by) WHERE state = 'callback';

-- Who is to finish an unsigned report when its reporter went off duty (NULL: the reporter).
ALTER TABLE incident ADD COLUMN holder_id INTEGER REFERENCES staff (id);

-- The highest reminder level sent about a request since it was last touched, and when.
ALTER TABLE request ADD COLUMN reminded_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request ADD COLUMN reminded_at INTEGER;
