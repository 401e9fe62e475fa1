-- frontdesk schema 19 for PostgreSQL, as sqlite/019_message_id.sql: each notice's Message-ID,
-- fixed when it is put in the outbox, so that a notice sent again after a crash is the same
-- message. Notices queued before this have none until the worker first claims them.
ALTER TABLE outbox ADD COLUMN message_id TEXT;
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
