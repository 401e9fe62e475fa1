"""/healthz's "worker": how the outbox worker last found the database, from every use
it makes of it, not only the sending of mail. With no SMTP server it still sees the database
go and come back, and a chore of its that fails (here the audit log's anchor) shows until it
works again."""
import os
import time

import harness
from harness import Db, Server

SEEN_WITHIN_S = 6  # the worker looks every 2 s, each look waiting at most 2 s

REFUSE_ANCHORS = {
    "sqlite": """CREATE TRIGGER refuse_anchor BEFORE INSERT ON audit_anchor
                 BEGIN SELECT RAISE(ABORT, 'anchors refused by the test'); END;""",
    "postgresql": """
        CREATE FUNCTION refuse_anchor() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'anchors refused by the test'; END $$;
        CREATE TRIGGER refuse_anchor BEFORE INSERT ON audit_anchor
            FOR EACH ROW EXECUTE FUNCTION refuse_anchor();""",
}
ALLOW_ANCHORS = {
    "sqlite": "DROP TRIGGER refuse_anchor",
    "postgresql": "DROP TRIGGER refuse_anchor ON audit_anchor; DROP FUNCTION refuse_anchor();",
}


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    db.add_user("kos.staff", "staff", "KOS")  # the audit log has entries to anchor
    db.script(REFUSE_ANCHORS[harness.BACKEND])
    # No [mail] smtp_url: notices wait in the outbox, and the worker goes on with its chores.
    srv = Server(db, config="[audit]\nanchor_interval_s = 1\n")
    return {"db": db, "srv": srv}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def healthz_until(srv, worker, seconds=SEEN_WITHIN_S):
    """The /healthz answer once its worker says worker, or the last one after seconds."""
    deadline = time.monotonic() + seconds
    while True:
        status, body = srv.api("GET", "/healthz")
        if body["worker"] == worker or time.monotonic() > deadline:
            return status, body
        time.sleep(0.2)


def test_a_failing_chore_shows_until_it_works(ctx):
    srv = ctx["srv"]
    status, body = healthz_until(srv, "the audit anchor failed: see the log")
    assert body["worker"] == "the audit anchor failed: see the log", body
    # The database itself answers: the check's status follows it alone.
    assert status == 200 and body["database"] == "ok", body
    assert "audit anchor: " in srv.output()
    ctx["db"].script(ALLOW_ANCHORS[harness.BACKEND])
    status, body = healthz_until(srv, "ok")
    assert status == 200 and body["worker"] == "ok", body
    assert ctx["db"].sql("SELECT count(*) FROM audit_anchor") != [["0"]]


def test_without_mail_the_worker_sees_the_database_go_and_come_back(ctx):
    srv = ctx["srv"]
    path = ctx["db"].url[len("sqlite:"):]
    if harness.BACKEND == "postgresql":
        harness.PG.halt()
    else:
        os.rename(path, path + ".moved")
    try:
        status, body = healthz_until(srv, "waiting for the database")
        assert status == 503 and body["worker"] == "waiting for the database", body
    finally:
        if harness.BACKEND == "postgresql":
            harness.PG.start()
        else:
            os.rename(path + ".moved", path)
    status, body = healthz_until(srv, "ok")
    assert status == 200 and body["worker"] == "ok", body
