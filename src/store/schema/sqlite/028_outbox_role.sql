-- frontdesk schema 28: the role a notice was sent to as (the Executive Director, ...), so that a
-- signed incident report's page can name each recipient by role with its delivery state.
-- Notices queued before this, or to one person rather than a role, have none.
ALTER TABLE outbox ADD COLUMN to_role TEXT;
