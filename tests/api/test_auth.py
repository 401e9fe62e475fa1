"""Accounts and sessions: login, cookies, CSRF, throttling, logout, deactivation."""
import re

from harness import Db, Server, expect_error

PASSWORD = "correct horse battery"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    ctx["manager"] = db.add_user("kos.manager", "branch_manager", "KOS", password=PASSWORD)
    db.add_user("kos.staff", "staff", "KOS", password=PASSWORD)
    db.add_user("kos.locked", "staff", "KOS", password=PASSWORD)
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def login(ctx, who, password=PASSWORD):
    status, headers, data = ctx["srv"].request(
        "POST", "/api/v1/login", f'{{"login":"{who}","password":"{password}"}}',
        {"Content-Type": "application/json"})
    return status, headers, data


def session(ctx, who):
    import json
    status, headers, data = login(ctx, who)
    assert status == 200, data
    cookie = headers["Set-Cookie"].split(";")[0]
    return cookie, json.loads(data)["csrf_token"]


def test_login_sets_a_host_only_strict_cookie(ctx):
    status, headers, data = login(ctx, "kos.staff")
    assert status == 200, data
    c = headers["Set-Cookie"]
    assert c.startswith("__Host-fd_session="), c
    for attr in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert attr in c, c
    assert "Domain" not in c
    assert b"csrf_token" in data and b"kos.staff" in data


def test_each_login_gets_a_fresh_session(ctx):
    a, _ = session(ctx, "kos.staff")
    b, _ = session(ctx, "kos.staff")
    assert a != b


def test_wrong_password_and_unknown_login_are_the_same_401(ctx):
    s1, _, d1 = login(ctx, "kos.staff", "wrong password here")
    s2, _, d2 = login(ctx, "nobody.here", "wrong password here")
    assert s1 == s2 == 401
    assert d1 == d2


def test_login_requires_both_fields(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/login", {"login": "kos.staff"}), 422,
                 field="password")


def test_cookie_session_reads_without_csrf_but_writes_need_it(ctx):
    srv = ctx["srv"]
    cookie, csrf = session(ctx, "kos.staff")
    status, body = srv.api("GET", "/api/v1/me", cookie=cookie)
    assert status == 200 and body["login"] == "kos.staff"
    expect_error(srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, cookie=cookie), 403, "csrf")
    expect_error(srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, cookie=cookie,
                         csrf="x" * len(csrf)), 403, "csrf")
    status, body = srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, cookie=cookie, csrf=csrf)
    assert status == 200, body


def test_logout_really_ends_the_session(ctx):
    srv = ctx["srv"]
    cookie, csrf = session(ctx, "kos.staff")
    status, _ = srv.api("POST", "/api/v1/logout", {}, cookie=cookie, csrf=csrf)
    assert status == 200
    expect_error(srv.api("GET", "/api/v1/me", cookie=cookie), 401)


def test_repeated_failures_delay_even_the_right_password(ctx):
    for _ in range(5):
        assert login(ctx, "kos.locked", "not the password")[0] == 401
    status, headers, data = login(ctx, "kos.locked")
    assert status == 429, data
    assert int(headers["Retry-After"]) > 0
    assert b"too_many_attempts" in data
    # Another account is not affected.
    assert login(ctx, "kos.staff")[0] == 200


def test_many_failures_from_one_address_are_slowed_whatever_the_login(ctx):
    # Credential stuffing: a different made-up login each time (the tests before this one
    # failed a few times from this address too).
    try:
        statuses = [login(ctx, f"nobody{i}", "not the password")[0] for i in range(30)]
        assert set(statuses) <= {401, 429} and statuses[0] == 401 and statuses[-1] == 429
        status, headers, data = login(ctx, "kos.manager")
        assert status == 429 and int(headers["Retry-After"]) > 0, data
    finally:
        ctx["db"].execute("DELETE FROM failed_login")
    assert login(ctx, "kos.manager")[0] == 200


def test_deactivated_account_loses_token_and_session(ctx):
    srv, db = ctx["srv"], ctx["db"]
    token = db.cli("token", "create", "kos.staff").out.strip()
    cookie, _ = session(ctx, "kos.staff")
    assert srv.api("GET", "/api/v1/me", token=token)[0] == 200
    status, body = srv.api("POST", "/api/v1/users/kos.staff/deactivate", {},
                           token=ctx["manager"])
    assert status == 200 and body["active"] is False, body
    expect_error(srv.api("GET", "/api/v1/me", token=token), 401)
    expect_error(srv.api("GET", "/api/v1/me", cookie=cookie), 401)
    assert login(ctx, "kos.staff")[0] == 401


def test_tokens_and_passwords_are_never_stored_in_clear(ctx):
    db = ctx["db"]
    token = db.cli("token", "create", "kos.manager").out.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), token
    assert token not in db.snapshot()
    assert PASSWORD not in db.snapshot()
    hashes = [row[0] for row in db.sql("SELECT token_hash FROM api_token")]
    assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), hashes
    pw = [row[0] for row in db.sql("SELECT password_hash FROM staff WHERE password_hash IS NOT NULL")]
    assert pw and all(h.startswith("$argon2id$") for h in pw), pw


def test_a_token_revoked_by_another_process_is_refused_at_once(ctx):
    # Each request thread remembers a token's staff while the database is unchanged: the
    # command line's revocation, another process's commit, must end it on the next request
    # on every thread, not when the memory happens to be dropped.
    srv, db = ctx["srv"], ctx["db"]
    db.add_user("kos.memo", "staff", "KOS")
    token = db.cli("token", "create", "kos.memo").out.strip()
    for _ in range(8):
        assert srv.api("GET", "/api/v1/branches/KOS/queue", token=token)[0] == 200
    db.cli("token", "revoke", stdin=token + "\n")
    for _ in range(8):
        expect_error(srv.api("GET", "/api/v1/branches/KOS/queue", token=token), 401)
    # A role changed from the command line holds at once too.
    other = db.cli("token", "create", "kos.memo").out.strip()
    for _ in range(8):
        assert srv.api("GET", "/api/v1/me", token=other)[1]["role"] == "staff"
    db.cli("user", "set", "kos.memo", "--role", "volunteer")
    for _ in range(8):
        assert srv.api("GET", "/api/v1/me", token=other)[1]["role"] == "volunteer"
