-- frontdesk schema 17 for PostgreSQL, as sqlite/017_signed_forms.sql: what an incident
-- report's signature covers (form 2).
-- Each report and addendum keeps the exact text it was signed over beside its signature, so
-- `frontdesk incident verify` can say what no longer matches; each attachment keeps the
-- SHA-256 of its bytes, recorded when it is stored. NULL: signed or stored before this.

ALTER TABLE incident ADD COLUMN signed_text TEXT;
ALTER TABLE incident_addendum ADD COLUMN signed_text TEXT;
ALTER TABLE incident_attachment ADD COLUMN sha256 TEXT;
