-- frontdesk schema 14: the chain of command exactly as the policy says: a
-- volunteer's call for the person in charge, a substitute's contact with Headquarters, and
-- how a judgement call was made.

-- CS-DIFFICULT: someone who may not handle a case fetched the person in charge.
CREATE TABLE fetch_call (
	id INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	asked_by INTEGER REFERENCES staff (id),
	asked_at INTEGER NOT NULL,
	to_id INTEGER REFERENCES staff (id),  -- NULL: nobody was in charge, Headquarters was
	about TEXT NOT NULL CHECK (about IN ('complaint', 'situation', 'incident', 'other')),
	note TEXT NOT NULL DEFAULT '',
	answered_by INTEGER REFERENCES staff (id),
	answered_at INTEGER
);
CREATE INDEX fetch_call_branch ON fetch_call (branch_id, asked_at);
CREATE INDEX fetch_call_open ON fetch_call (branch_id) WHERE answered_at IS NULL;

-- CS-DIFFICULT: a substitute alone records whom at Headquarters she contacted, and when.
ALTER TABLE complaint ADD COLUMN hq_contact_id INTEGER REFERENCES staff (id);
ALTER TABLE complaint ADD COLUMN hq_contacted_at INTEGER;
ALTER TABLE situation ADD COLUMN hq_contact_id INTEGER REFERENCES staff (id);
ALTER TABLE situation ADD COLUMN hq_contacted_at INTEGER;
ALTER TABLE situation ADD COLUMN manager_notified INTEGER NOT NULL DEFAULT 0;

-- CS-JUDGE: decided by phone off site; an assistant librarian deciding because the branch
-- manager could not be reached.
ALTER TABLE judgement ADD COLUMN by_phone INTEGER NOT NULL DEFAULT 0;
ALTER TABLE judgement ADD COLUMN manager_unreachable INTEGER NOT NULL DEFAULT 0;
