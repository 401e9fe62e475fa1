-- frontdesk schema 28 for PostgreSQL, as sqlite/028_outbox_role.sql: the role a notice was
-- sent to as, for a signed incident report's recipients and their delivery states.
ALTER TABLE outbox ADD COLUMN to_role TEXT;
