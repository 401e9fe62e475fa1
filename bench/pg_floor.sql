-- The floor for durable writes on PostgreSQL, a pgbench script (pgbench -n -M prepared -f, with
-- -D first=ID -D last=ID -D day=YYYY-MM-DD): each transaction, at a branch picked at random
-- among the ids first..last, makes exactly the rows one walk-in makes in
-- frontdesk (POST /api/v1/branches/{code}/visits: store_visit.c, sql.c), in one transaction
-- committed synchronously (fsync on): the branch row locked for its ticket numbering, the visit
-- numbered after the day's last ticket, its queue event and the NOTIFY the live boards listen
-- for. Into frontdesk's own tables, made by `frontdesk init` on the floor's database, with every
-- index and constraint they have. bench/pg_writes runs it twice, as it runs wrk twice: on one
-- branch (first = last; wrk posts to one URL), where both sides queue on the one branch row's
-- lock, and spread over 300 branches (wrk posts to a random branch's URL), where commits at
-- different branches share WAL flushes: the same rows, the same contention on each side.
-- Nothing of frontdesk runs here: no HTTP, JSON, policy, nor its reads (the caller's token, the
-- desk on duty, the visit read back for the answer).
\set branch random(:first, :last)
BEGIN;
SELECT id FROM branch WHERE id = :branch FOR UPDATE;
INSERT INTO visit (branch_id, local_day, ticket, channel, customer_id, new_customer, note, state,
	arrived_at, queue_at, joined, language, first_name, reason)
VALUES (:branch, :day, (SELECT coalesce(max(ticket), 0) + 1 FROM visit
	WHERE branch_id = :branch AND local_day = :day), 'in_person', NULL, 0, '', 'waiting',
	extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint, 'desk', NULL, NULL,
	NULL) RETURNING id AS visit_id \gset
WITH e AS (INSERT INTO queue_event (branch_id, at, kind, visit_id)
	VALUES (:branch, extract(epoch FROM now())::bigint, 'visit.created', :visit_id) RETURNING id)
SELECT e.id FROM e, pg_notify('frontdesk_queue', CAST(e.id AS text));
END;
