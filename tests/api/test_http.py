"""The HTTP surface: error shapes and statuses, body limits, keep-alive, security headers,
gzip and the fingerprinted static files."""
import gzip
import http.client
import re

import harness
from harness import Db, Server, expect_error


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "NOH", "--name", "No Hours")
    token = db.add_user("kos.staff", "staff", "KOS")
    # A branch of its own for the gzip tests, with a line long enough (over 1 KiB of JSON).
    db.cli("branch", "add", "GZP", "--name", "Gzip Hill", "--hours", "mon-sun 00:00-24:00")
    gz = db.add_user("gzp.staff", "staff", "GZP")
    srv = Server(db)
    assert srv.api("POST", "/api/v1/duty", {"branch": "GZP"}, token=gz)[0] == 200
    for i in range(8):
        assert srv.api("POST", "/api/v1/branches/GZP/visits",
                       {"channel": "in_person", "note": f"customer number {i}"},
                       token=gz)[0] == 201
    return {"db": db, "srv": srv, "token": token, "gz": gz}


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
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cache-Control"] == "no-store"


def get(ctx, path, token=None, encoding=None, method="GET"):
    h = {"Authorization": "Bearer " + token} if token else {}
    if encoding is not None:
        h["Accept-Encoding"] = encoding
    return ctx["srv"].request(method, path, headers=h)


def test_gzip_when_asked_decodes_to_the_plain_answer(ctx):
    for path, token in (("/api/v1/branches/GZP/queue", ctx["gz"]), ("/desk/GZP", ctx["gz"]),
                        ("/static/style.css", None)):
        # Twice: the queue's second answer comes gzipped from its cache.
        for _ in range(2):
            status, plain_h, plain = get(ctx, path, token)
            assert status == 200 and len(plain) > 1024, (path, len(plain))
            assert plain_h["Content-Encoding"] is None, path
            assert plain_h["Vary"] == "Accept-Encoding", path
            status, gz_h, gz = get(ctx, path, token, "br;q=1.0, gzip;q=0.8, *;q=0.1")
            assert status == 200 and gz_h["Content-Encoding"] == "gzip", path
            assert gz_h["Vary"] == "Accept-Encoding", path
            assert gz_h["Content-Type"] == plain_h["Content-Type"], path
            assert len(gz) < len(plain) / 2, (path, len(gz), len(plain))
            assert gzip.decompress(gz) == plain, path


def test_no_gzip_unless_allowed(ctx):
    for encoding in (None, "", "identity", "deflate, br", "gzip;q=0", "gzip;q=0, *", "*;q=0"):
        status, headers, body = get(ctx, "/api/v1/branches/GZP/queue", ctx["gz"], encoding)
        assert status == 200 and headers["Content-Encoding"] is None, encoding
        assert body.startswith(b"{"), encoding


def test_small_answers_are_not_gzipped(ctx):
    status, headers, body = get(ctx, "/healthz", encoding="gzip")
    assert status == 200 and len(body) < 1024 and headers["Content-Encoding"] is None
    assert headers["Vary"] is None


def test_head_carries_the_same_headers_as_get(ctx):
    _, got, body = get(ctx, "/api/v1/branches/GZP/queue", ctx["gz"], "gzip")
    status, head, empty = get(ctx, "/api/v1/branches/GZP/queue", ctx["gz"], "gzip", "HEAD")
    assert status == 200 and empty == b""
    assert head["Content-Encoding"] == "gzip" and head["Vary"] == "Accept-Encoding"
    assert head["Content-Length"] == got["Content-Length"] == str(len(body))


def test_event_stream_is_never_gzipped(ctx):
    conn = ctx["srv"].connection()
    conn.request("GET", "/api/v1/branches/GZP/events",
                 headers={"Authorization": "Bearer " + ctx["gz"], "Accept-Encoding": "gzip"})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Content-Type"] == "text/event-stream"
    assert resp.headers["Content-Encoding"] is None
    conn.close()


def pinned_url(ctx, name):
    _, _, page = ctx["srv"].request("GET", "/login")
    stem, ext = name.rsplit(".", 1)
    found = re.findall(rf'"(/static/{stem}\.[0-9a-f]{{12}}\.{ext})"', page.decode())
    assert found, (name, page[:600])
    return found[0]


def test_pages_link_the_fingerprinted_static_files(ctx):
    for name in ("style.css", "desk.js"):
        url = pinned_url(ctx, name)
        status, headers, body = ctx["srv"].request("GET", url)
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        # The same bytes as at the plain name, which is cached only a short while.
        status, plain_h, plain = ctx["srv"].request("GET", "/static/" + name)
        assert status == 200 and body == plain
        assert plain_h["Cache-Control"] == "public, max-age=300"
    _, _, board = ctx["srv"].request("GET", "/board/GZP")
    assert re.search(rb'src="/static/board\.[0-9a-f]{12}\.js"', board), board[:600]
    assert b'"/static/style.css"' not in board and b'"/static/board.js"' not in board


def test_a_changed_fingerprint_is_404(ctx):
    url = pinned_url(ctx, "style.css")
    stale = url.replace(url[-16:-4], "0" * 12 if url[-16] != "0" else "1" * 12)
    status, headers, _ = ctx["srv"].request("GET", stale)
    assert status == 404 and headers["Cache-Control"] == "no-store", stale
    assert ctx["srv"].request("GET", "/static/style.css.css")[0] == 404
