-- frontdesk schema 24: an incident report's details (CS-INCIDENT): when it was
-- discovered (a late discovery is due by the end of the discovery day), where in the building,
-- the police report, and for each person a customer chosen from the lookup (never a card
-- number), a physical description, the care given and a witness's contact.
ALTER TABLE incident ADD COLUMN discovered_at INTEGER;               -- NULL: when it happened
ALTER TABLE incident ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN police_report_number TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN police_officer TEXT NOT NULL DEFAULT '';

-- kind: customer, staff, volunteer, visitor, unknown, witness (and other, before this).
ALTER TABLE incident_person ADD COLUMN customer_id INTEGER REFERENCES customer (id);
ALTER TABLE incident_person ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_person ADD COLUMN care TEXT NOT NULL DEFAULT '';  -- '': not recorded
ALTER TABLE incident_person ADD COLUMN contact TEXT NOT NULL DEFAULT '';
