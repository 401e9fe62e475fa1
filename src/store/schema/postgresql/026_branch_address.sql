-- frontdesk schema 26: a branch's postal address (lines separated by newlines), printed on the
-- letterhead of its incident reports and trespass letters.
ALTER TABLE branch ADD COLUMN address TEXT NOT NULL DEFAULT '';
