-- frontdesk schema 35 for PostgreSQL, as sqlite/035_renewal.sql: the renewal call (CS-INPERSON's
-- own example). A visit counts the items the desk renewed for the customer in the library's
-- catalogue, and those it refused; which items they were stays in the catalogue, never here
-- (CS-CONFIDENTIAL).

ALTER TABLE visit ADD COLUMN renewed INTEGER NOT NULL DEFAULT 0 CHECK (renewed >= 0);
ALTER TABLE visit ADD COLUMN renew_refused INTEGER NOT NULL DEFAULT 0 CHECK (renew_refused >= 0);
