"""A PostgreSQL restart under a desk's write load: while the server is down every
call is a clean 503 and /healthz says why; within 5 s of it coming back every kind of call
works again on the same frontdesk process, and no acknowledged walk-in is lost. A server
that stops answering holds no call longer than the statement bound, and a commit cut off
on its way is answered as of unknown outcome."""
import json
import os
import signal
import subprocess
import threading
import time

import harness
from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

BACKENDS = ("postgresql",)
PASSWORD = "restart test password"
BACK_WITHIN_S = 5
# The default [database] statement_timeout_ms (5 s), the second frontdesk waits beyond it
# for the server's own word, and a second of slack.
BOUND_S = 7
# What the driver says when a connection breaks: none of it may reach a caller.
DRIVER_WORDS = ("FATAL", "server closed", "could not", "libpq", "terminating connection",
                "no connection to the server", "Is the server running", "SQLSTATE", "127.0.0.1")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "token": db.add_user("kos.staff", "staff", "KOS")}
    db.add_user("kos.desk", "staff", "KOS", password=PASSWORD)
    db.add_user("director", "executive_director", "KOS", email="director@mmrls.example")
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["token"])[0] == 200
    status, headers, data = srv.request(
        "POST", "/api/v1/login", json.dumps({"login": "kos.desk", "password": PASSWORD}),
        {"Content-Type": "application/json"})
    assert status == 200, data
    ctx["cookie"] = headers["Set-Cookie"].split(";")[0]
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def no_driver_text(body, what):
    text = body if isinstance(body, str) else json.dumps(body)
    for word in DRIVER_WORDS + (str(harness.PG.port),):
        assert word not in text, f"{what} shows the driver's words ({word!r}): {text}"


def walk_in(srv, token, note=None):
    return srv.api("POST", "/api/v1/branches/KOS/visits",
                   {"channel": "in_person", **({"note": note} if note else {})}, token=token)


def desk_page(ctx):
    status, _, data = ctx["srv"].request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    return status, data.decode(errors="replace")


def open_stream(ctx):
    conn = ctx["srv"].connection()
    conn.request("GET", "/api/v1/branches/KOS/events",
                 headers={"Authorization": "Bearer " + ctx["token"]})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Content-Type"] == "text/event-stream"
    conn.sock.settimeout(1)
    return conn, resp


def next_event(resp, deadline):
    """(event name, data) of the next event on the stream, or None by the deadline."""
    event = None
    while time.monotonic() < deadline:
        try:
            line = resp.readline().decode()
        except TimeoutError:
            continue
        if not line:
            return None
        if line.startswith("event: "):
            event = line[7:].strip()
        elif line.startswith("data: ") and event:
            return event, line[6:].strip()
    return None


class Writer(threading.Thread):
    """A desk taking walk-ins as fast as it can: remembers each answer."""

    def __init__(self, srv, token):
        super().__init__(daemon=True)
        self.srv, self.token = srv, token
        self.acknowledged, self.refused, self.other = [], [], []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                status, body = walk_in(self.srv, self.token)
            except OSError as e:
                self.other.append(("no answer", str(e)))
                continue
            if status == 201:
                self.acknowledged.append(body["id"])
            elif status == 503:
                self.refused.append(body)
            else:
                self.other.append((status, body))
            time.sleep(0.01)


def test_healthz_says_what_it_checked(ctx):
    status, body = ctx["srv"].api("GET", "/healthz")
    assert status == 200, body
    assert body["status"] == "ok" and body["database"] == "ok", body
    assert body["backend"] == "postgresql" and body["schema_version"] >= 15, body
    assert body["live_events"] == "ok" and body["worker"] == "ok", body


