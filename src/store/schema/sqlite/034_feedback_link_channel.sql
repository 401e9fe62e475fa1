-- frontdesk schema 34: where a feedback link was given (the join page's ticket or the desk's
-- card), kept with the link when it is made, so the answer's channel is the server's record
-- rather than something the customer's browser says.
ALTER TABLE feedback_link ADD COLUMN channel TEXT NOT NULL DEFAULT 'desk'
	CHECK (channel IN ('join', 'desk'));
