-- frontdesk schema 13 for PostgreSQL, as sqlite/013_request_outcomes.sql: a request may also
-- close as customer_declined or customer_left. PostgreSQL changes the CHECK in
-- place: the constraint it named for 003's column check is dropped and made again.

ALTER TABLE request DROP CONSTRAINT request_outcome_check;
ALTER TABLE request ADD CONSTRAINT request_outcome_check CHECK (outcome IS NULL OR
	outcome IN ('fulfilled', 'alternative_accepted', 'not_fulfilled', 'customer_declined',
		    'customer_left'));
