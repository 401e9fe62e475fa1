-- frontdesk schema 15: an index for the service report's early closings (CS-HOURS), which read
-- the shifts at a branch that ended after a given time.

CREATE INDEX duty_branch_off ON duty (branch_id, off_at);
