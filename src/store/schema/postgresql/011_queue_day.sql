-- frontdesk schema 11 for PostgreSQL, as sqlite/011_queue_day.sql: an index for today's
-- figures at the desk.

CREATE INDEX visit_branch_day_state ON visit (branch_id, local_day, state);
