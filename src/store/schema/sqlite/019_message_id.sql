-- frontdesk schema 19: each notice's Message-ID, fixed when it is put in the outbox, so that a
-- notice sent again after a crash (the SMTP server took it but its answer was lost) is the
-- same message, recognisable as a duplicate. Notices queued before this have none until the
-- worker first claims them.
ALTER TABLE outbox ADD COLUMN message_id TEXT;
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
