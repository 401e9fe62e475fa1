-- frontdesk schema 27: the bans in force anywhere, which every branch's desk page reads (the
-- building-ban alert) and every queue matches its customers against: only those not lifted.
CREATE INDEX restriction_ban_in_force ON restriction (ends_at)
	WHERE lifted_at IS NULL AND scope IN ('computer', 'building');
