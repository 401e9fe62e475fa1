-- frontdesk schema 36 for PostgreSQL, as sqlite/036_report_covering.sql: the service report reads
-- its facts from indexes alone (index-only scans, once vacuum has marked the pages all-visible).
-- A branch's rows lie among every other branch's; these indexes hold the columns the report
-- counts (store_report.c), and replace the ones on the same keys.

CREATE INDEX visit_report ON visit (branch_id, arrived_at) INCLUDE (acknowledged_at, started_at,
	finished_at, callback_promised_at, callback_done_at, channel, state, tour, renewed,
	renew_refused);
DROP INDEX visit_branch_arrived;
CREATE INDEX request_report ON request (branch_id, created_at) INCLUDE (level, outcome);
DROP INDEX request_branch_created;
CREATE INDEX feedback_report ON feedback (branch_id, local_day) INCLUDE (local_hour, channel,
	score, served_by);
DROP INDEX feedback_branch_day;