def outage(ctx):
    """Checks what callers see while PostgreSQL is down."""
    srv = ctx["srv"]
    status, body = srv.api("GET", "/healthz")
    assert status == 503, (status, body)
    assert body["status"] == "unavailable", body
    assert body["database"] == "unreachable: connection refused", body
    no_driver_text(body, "/healthz")
    for what, answer in [("a bearer-token call", srv.api("GET", "/api/v1/me", token=ctx["token"])),
                         ("a write", walk_in(srv, ctx["token"]))]:
        e = expect_error(answer, 503, "unavailable")
        no_driver_text(answer[1], what)
        assert "try again" in e["message"], e
    status, page = desk_page(ctx)
    assert status == 503, (status, page)
    no_driver_text(page, "the desk page")


def recovered(ctx, back_at, conn, resp):
    """Every kind of call, within BACK_WITHIN_S of PostgreSQL taking connections again."""
    srv, deadline = ctx["srv"], back_at + BACK_WITHIN_S
    # The first call on a connection the restart broke finds it broken before it is sent and
    # makes it again: no retries are needed here.
    status, body = srv.api("GET", "/healthz")
    assert status == 200 and body["database"] == "ok", body
    status, body = srv.api("GET", "/api/v1/me", token=ctx["token"])
    assert status == 200 and body["login"] == "kos.staff", body
    status, page = desk_page(ctx)
    assert status == 200 and "Kosciusko" in page, (status, page[-500:])
    status, v = walk_in(srv, ctx["token"], note="after the restart")
    assert status == 201, v
    ctx["after"] = v["id"]
    # The live stream opened before the restart: told to refresh, then the new walk-in.
    seen = set()
    while not {"resync", v["id"]} <= seen:
        event = next_event(resp, deadline)
        assert event, f"the live stream got no resync or no new walk-in in time (saw {seen})"
        seen.add(event[0] if event[0] != "queue" else json.loads(event[1])["visit"])
    # A notice through the outbox worker, to the SMTP sink.
    status, c = srv.api("POST", "/api/v1/complaints", {"branch": "KOS",
                                                       "text": "the restart complaint"},
                        token=ctx["token"])
    assert status == 201, c
    status, c = srv.api("POST", f"/api/v1/complaints/{c['id']}/refer-director", {},
                        token=ctx["token"])
    assert status == 200, c
    while time.monotonic() < deadline:
        if any("the restart complaint" in m.get_payload() for m in ctx["smtp"].messages()):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the outbox mail did not reach the SMTP server in time")
    assert time.monotonic() <= deadline
    status, body = srv.api("GET", "/healthz")
    assert body["live_events"] == "ok" and body["worker"] == "ok", body


def test_a_restart_under_write_load_loses_no_acknowledged_walk_in(ctx):
    srv, pid = ctx["srv"], ctx["srv"].proc.pid
    conn, resp = open_stream(ctx)
    writer = Writer(srv, ctx["token"])
    halted = False
    try:
        writer.start()
        time.sleep(0.5)
        before = len(writer.acknowledged)
        assert before > 0, writer.other
        harness.PG.halt()
        halted = True
        outage(ctx)
        time.sleep(0.5)
        harness.PG.start()
        halted = False
        back_at = time.monotonic()
        recovered(ctx, back_at, conn, resp)
        time.sleep(0.3)
    finally:
        writer.stop.set()
        writer.join(timeout=30)
        conn.close()
        if halted:
            harness.PG.start()
    assert srv.proc.poll() is None and srv.proc.pid == pid, "frontdesk was restarted"
    assert not writer.other, writer.other[:5]
    assert writer.refused, "the writer never met the outage"
    for body in writer.refused:
        assert body["error"]["code"] == "unavailable", body
        no_driver_text(body, "a refused write")
    assert len(writer.acknowledged) > before, "no write was acknowledged after the restart"
    stored = {int(row[0]) for row in ctx["db"].sql("SELECT id FROM visit")}
    lost = sorted(set(writer.acknowledged) - stored)
    assert not lost, f"{len(lost)} acknowledged walk-ins are missing: {lost[:10]}"
    assert ctx["after"] in stored


