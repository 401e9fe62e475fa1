-- wrk: every request takes a walk-in into the queue (a durable write, acknowledged on disk).
wrk.method = "POST"
wrk.body = '{"channel":"in_person"}'
wrk.headers["Content-Type"] = "application/json"
