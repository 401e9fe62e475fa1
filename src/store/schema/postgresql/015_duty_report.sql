-- frontdesk schema 15 for PostgreSQL, as sqlite/015_duty_report.sql: an index for the service
-- report's early closings (CS-HOURS).

CREATE INDEX duty_branch_off ON duty (branch_id, off_at);
