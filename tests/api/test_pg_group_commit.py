"""Group commit on PostgreSQL: serve's writes commit with synchronous_commit off and one flush
of the server's WAL covers many, yet a 201 still means the walk-in survives the server being
killed right after it (pg_ctl stop -m immediate), and a write whose flush could not be made
on the same server is answered as of unknown outcome, never 201."""
import copy
import glob
import os
import signal
import subprocess
import threading
import time

import harness
from harness import Db, Server

BACKENDS = ("postgresql",)


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "token": db.add_user("kos.staff", "staff", "KOS")}
    ctx["srv"] = Server(db)
    assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["token"])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def walk_in(ctx, note):
    return ctx["srv"].api("POST", "/api/v1/branches/KOS/visits",
                          {"channel": "in_person", "note": note}, token=ctx["token"])


def server_pids(title):
    """This cluster's processes whose title starts with title ("postgres: walwriter"): the
    children of the tests' own postmaster, never another server's on the machine."""
    with open(os.path.join(harness.PG.data, "postmaster.pid")) as f:
        postmaster = int(f.readline())
    pids = []
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        pid = int(cmdline.split("/")[2])
        try:
            with open(cmdline, "rb") as f:
                text = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if text.startswith(title) and parent == postmaster:
            pids.append(pid)
    return pids


def stop_immediately():
    """pg_ctl stop -m immediate: every process of the server ends at once, writing nothing
    more; what was only in its shared WAL buffers is gone."""
    harness.PG._run("pg_ctl", "-D", harness.PG.data, "-m", "immediate", "-w", "stop")


def visits_with(ctx, notes):
    quoted = ",".join("'" + n + "'" for n in notes)
    return {row[0] for row in ctx["db"].sql(f"SELECT note FROM visit WHERE note IN ({quoted})")}


def test_walk_ins_commit_asynchronously_but_answer_after_a_flush(ctx):
    # The write itself commits without its own flush; the flush is one synchronous commit.
    before = ctx["db"].sql("SELECT pg_current_wal_flush_lsn()")[0][0]
    status, body = walk_in(ctx, "flushed")
    assert status == 201, body
    rows = ctx["db"].sql("SELECT pg_current_wal_flush_lsn() > CAST('%s' AS pg_lsn)" % before)
    assert rows == [["t"]], "the 201 went out before the WAL was flushed past the walk-in"


