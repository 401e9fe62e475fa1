-- frontdesk schema 10 for PostgreSQL, as sqlite/010_reports.sql: indexes for the service report
-- (CS-QUICK) and a customer's history (CS-NOBIAS).

CREATE INDEX visit_branch_arrived ON visit (branch_id, arrived_at);
CREATE INDEX request_branch_created ON request (branch_id, created_at);
CREATE INDEX request_customer ON request (customer_id);
CREATE INDEX complaint_customer ON complaint (customer_id);
CREATE INDEX opening_branch_opened ON opening (branch_id, opened_at);
