-- frontdesk schema 23: the desk a person works at (a number or a short name, chosen when
-- clocking on) and the desk each visit was called to, which the board shows beside the ticket.
ALTER TABLE duty ADD COLUMN desk TEXT;
ALTER TABLE visit ADD COLUMN desk TEXT;
