"""ASVS V3.3: a session ends after its idle time and, however busy, after its absolute time.
Run with short limits from the config file so the test takes seconds, not hours."""
import time

from harness import Db, Server, expect_error

PASSWORD = "expiry password 1"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    db.add_user("kos.staff", "staff", "KOS", password=PASSWORD)
    srv = Server(db, config="[security]\nsession_idle_s = 2\nsession_absolute_s = 4\n")
    return {"db": db, "srv": srv}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def login(ctx):
    status, headers, data = ctx["srv"].request(
        "POST", "/api/v1/login", '{"login":"kos.staff","password":"%s"}' % PASSWORD,
        {"Content-Type": "application/json"})
    assert status == 200, data
    return headers["Set-Cookie"].split(";")[0], time.monotonic()


def test_idle_session_ends(ctx):
    cookie, _ = login(ctx)
    assert ctx["srv"].api("GET", "/api/v1/me", cookie=cookie)[0] == 200
    time.sleep(3.2)
    expect_error(ctx["srv"].api("GET", "/api/v1/me", cookie=cookie), 401, "unauthorized")


def test_busy_session_still_ends_at_its_absolute_limit(ctx):
    cookie, start = login(ctx)
    ended = None
    while time.monotonic() - start < 8:
        time.sleep(1)
        status, _ = ctx["srv"].api("GET", "/api/v1/me", cookie=cookie)
        if status == 401:
            ended = time.monotonic() - start
            break
        assert status == 200
    assert ended is not None, "the session never ended"
    assert 3.5 < ended < 7, f"ended after {ended:.1f} s"
