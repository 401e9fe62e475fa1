"""Power loss under load, shared by test_power_loss.py (a few cuts) and bench/power_loss.py
(many): `frontdesk serve` on SQLite runs on a disk whose power fails at a chosen change
(power_cut.so, preloaded), desks keep registering walk-ins and customers and reading records
until it does, and the database is then reopened with frontdesk and checked."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import harness
from harness import Db, Server

SHIM = os.path.join(os.path.dirname(harness.BIN), "power_cut.so")
CUT_STATUS = 86  # power_cut.c's POWER_CUT_STATUS
CUT_LINE = re.compile(r"power cut at change (\d+): (\d+) unsynced bytes lost in (\d+) files, "
                      r"(\d+) names undone")
NO_CUT_LINE = re.compile(r"power cut: none in (\d+) changes")
DESKS = 4


class Desk:
    """A scratch SQLite database with one branch open round the clock, a desk clerk on duty,
    and everything the desks were told was done: it must all survive every cut."""

    def __init__(self):
        self.db = Db()
        self.path = self.db.url[len("sqlite:"):]
        self.db.cli("init")
        self.db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours",
                    "mon-sun 00:00-24:00")
        self.token = self.db.add_user("kos.staff", "staff", "KOS")
        srv = Server(self.db)
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=self.token)[0] == 200
        srv.stop()
        self.logs = tempfile.mkdtemp(prefix="frontdesk-power-")
        self.visits = set()     # ids of walk-ins answered 201
        self.customers = set()  # cards answered 201
        self.reads = {}         # card: reads answered 200, each of which the audit log holds
        self.refused = []       # answers that were neither done nor cut short
        self.serial = 0
        self.lock = threading.Lock()

    def remove(self):
        shutil.rmtree(self.db.dir, ignore_errors=True)
        shutil.rmtree(self.logs, ignore_errors=True)

    def next_card(self):
        with self.lock:
            self.serial += 1
            return f"P{os.getpid()}X{self.serial}"


class Round:
    """One run of serve on the failing disk, and what the checks after it found."""

    def __init__(self):
        self.cut = False          # the power failed (not a normal stop)
        self.changes = 0          # the change it failed at, or the changes made without a cut
        self.discarded_bytes = 0  # unsynced bytes the cut threw away
        self.files = 0            # files of the database the disk saw
        self.answered = 0         # writes answered as done in this round
        self.lost = []            # of everything ever answered, what is missing
        self.integrity = ""       # PRAGMA integrity_check's answer
        self.audit_ok = False
        self.output = ""


def shim_env(folder):
    """The environment of a process whose files in folder are on the failing disk."""
    assert os.path.exists(SHIM), f"{SHIM} is not built (ninja -C the build directory)"
    env = harness.env()
    env["ASAN_OPTIONS"] = harness.SANITIZER_ENV["ASAN_OPTIONS"] + ":verify_asan_link_order=0"
    env["LD_PRELOAD"] = SHIM
    env["FRONTDESK_POWER_DIR"] = folder
    return env


def cli_then_cut(db, folder, *args):
    """Runs `frontdesk ARGS` with folder on the failing disk, whose power fails as the
    command ends: what it said it did must be on disk by then. Returns its stdout."""
    os.sync()
    env = shim_env(folder)
    env["FRONTDESK_POWER_CUT_AT_EXIT"] = "1"
    p = subprocess.run([harness.BIN, "--db", db.url, *args], capture_output=True, text=True,
                       env=env, timeout=120)
    harness.check_sanitizers(p.stderr, "frontdesk " + " ".join(args))
    assert p.returncode == CUT_STATUS and CUT_LINE.search(p.stderr), (p.returncode, p.stderr)
    assert "power_cut:" not in p.stderr, p.stderr
    return p.stdout


def _serve(desk, log, cut_after=None, torn_seed=None, lying=False):
    env = shim_env(desk.db.dir)
    if cut_after:
        env["FRONTDESK_POWER_CUT_AFTER"] = str(cut_after)
    if torn_seed is not None:
        env["FRONTDESK_POWER_TORN"] = str(torn_seed)
    if lying:
        env["FRONTDESK_POWER_LYING_DISK"] = "1"
    port = harness.free_port()
    proc = subprocess.Popen([harness.BIN, "--db", desk.db.url, "serve", "--listen",
                             f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                            env=env, cwd=desk.logs)
    deadline = time.time() + 30
    while proc.poll() is None and time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc, port
        except OSError:
            pass
        time.sleep(0.02)
    return proc, None  # the power failed while it started (or it never did)


def _ask(desk, conn, method, path, body, want):
    """The answer's body when it is `want`; None (and noted) when it is anything else."""
    headers = {"Authorization": "Bearer " + desk.token, "Content-Type": "application/json"}
    conn.request(method, path, json.dumps(body) if body else None, headers)
    r = conn.getresponse()
    data = r.read()
    if r.status == want:
        return json.loads(data)
    with desk.lock:
        desk.refused.append(f"{method} {path}: {r.status} {data[:200]!r}")
    return None


