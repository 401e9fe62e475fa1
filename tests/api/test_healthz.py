"""/healthz on SQLite: it reads the database rather than answering "ok" by rote, so a
database file moved or deleted under the running server, whose writes would be lost at the
next start, turns it to 503 with the reason. PostgreSQL's outage is test_db_restart.py."""
import json
import os

from harness import Db, Server, expect_error

BACKENDS = ("sqlite",)


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    # One server thread, so one connection, opened by the harness's first /healthz: the
    # test then knows that connection is older than the move.
    return {"db": db, "srv": Server(db, config="[server]\nthreads = 1\n"),
            "path": db.url[len("sqlite:"):],
            "token": db.add_user("kos.staff", "staff", "KOS")}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_healthz_reads_the_database(ctx):
    status, body = ctx["srv"].api("GET", "/healthz")
    assert status == 200, body
    assert body["status"] == "ok" and body["database"] == "ok", body
    assert body["backend"] == "sqlite" and body["schema_version"] >= 15, body
    assert body["live_events"] == "ok" and body["worker"] == "ok", body


def test_a_database_file_moved_away_is_503_until_it_is_back(ctx):
    path = ctx["path"]
    os.rename(path, path + ".moved")
    try:
        for _ in range(2):
            status, body = ctx["srv"].api("GET", "/healthz")
            assert status == 503, body
            assert body["status"] == "unavailable", body
            assert body["database"].startswith("unusable: ") and "moved" in body["database"], body
            assert path not in body["database"], body
    finally:
        os.rename(path + ".moved", path)
    status, body = ctx["srv"].api("GET", "/healthz")
    assert status == 200 and body["database"] == "ok", body
    assert ctx["srv"].api("GET", "/api/v1/me", token=ctx["token"])[0] == 200


def test_healthz_gives_its_reason_when_a_thread_cannot_open_the_database(ctx):
    # Four threads, one of which the harness's first /healthz opened: the others open their
    # connection at their first request, and find no file to open. /healthz still answers
    # its own body with the reason; any other request says when to try again.
    db = Db()
    db.cli("init")
    srv = Server(db, config="[server]\nthreads = 4\n")
    path = db.url[len("sqlite:"):]
    os.rename(path, path + ".moved")
    try:
        unopened = 0
        for _ in range(40):
            status, headers, data = srv.request("GET", "/healthz")
            body = json.loads(data)
            assert status == 503, data
            assert headers["Retry-After"] == "2", (dict(headers), data)
            assert "error" not in body, body
            assert body["status"] == "unavailable" and body["backend"] == "sqlite", body
            assert body["database"].startswith("unusable: "), body
            assert path not in body["database"], body
            assert "live_events" in body and "worker" in body, body
            unopened += "is not there" in body["database"]
        assert unopened, "no request met a thread without its database connection"
        for _ in range(20):
            status, headers, data = srv.request("GET", "/api/v1/branches")
            if status == 503:
                expect_error((status, json.loads(data)), 503, "unavailable")
                assert headers["Retry-After"] == "2", (dict(headers), data)
        assert not os.path.exists(path), "a server thread made a new, empty database file"
    finally:
        os.rename(path + ".moved", path)
        srv.stop()
