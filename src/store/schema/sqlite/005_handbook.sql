-- frontdesk schema 5: the policy handbook (CS-KNOW): versioned sections with their rationale,
-- full-text search (FTS5 with Porter stemming), and who acknowledged which version.

CREATE TABLE policy_section (
	id INTEGER PRIMARY KEY,
	section_key TEXT NOT NULL,            -- the same across versions of one section
	policy TEXT NOT NULL,                 -- "Customer Service Policy", "Circulation Policy", ...
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	rationale TEXT NOT NULL CHECK (rationale <> ''),
	rules TEXT NOT NULL DEFAULT '',       -- the CS- rules it is the text of, space-separated
	approved_on TEXT NOT NULL,            -- YYYY-MM-DD: board approval
	version INTEGER NOT NULL,
	current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES staff (id),
	UNIQUE (section_key, version)
);
CREATE INDEX policy_section_current ON policy_section (current, policy);

CREATE VIRTUAL TABLE policy_fts USING fts5(
	title, text, rationale, content = 'policy_section', content_rowid = 'id',
	tokenize = 'porter unicode61'
);
CREATE TRIGGER policy_section_ai AFTER INSERT ON policy_section BEGIN
	INSERT INTO policy_fts (rowid, title, text, rationale)
	VALUES (new.id, new.title, new.text, new.rationale);
END;
CREATE TRIGGER policy_section_ad AFTER DELETE ON policy_section BEGIN
	INSERT INTO policy_fts (policy_fts, rowid, title, text, rationale)
	VALUES ('delete', old.id, old.title, old.text, old.rationale);
END;

CREATE TABLE policy_ack (
	id INTEGER PRIMARY KEY,
	staff_id INTEGER NOT NULL REFERENCES staff (id),
	section_id INTEGER NOT NULL REFERENCES policy_section (id),
	at INTEGER NOT NULL,
	UNIQUE (staff_id, section_id)
);