def _desk(desk, port, stop, budget, answered):
    """One desk's work until the server stops answering: mostly walk-ins, now and then a new
    customer, and a look at a customer's record (a read the audit log must keep)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    mine = []
    try:
        n = 0
        while not stop.is_set():
            with desk.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            n += 1
            if n % 5 == 0:
                card = desk.next_card()
                done = _ask(desk, conn, "POST", "/api/v1/customers",
                            {"card": card, "name": "Power Cut"}, 201)
                if done:
                    mine.append(card)
                    with desk.lock:
                        desk.customers.add(card)
            elif n % 5 == 3 and mine:
                card = mine[-1]
                done = _ask(desk, conn, "GET", f"/api/v1/customers/{card}", None, 200)
                if done:
                    with desk.lock:
                        desk.reads[card] = desk.reads.get(card, 0) + 1
            else:
                done = _ask(desk, conn, "POST", "/api/v1/branches/KOS/visits",
                            {"channel": "in_person"}, 201)
                if done:
                    with desk.lock:
                        desk.visits.add(done["id"])
            if done:
                with desk.lock:
                    answered[0] += 1
    except (OSError, http.client.HTTPException):
        stop.set()  # the power failed: the server is gone
    finally:
        conn.close()


def _load(desk, port, requests):
    stop = threading.Event()
    budget, answered = [requests], [0]
    threads = [threading.Thread(target=_desk, args=(desk, port, stop, budget, answered))
               for _ in range(DESKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answered[0]


def _check(desk, rnd):
    """Reopens the database with frontdesk, then looks at it with SQLite's own tools."""
    p = desk.db.cli("audit", "verify", expect=None)
    rnd.audit_ok = p.code == 0 and "intact" in p.out
    rnd.output += p.out + p.err
    q = subprocess.run(["sqlite3", desk.path, "PRAGMA integrity_check"], capture_output=True,
                       text=True, timeout=120)
    rnd.integrity = (q.stdout + q.stderr).strip()
    visits = {int(r[0]) for r in desk.db.sql("SELECT id FROM visit")}
    cards = {r[0] for r in desk.db.sql("SELECT card FROM customer")}
    audit = {(r[0], r[1]): int(r[2]) for r in desk.db.sql(
        "SELECT object_key, action, count(*) FROM audit_log WHERE object_kind = 'customer' "
        "GROUP BY object_key, action")}
    rnd.lost = [f"walk-in {v}" for v in sorted(desk.visits - visits)]
    rnd.lost += [f"customer {c}" for c in sorted(desk.customers - cards)]
    rnd.lost += [f"the audit entry of customer {c}'s registration" for c in sorted(desk.customers)
                 if audit.get((c, "create"), 0) < 1]
    rnd.lost += [f"{n - audit.get((c, 'read'), 0)} audit entries of reads of customer {c}"
                 for c, n in sorted(desk.reads.items()) if audit.get((c, "read"), 0) < n]


def run(desk, cut_after=None, requests=100000, torn_seed=None, lying=False):
    """Serves on the failing disk with the power failing at change cut_after (never when
    None: then `requests` requests are made and serve is stopped), then checks."""
    os.sync()  # what earlier processes wrote is on disk: the failing disk starts from there
    rnd = Round()
    log_path = os.path.join(desk.logs, "serve.log")
    with open(log_path, "w+") as log:
        proc, port = _serve(desk, log, cut_after, torn_seed, lying)
        if port:
            rnd.answered = _load(desk, port, requests)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("serve neither lost power nor stopped")
        log.seek(0)
        rnd.output = log.read()
    harness.check_sanitizers(rnd.output, "frontdesk serve on the failing disk")
    # "power_cut: ..." is the disk's own trouble: a thread that would not stop, a file it
    # could not put back. Then the cut was not the one described.
    assert "power_cut:" not in rnd.output, rnd.output[-4000:]
    m = CUT_LINE.search(rnd.output)
    if m:
        rnd.cut = True
        rnd.changes, rnd.discarded_bytes, rnd.files = (int(m.group(i)) for i in (1, 2, 3))
        assert code == CUT_STATUS, (code, rnd.output[-4000:])
    else:
        m = NO_CUT_LINE.search(rnd.output)
        assert m and code == 0, f"serve exited {code} without a power cut:\n" + \
            rnd.output[-4000:]
        rnd.changes = int(m.group(1))
    _check(desk, rnd)
    return rnd


def calibrate(desk, requests):
    """The changes serve makes to the disk in starting and answering `requests` requests."""
    rnd = run(desk, None, requests)
    assert not rnd.lost and rnd.integrity == "ok" and rnd.audit_ok, vars(rnd)
    return rnd.changes
