-- frontdesk schema 25: Headquarters' follow-up of a signed incident report: its review (who,
-- when, a note), its closing (who, when, a closing note) and the follow-up tasks in between
-- (a repair, camera footage, a trespass letter...), each with an owner and a due day.

ALTER TABLE incident ADD COLUMN reviewed_at INTEGER;
ALTER TABLE incident ADD COLUMN reviewed_by INTEGER REFERENCES staff (id);
ALTER TABLE incident ADD COLUMN review_note TEXT;
ALTER TABLE incident ADD COLUMN closed_at INTEGER;
ALTER TABLE incident ADD COLUMN closed_by INTEGER REFERENCES staff (id);
ALTER TABLE incident ADD COLUMN close_note TEXT;
-- Headquarters' inbox and badge count the signed reports nobody has reviewed yet.
CREATE INDEX incident_awaiting_review ON incident (reviewed_at, signed_at);

CREATE TABLE incident_task (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident (id),
	kind TEXT NOT NULL,                   -- repair, camera_footage, trespass_letter, other
	description TEXT NOT NULL DEFAULT '',
	owner_id INTEGER NOT NULL REFERENCES staff (id),
	due_on TEXT NOT NULL,                 -- YYYY-MM-DD, a day at the report's branch
	due_from INTEGER NOT NULL,            -- that day's first second there: due from then
	created_by INTEGER REFERENCES staff (id),
	created_at INTEGER NOT NULL,
	done_at INTEGER,
	done_by INTEGER REFERENCES staff (id),
	done_note TEXT
);
CREATE INDEX incident_task_incident ON incident_task (incident_id);
-- "Your follow-up task is due", counted on every page: one index read.
CREATE INDEX incident_task_owner_due ON incident_task (owner_id, done_at, due_from);
CREATE INDEX incident_task_open_due ON incident_task (done_at, due_from);
