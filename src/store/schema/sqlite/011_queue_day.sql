-- frontdesk schema 11: today's figures at the desk (served, no-shows) read one branch-day,
-- not every visit of the branch's past (found by make bench on ten years of visits).

CREATE INDEX visit_branch_day_state ON visit (branch_id, local_day, state);