def test_acknowledged_walk_ins_survive_an_immediate_stop(ctx):
    # With the server's WAL writer held still, nothing but a synchronous commit writes the
    # WAL out: a walk-in answered 201 without its flush would be lost by the stop below.
    walwriters = server_pids("postgres: walwriter")
    assert walwriters, "no WAL writer process found"
    acked, errors = [], []
    try:
        for pid in walwriters:
            os.kill(pid, signal.SIGSTOP)

        def desk(n):
            for i in range(4):
                note = f"kept {n}.{i}"
                status, body = walk_in(ctx, note)
                (acked if status == 201 else errors).append((note, status, body))

        threads = [threading.Thread(target=desk, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        # Killed before it could write anything: the immediate stop ends it unwritten.
        for pid in walwriters:
            os.kill(pid, signal.SIGKILL)
        stop_immediately()
    finally:
        for pid in walwriters:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
    harness.PG.start()
    notes = [a[0] for a in acked]
    missing = set(notes) - visits_with(ctx, notes)
    assert not missing, f"answered 201 but gone after the server was stopped: {sorted(missing)}"
    # And the same frontdesk process takes walk-ins again.
    deadline = time.monotonic() + 10
    while walk_in(ctx, "after")[0] != 201:
        assert time.monotonic() < deadline, "no walk-in taken after the server came back"
        time.sleep(0.2)


def test_a_write_whose_flush_was_cut_off_is_not_acknowledged(ctx):
    # The flush connection's server process is held still, so the walk-in's flush hangs
    # there; the server is then killed with the walk-in's commit unwritten.
    assert walk_in(ctx, "opens the flush connection")[0] == 201
    flushers = [int(r[0]) for r in ctx["db"].sql(
        "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_logical_emit_message%' "
        "AND pid <> pg_backend_pid()")]
    assert flushers, "no flush connection found"
    walwriters = server_pids("postgres: walwriter")
    answer = {}
    stopped = flushers + walwriters
    try:
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        t = threading.Thread(target=lambda: answer.update(r=walk_in(ctx, "cut off")))
        t.start()
        time.sleep(1)
        assert not answer, f"answered before its flush: {answer}"
        for pid in stopped:
            os.kill(pid, signal.SIGKILL)
        stop_immediately()
        t.join(30)
    finally:
        for pid in stopped:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
    harness.PG.start()
    status, body = answer["r"]
    assert status != 201, "a walk-in whose flush never ran was acknowledged"
    # As a COMMIT cut off on its way: unavailable, of unknown outcome, not to be repeated blindly.
    assert status == 503, (status, body)
    assert body["error"]["code"] == "unavailable" and body["error"]["outcome"] == "unknown", body
    assert "check whether it was made" in body["error"]["message"], body
    present = visits_with(ctx, ["cut off"])
    assert not present or status != 201
    deadline = time.monotonic() + 10
    while walk_in(ctx, "after the cut")[0] != 201:
        assert time.monotonic() < deadline, "no walk-in taken after the server came back"
        time.sleep(0.2)


def test_a_dropped_idle_flush_connection_is_made_again_before_the_next_write(ctx):
    # An idle timeout, a proxy or a firewall drops the idle flush connection: it is made
    # again while nothing waits, so the next walk-in is confirmed, not of unknown outcome.
    assert walk_in(ctx, "before the drop")[0] == 201
    dropped = ctx["db"].sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE "
        "'%pg_logical_emit_message%' AND pid <> pg_backend_pid()")
    assert dropped and all(r[0] == "t" for r in dropped), dropped
    time.sleep(2.5)
    assert ctx["srv"].proc.poll() is None, ctx["srv"].output()
    status, body = walk_in(ctx, "after the drop")
    assert status == 201, (status, body)
    assert visits_with(ctx, ["after the drop"]) == {"after the drop"}


def database_setting(ctx, setting):
    """ALTER DATABASE ... SET setting for the next servers' connections."""
    name = ctx["db"].sql("SELECT current_database()")[0][0]
    ctx["db"].sql(f'ALTER DATABASE "{name}" {setting}')


def test_serve_warns_when_synchronous_commit_is_off(ctx):
    database_setting(ctx, "SET synchronous_commit = off")
    try:
        srv = Server(ctx["db"])
        try:
            assert "synchronous_commit is off" in srv.output(), srv.output()
        finally:
            srv.stop()
    finally:
        database_setting(ctx, "RESET synchronous_commit")
    srv = Server(ctx["db"])
    try:
        assert "synchronous_commit" not in srv.output(), srv.output()
    finally:
        srv.stop()


def test_serve_refuses_to_start_when_its_flush_is_not_allowed(ctx):
    # A role that may not run the flush could never confirm a write: serve says so at start
    # instead of answering every write 503.
    db = ctx["db"]
    role = "clerk_group_commit"
    db.sql(f"CREATE ROLE {role} LOGIN")
    flush = "FUNCTION pg_logical_emit_message(boolean, text, text)"
    try:
        for grant in ("ALL ON SCHEMA public", "ALL ON ALL TABLES IN SCHEMA public",
                      "ALL ON ALL SEQUENCES IN SCHEMA public"):
            db.sql(f"GRANT {grant} TO {role}")
        db.sql(f"REVOKE EXECUTE ON {flush} FROM PUBLIC")
        as_clerk = copy.copy(db)
        as_clerk.url = db.url.replace("//frontdesk@", f"//{role}@")
        refused = ""
        try:
            Server(as_clerk).stop()
        except AssertionError as e:
            refused = str(e)
        assert "cannot confirm writes" in refused, "serve started though it cannot run its flush"
        assert "pg_logical_emit_message" in refused, refused
        # Allowed the flush, the same role serves.
        db.sql(f"GRANT EXECUTE ON {flush} TO {role}")
        srv = Server(as_clerk)
        assert srv.stop() < 3
    finally:
        db.sql(f"GRANT EXECUTE ON {flush} TO PUBLIC")
        db.sql(f"DROP OWNED BY {role}")
        db.sql(f"DROP ROLE {role}")