def postgres_processes():
    """The test cluster's postmaster and its children (the sessions and helpers)."""
    with open(os.path.join(harness.PG.data, "postmaster.pid")) as f:
        main = int(f.readline())
    children = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == main:
            children.append(int(entry))
    return [main] + children


def signal_if_alive(pid, sig):
    """A session may end between the listing and the signal; the others must still get it,
    or the cluster stays frozen for every later test."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def test_healthz_does_not_hang_on_a_database_that_does_not_answer(ctx):
    # A server that takes the connection but never answers, as behind a network cut.
    frozen = postgres_processes()
    for pid in frozen:
        signal_if_alive(pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        status, body = ctx["srv"].api("GET", "/healthz")
        took = time.monotonic() - start
        assert status == 503, body
        assert body["database"] == "unreachable: no answer within 2000 ms", body
        assert took < 3, f"/healthz took {took:.1f} s"
    finally:
        for pid in frozen:
            signal_if_alive(pid, signal.SIGCONT)
    deadline = time.monotonic() + BACK_WITHIN_S
    while True:
        status, body = ctx["srv"].api("GET", "/healthz")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200 and body["database"] == "ok", body
    status, body = ctx["srv"].api("GET", "/api/v1/me", token=ctx["token"])
    assert status == 200, body


def frozen_postgres():
    """Stops every process of the cluster (SIGSTOP): the kernel still takes connections and
    data, nothing answers. Returns the function that thaws it."""
    frozen = postgres_processes()
    for pid in frozen:
        signal_if_alive(pid, signal.SIGSTOP)

    def thaw():
        for pid in frozen:
            signal_if_alive(pid, signal.SIGCONT)
    return thaw


def timed(call):
    """(seconds taken, status, headers, body as JSON) of call(), which returns what
    Server.request does; status is the exception when there was no answer."""
    start = time.monotonic()
    try:
        status, headers, data = call()
    except OSError as e:
        return time.monotonic() - start, e, {}, None
    return time.monotonic() - start, status, headers, json.loads(data) if data else None


def test_a_server_that_stops_answering_holds_no_call_past_the_bound(ctx):
    srv, token = ctx["srv"], ctx["token"]
    bearer = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    calls = {
        "a write": lambda: srv.request("POST", "/api/v1/branches/KOS/visits",
                                       json.dumps({"channel": "in_person"}), bearer),
        "a token call": lambda: srv.request("GET", "/api/v1/me", headers=bearer),
    }
    answers, healthz = {}, []
    thaw = frozen_postgres()
    try:
        # Calls wait on the silent server, each holding a server thread; /healthz, asked
        # meanwhile, is answered by a free thread, or as soon as one is free.
        workers = [threading.Thread(target=lambda w=w: answers.__setitem__(w, timed(calls[w])))
                   for w in calls]
        for w in workers:
            w.start()
        time.sleep(0.5)
        while any(w.is_alive() for w in workers):
            healthz.append(timed(lambda: srv.request("GET", "/healthz")))
        for w in workers:
            w.join()
        assert answers.keys() == calls.keys(), answers
        for what, (took, status, headers, body) in answers.items():
            assert took < BOUND_S, f"{what} took {took:.1f} s"
            e = expect_error((status, body), 503, "unavailable")
            assert "try again" in e["message"] and "outcome" not in e, e
            assert headers["Retry-After"] == "2", (what, dict(headers))
            no_driver_text(body, what)
        for took, status, _, body in healthz:
            assert took < BOUND_S and status == 503, (took, body)
            assert body["database"].startswith("unreachable: "), body
        # Later calls are refused without waiting the bound again, and the worker's own
        # look at the database (every 2 s) sees it gone.
        took, status, _, body = timed(calls["a write"])
        assert status == 503 and took < BOUND_S, (took, body)
        deadline = time.monotonic() + BOUND_S
        while time.monotonic() < deadline:
            took, status, _, body = timed(lambda: srv.request("GET", "/healthz"))
            assert status == 503 and took < BOUND_S, (took, body)
            if body["worker"] == "waiting for the database":
                break
        assert body["worker"] == "waiting for the database", body
    finally:
        thaw()
    deadline = time.monotonic() + BACK_WITHIN_S
    while True:
        status, body = srv.api("GET", "/healthz")
        if (status == 200 and body["worker"] == "ok") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200 and body["database"] == "ok" and body["worker"] == "ok", body
    assert srv.api("GET", "/api/v1/me", token=token)[0] == 200
    status, v = walk_in(srv, token, note="after the freeze")
    assert status == 201, v


CUT_AT_COMMIT = """
CREATE FUNCTION cut_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The session ends itself at COMMIT, as a crash or a network cut there would.
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER cut_at_commit AFTER INSERT ON visit DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.note = 'cut at commit') EXECUTE FUNCTION cut_at_commit();
"""


def test_a_commit_cut_off_is_of_unknown_outcome_and_not_to_be_repeated(ctx):
    srv, db = ctx["srv"], ctx["db"]
    db.script(CUT_AT_COMMIT)
    try:
        status, headers, data = srv.request(
            "POST", "/api/v1/branches/KOS/visits",
            json.dumps({"channel": "in_person", "note": "cut at commit"}),
            {"Authorization": "Bearer " + ctx["token"], "Content-Type": "application/json"})
        body = json.loads(data)
        e = expect_error((status, body), 503, "unavailable")
        assert e.get("outcome") == "unknown", body
        assert "Retry-After" not in headers, dict(headers)
        assert "check whether it was made" in e["message"], e
        no_driver_text(body, "a commit cut off")
    finally:
        db.script("DROP TRIGGER cut_at_commit ON visit; DROP FUNCTION cut_at_commit();")
    # The connection it took is made again for the next call.
    status, v = walk_in(srv, ctx["token"], note="after the cut")
    assert status == 201, v


def test_a_slow_statement_is_cancelled_by_the_server_within_statement_timeout_ms(ctx):
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    token = db.add_user("kos.staff", "staff", "KOS")
    srv = Server(db, config="[database]\nstatement_timeout_ms = 1000\n")
    try:
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)[0] == 200
        # Another session holds the visit table for 4 s.
        holder = subprocess.Popen(
            ["psql", "-X", "-q", db.url, "-c",
             "BEGIN; LOCK TABLE visit; SELECT pg_sleep(4); COMMIT;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 5
        while not db.sql("SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                         "WHERE c.relname = 'visit' AND l.mode = 'AccessExclusiveLock'"):
            assert time.monotonic() < deadline, "the lock was not taken"
            time.sleep(0.05)
        start = time.monotonic()
        status, v = walk_in(srv, token, note="behind a lock")
        took = time.monotonic() - start
        e = expect_error((status, v), 503, "unavailable")
        assert "took too long" in e["message"] and "outcome" not in e, e
        assert 0.9 < took < 3, f"the walk-in took {took:.1f} s"
        no_driver_text(v, "a cancelled statement")
        holder.wait(timeout=10)
        # The server cancelled the statement and kept the connection.
        status, v = walk_in(srv, token, note="after the lock")
        assert status == 201, v
        assert "connection lost" not in srv.output()
    finally:
        srv.stop()


def test_healthz_names_a_database_that_is_gone(ctx):
    # The server's refusal carries its SQLSTATE (3D000), which /healthz reads rather than
    # libpq's English.
    db = Db()
    db.cli("init")
    srv = Server(db)
    try:
        harness.PG.psql("postgres", f"DROP DATABASE {db.url.rsplit('/', 1)[1]} WITH (FORCE)")
        status, body = srv.api("GET", "/healthz")
        assert status == 503, body
        assert body["database"] == "unreachable: no such database", body
        no_driver_text(body, "/healthz")
    finally:
        srv.stop()
