"""Login throttling behind proxies: failures are counted by login and address, so a flood
from one address never locks the account out from another; X-Forwarded-For names the client
only when it comes from a trusted proxy, and that client is what throttling, the session, the
audit log and the server's log see; a login that does not exist answers exactly as one that
does, all the way through. Linux routes all of 127/8 to the loopback, so each test's
addresses are real ones."""
import http.client
import json
import re
import statistics
import threading
import time

from harness import Db, Server, expect_error

PASSWORD = "correct horse battery"
PROXY = "127.0.0.9"
CARD = "21170000100017"
USERS = ("kos.staff", "kos.clerk", "kos.desk", "kos.twin", "kos.guarded", "kos.burst",
         "kos.roamer")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    for login in USERS:
        ctx[login] = db.add_user(login, "staff", "KOS", password=PASSWORD)
    ctx["manager"] = db.add_user("kos.manager", "branch_manager", "KOS", password=PASSWORD)
    # Eight threads, so that attempts really are checked in parallel.
    ctx["srv"] = Server(db, config=f"[server]\nthreads = 8\n"
                                   f"trusted_proxies = {PROXY}, 10.0.0.0/8\n")
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def call(ctx, method, path, body=None, source="127.0.0.1", forwarded=None, token=None):
    """One request from a source address: (status, headers, parsed body)."""
    c = http.client.HTTPConnection("127.0.0.1", ctx["srv"].port, timeout=30,
                                   source_address=(source, 0))
    headers = {"Content-Type": "application/json"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        c.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = c.getresponse()
        data = r.read()
        return r.status, r.headers, json.loads(data) if data else None
    finally:
        c.close()


def login(ctx, who, password=PASSWORD, source="127.0.0.1", forwarded=None):
    return call(ctx, "POST", "/api/v1/login", {"login": who, "password": password}, source,
                forwarded)


def failures_from(ctx, who):
    return sorted({row[0] for row in ctx["db"].sql(
        f"SELECT address FROM failed_login WHERE login = '{who}'")})


def test_a_flood_from_one_address_does_not_lock_the_owner_out_elsewhere(ctx):
    # One address guesses kos.staff's password until it is held off, then tries made-up
    # logins until the address itself is held off.
    statuses = [login(ctx, "kos.staff", "not the password", "127.0.0.3")[0] for _ in range(12)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses
    statuses = [login(ctx, f"made.up{i}", "not the password", "127.0.0.3")[0]
                for i in range(40)]
    assert statuses[-1] == 429, statuses
    status, headers, body = login(ctx, "kos.staff", source="127.0.0.3")
    assert status == 429 and int(headers["Retry-After"]) > 0, body
    assert "for this account" not in body["error"]["message"], body
    # The owner, at another desk and through the proxy, is not held up at all.
    assert login(ctx, "kos.staff", source="127.0.0.4")[0] == 200
    assert login(ctx, "kos.staff", source=PROXY, forwarded="198.51.100.7")[0] == 200
    assert login(ctx, "kos.manager", source="127.0.0.4")[0] == 200


def test_guessing_from_many_addresses_is_slowed_but_not_at_the_owners_desk(ctx):
    # kos.guarded logs in at her desk, then 25 addresses guess once each (as a botnet
    # would): an address new to her account waits, her own desk does not.
    assert login(ctx, "kos.guarded", source="127.0.0.4")[0] == 200
    now = int(time.time())
    for i in range(25):
        for who in ("kos.guarded", "no.such.login"):
            ctx["db"].execute("INSERT INTO failed_login (login, address, at) VALUES "
                              f"('{who}', '203.0.113.{i}', {now - 24 + i})")
    known = login(ctx, "kos.guarded", source="127.0.0.5")
    unknown = login(ctx, "no.such.login", source="127.0.0.5")
    assert known[0] == unknown[0] == 429, (known, unknown)
    k, u = normal(known), normal(unknown)
    assert k[:2] == u[:2] and abs(k[2] - u[2]) <= 1, (k, u)
    assert 0 < k[2] <= 30, k
    assert login(ctx, "kos.guarded", source="127.0.0.4")[0] == 200


def test_forwarded_for_from_an_untrusted_peer_is_ignored(ctx):
    for i in range(5):
        status, _, _ = login(ctx, "kos.clerk", "not the password", "127.0.0.6",
                             forwarded=f"198.51.100.{50 + i}")
        assert status == 401
    # Were the header believed, this would be a fresh address; it is the same one.
    status, _, body = login(ctx, "kos.clerk", source="127.0.0.6", forwarded="198.51.100.99")
    assert status == 429, body
    assert failures_from(ctx, "kos.clerk") == ["127.0.0.6"]
    assert login(ctx, "kos.clerk", source="127.0.0.7", forwarded="198.51.100.50")[0] == 200
    rows = ctx["db"].sql("SELECT s.address FROM session s JOIN staff t ON t.id = s.staff_id "
                         "WHERE t.login = 'kos.clerk'")
    assert rows == [["127.0.0.7"]], rows
    # Behind a proxy left out of trusted_proxies, the log says so, once.
    warning = ("X-Forwarded-For from 127.0.0.6 ignored: add it to [server] trusted_proxies "
               "if it is your proxy")
    assert ctx["srv"].output().count(warning) == 1, ctx["srv"].output()[-3000:]
    assert ctx["srv"].output().count("X-Forwarded-For from") == 1


def test_forwarded_for_from_a_trusted_proxy_names_the_client(ctx):
    for _ in range(5):
        assert login(ctx, "kos.desk", "not the password", PROXY,
                     forwarded="198.51.100.60")[0] == 401
    assert failures_from(ctx, "kos.desk") == ["198.51.100.60"]
    # That client is held off, whatever it claims left of what the proxy appended...
    assert login(ctx, "kos.desk", source=PROXY, forwarded="198.51.100.60")[0] == 429
    assert login(ctx, "kos.desk", source=PROXY,
                 forwarded="192.0.2.1, 198.51.100.60")[0] == 429
    # ...and another client behind the same proxy is not; a second trusted hop is skipped.
    assert login(ctx, "kos.desk", source=PROXY, forwarded="198.51.100.61")[0] == 200
    assert login(ctx, "kos.desk", source=PROXY,
                 forwarded="198.51.100.62, 10.1.2.3")[0] == 200
    rows = ctx["db"].sql("SELECT s.address FROM session s JOIN staff t ON t.id = s.staff_id "
                         "WHERE t.login = 'kos.desk' ORDER BY s.id")
    assert rows == [["198.51.100.61"], ["198.51.100.62"]], rows
    # The audit log says where a change came from, and the server's log where failures did.
    status, _, body = call(ctx, "POST", "/api/v1/customers", {"card": CARD, "name": "Loretta"},
                           PROXY, "198.51.100.70", token=ctx["kos.desk"])
    assert status == 201, body
    status, body = ctx["srv"].api("GET", f"/api/v1/audit?customer={CARD}",
                                  token=ctx["manager"])
    assert status == 200 and body["entries"][-1]["from"] == "198.51.100.70", body
    log = ctx["srv"].output()
    # In plain words, not error codes.
    assert "failed login from 198.51.100.60 (wrong login or password)" in log, log[-2000:]
    assert ("failed login from 198.51.100.60 (held off: too many failed attempts)"
            in log), log[-2000:]
    assert "unauthorized" not in log and "too_many_attempts" not in log, log[-2000:]
    assert "failed login from 127.0.0.9" not in log


def normal(answer):
    """An answer with its seconds to wait made comparable: (status, body, Retry-After)."""
    status, headers, body = answer
    text = re.sub(r"\d+ seconds", "N seconds", json.dumps(body))
    return status, text, int(headers["Retry-After"]) if "Retry-After" in headers else None


def test_unknown_and_known_logins_answer_alike_throughout(ctx):
    db = ctx["db"]
    known, unknown = [], []
    times = {"kos.twin": [], "kos.nobody": []}
    for step in range(3):
        for who, source, answers in (("kos.twin", "127.0.0.11", known),
                                     ("kos.nobody", "127.0.0.12", unknown)):
            for _ in range(7):
                start = time.monotonic()
                answers.append(normal(login(ctx, who, "not the password", source)))
                if answers[-1][0] == 401:
                    times[who].append(time.monotonic() - start)
        # Let the wait pass (a minute, as the clock in the database sees it).
        db.execute("UPDATE failed_login SET at = at - 60 "
                   "WHERE login IN ('kos.twin', 'kos.nobody')")
    assert [a[0] for a in known[:7]] == [401] * 5 + [429] * 2, known
    assert 401 in [a[0] for a in known[7:]] and 429 in [a[0] for a in known[7:]], known
    for k, u in zip(known, unknown):
        assert k[:2] == u[:2], (k, u)
        assert k[2] is None and u[2] is None or abs(k[2] - u[2]) <= 1, (k, u)
    # The same time too: an unknown login is checked against a dummy hash.
    assert statistics.median(times["kos.nobody"]) > 0.3 * statistics.median(times["kos.twin"])
    expect_error(ctx["srv"].api("POST", "/api/v1/login",
                                {"login": "x" * 65, "password": "whatever"}), 422,
                 field="login")


def burst(ctx, who, source, count=30):
    """count wrong passwords for who from source, all sent at once: their statuses."""
    start = threading.Barrier(count)
    statuses = [None] * count

    def attempt(i):
        start.wait()
        statuses[i] = login(ctx, who, "not the password", source)[0]

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(statuses)


def test_a_parallel_burst_gets_exactly_the_tries_allowed(ctx):
    # Thirty wrong passwords at once, eight answered at a time: exactly five are tried, as
    # one after another would be, whether or not the login exists.
    for who, source in (("kos.burst", "127.0.0.13"), ("kos.nobody.burst", "127.0.0.14")):
        statuses = burst(ctx, who, source)
        assert statuses == [401] * 5 + [429] * 25, (who, statuses)
        rows = ctx["db"].sql(f"SELECT count(*) FROM failed_login WHERE login = '{who}'")
        assert rows == [["5"]], (who, rows)
    # The owner at another desk is not held up, and her success leaves no failure behind.
    assert login(ctx, "kos.burst", source="127.0.0.15")[0] == 200
    rows = ctx["db"].sql("SELECT address FROM failed_login WHERE login = 'kos.burst'")
    assert rows == [["127.0.0.13"]] * 5, rows


def test_the_addresses_of_one_ipv6_64_count_as_one(ctx):
    # A host handed a /64 can take a new address for every guess: throttling counts the /64,
    # as the connection limits do. The session keeps the address itself.
    for i in range(5):
        assert login(ctx, "kos.roamer", "not the password", PROXY,
                     forwarded=f"2001:db8:7:7::{i + 1}")[0] == 401
    status, headers, body = login(ctx, "kos.roamer", source=PROXY,
                                  forwarded="2001:db8:7:7:ffff:1:2:3")
    assert status == 429 and int(headers["Retry-After"]) > 0, body
    assert failures_from(ctx, "kos.roamer") == ["2001:db8:7:7::/64"]
    assert login(ctx, "kos.roamer", source=PROXY, forwarded="2001:db8:7:8::1")[0] == 200
    rows = ctx["db"].sql("SELECT s.address FROM session s JOIN staff t ON t.id = s.staff_id "
                         "WHERE t.login = 'kos.roamer'")
    assert rows == [["2001:db8:7:8::1"]], rows
    rows = ctx["db"].sql("SELECT address FROM familiar_address WHERE login = 'kos.roamer'")
    assert rows == [["2001:db8:7:8::/64"]], rows
