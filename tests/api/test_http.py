"""The HTTP surface: error shapes and statuses, body limits, keep-alive, security headers."""
import http.client

import harness
from harness import Db, Server, expect_error


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "NOH", "--name", "No Hours")
    token = db.add_user("kos.staff", "staff", "KOS")
    return {"db": db, "srv": Server(db), "token": token}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_healthz(ctx):
    status, body = ctx["srv"].api("GET", "/healthz")
    assert status == 200 and body["status"] == "ok"
    # What it checked: the database answered a query and has its schema.
    assert body["database"] == "ok" and body["backend"] == harness.BACKEND, body
    assert body["schema_version"] >= 15 and body["database_ms"] >= 0, body


def test_missing_or_bad_token_is_401(ctx):
    expect_error(ctx["srv"].api("GET", "/api/v1/me"), 401, "unauthorized")
    expect_error(ctx["srv"].api("GET", "/api/v1/me", token="not-a-token"), 401, "unauthorized")
    expect_error(ctx["srv"].api("GET", "/api/v1/branches", headers={"Authorization": "Basic x"}),
                 401, "unauthorized")


def test_malformed_json_is_400(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/duty", "{\"branch\": ", token=ctx["token"]),
                 400, "bad_json")
    expect_error(ctx["srv"].api("POST", "/api/v1/duty", "[1,2]", token=ctx["token"]), 400,
                 "bad_json")
    expect_error(ctx["srv"].api("POST", "/api/v1/duty", '{"branch":"KOS","branch":"KOS"}',
                                token=ctx["token"]), 400, "bad_json")


def test_json_bodies_must_say_they_are_json(ctx):
    # A cross-site form can post text/plain; the API does not take it.
    expect_error(ctx["srv"].api("POST", "/api/v1/login", '{"login":"a","password":"b"}',
                                headers={"Content-Type": "text/plain"}), 400, "bad_json")


def test_bad_fields_are_422_naming_the_field(ctx):
    srv, t = ctx["srv"], ctx["token"]
    expect_error(srv.api("POST", "/api/v1/duty", {}, token=t), 422, "invalid", field="branch")
    expect_error(srv.api("POST", "/api/v1/duty", {"branch": 7}, token=t), 422, field="branch")
    expect_error(srv.api("POST", "/api/v1/duty", {"branch": "KOS", "shift": "late"}, token=t),
                 422, field="shift")


def test_unknown_things_are_404(ctx):
    expect_error(ctx["srv"].api("GET", "/api/v1/branches/NOPE", token=ctx["token"]), 404,
                 "not_found")
    expect_error(ctx["srv"].api("GET", "/api/v1/nothing-here", token=ctx["token"]), 404)
    status, _ = ctx["srv"].api("DELETE", "/api/v1/branches", token=ctx["token"])
    assert status == 405


def test_body_over_one_mib_is_413(ctx):
    big = '{"branch":"' + "x" * (1 << 20) + '"}'
    expect_error(ctx["srv"].api("POST", "/api/v1/duty", big, token=ctx["token"]), 413,
                 "too_large")
    # Just under the limit is read (and then refused for what it says, not its size).
    ok = '{"branch":"' + "x" * 1000 + '"}'
    status, _ = ctx["srv"].api("POST", "/api/v1/duty", ok, token=ctx["token"])
    assert status == 422


def test_wrong_role_is_403(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/branches", {"code": "NEW", "name": "New"},
                                token=ctx["token"]), 403, "forbidden")


def test_branches_with_hours_and_open_now(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/branches", token=ctx["token"])
    assert status == 200
    by_code = {b["code"]: b for b in body["branches"]}
    assert by_code["KOS"]["open_now"] is True  # open every hour of every day
    assert by_code["KOS"]["hours"]["wed"] == {"opens": "00:00", "closes": "24:00"}
    assert by_code["KOS"]["time_zone"] == "America/Chicago"
    assert by_code["NOH"]["open_now"] is False
    assert by_code["NOH"]["hours"]["mon"] is None


def test_keep_alive_serves_several_requests_on_one_connection(ctx):
    srv = ctx["srv"]
    conn = srv.connection()
    for _ in range(3):
        status, headers, _ = srv.request("GET", "/healthz", conn=conn)
        assert status == 200
        assert (headers.get("Connection") or "").lower() != "close"
    sock = conn.sock
    srv.request("GET", "/healthz", conn=conn)
    assert conn.sock is sock, "the connection was not kept alive"
    conn.close()


def test_security_headers_on_every_response(ctx):
    for path in ("/healthz", "/login", "/api/v1/me"):
        _, headers, _ = ctx["srv"].request("GET", path)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store"
