"""Black-box test harness: a real `frontdesk serve` on a free loopback port, a scratch
database made with the real command line, and a tiny runner that counts results."""
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

BIN = os.path.abspath(os.environ.get("FRONTDESK_BIN", "build-asan/frontdesk"))
SANITIZER_ENV = {
    "ASAN_OPTIONS": "detect_leaks=1:halt_on_error=1:exitcode=23",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
}
SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:")


def env():
    e = dict(os.environ)
    e.update(SANITIZER_ENV)
    e.pop("FRONTDESK_DB", None)
    e.pop("FRONTDESK_LISTEN", None)
    e.pop("FRONTDESK_SMTP_URL", None)
    e.pop("FRONTDESK_SIGNING_KEY_FILE", None)
    return e


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


def check_sanitizers(text, what):
    if SANITIZER_REPORT.search(text):
        raise AssertionError(f"sanitizer report from {what}:\n{text[-4000:]}")


class PgCluster:
    """A PostgreSQL server of the tests' own: a scratch cluster on a free loopback port,
    started once for the run and stopped after it."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed (Debian package postgresql)")
        self.bin = os.path.dirname(bins[-1])
        self.dir = tempfile.mkdtemp(prefix="frontdesk-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.count = 0
        # The server refuses to run as root: it runs as the package's postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", self.data, "-U", "frontdesk", "--auth=trust",
                  "--no-sync", "--locale=C.UTF-8", "-E", "UTF8")
        self.start()

    def start(self):
        """Starts the server (again, after halt()) on the same port and data; returns once it
        takes connections."""
        self._run("pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.dir, "log"),
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c max_connections=200", "start")

    def halt(self):
        """Stops the server as an operator's `pg_ctl stop` would (fast: every session is
        ended), keeping its data for start()."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def _run(self, tool, *args):
        subprocess.run([*self.as_user, os.path.join(self.bin, tool), *args], check=True,
                       capture_output=True, text=True, timeout=120)

    def url(self, name):
        return f"postgresql://frontdesk@127.0.0.1:{self.port}/{name}"

    def new_database(self):
        self.count += 1
        name = f"t{self.count}"
        self.psql("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def psql(self, db, sql):
        p = subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", self.url(db), "-c",
                            sql], capture_output=True, text=True, timeout=60)
        if p.returncode:
            raise AssertionError(f"psql: {p.stderr}")
        return p.stdout

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class SmtpSink:
    """A real SMTP server the tests start (smtp_sink.py); messages() reads what it accepted.
    stop() and start() again keep the same port, as a mail server restarting would."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="frontdesk-smtp-")
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(__file__), "smtp_sink.py"),
             str(self.port), self.folder], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc.stdout.close()
            self.proc = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def messages(self):
        import email
        out = []
        for name in sorted(os.listdir(self.folder)):
            if name.endswith(".eml"):
                with open(os.path.join(self.folder, name), "rb") as f:
                    out.append(email.message_from_bytes(f.read()))
        return out

    def hang_up_after_next_message(self):
        """The next message is kept, but the connection closes where the 250 would be: the
        sender cannot tell it arrived (smtp_sink.py)."""
        open(os.path.join(self.folder, "hang-up-after-data"), "w").close()

    def wait_for(self, count, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            msgs = self.messages()
            if len(msgs) >= count:
                return msgs
            time.sleep(0.1)
        return self.messages()


class SipServer:
    """The tests' own library catalogue, a SIP2 server (sip2_acs.py, whose docstring lists its
    data and controls), on a free loopback port: in a thread of this process, or with
    process=True in a child process driven over its control port. tls=True serves TLS with a
    self-signed certificate made for the test (self.cert: the file a client trusts). Every
    control of sip2_acs.SipAcs is a method here too: sip.drop_now(), sip.received("65"), ...
    stop() and start() again keep the same port, as an ILS restarting would; close() when
    done. crlf=True: its answers end with CR LF, as Koha's do by default."""

    def __init__(self, data=None, charset="utf-8", tls=False, process=False, shuffle=False,
                 crlf=False):
        import sip2_acs
        self.mod = sip2_acs
        self.data, self.charset, self.process, self.shuffle_on = data, charset, process, shuffle
        self.crlf_on = crlf
        self.settings = None  # the [ils] settings the server says it wants
        self.host = "127.0.0.1"
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="frontdesk-sip-")
        self.cert = self.key = None
        if tls:
            self.cert, self.key = sip2_acs.self_signed_certificate(self.dir)
        self.acs = self.proc = self.control = None
        if not process:
            self.acs = sip2_acs.SipAcs(data, port=self.port, charset=charset,
                                       tls=(self.cert, self.key) if tls else None, crlf=crlf)
            self.acs.shuffle(shuffle)
        self.start()

    def start(self):
        """Listens (again). In a thread the same server goes on, its data, counters and log
        kept; a child process starts afresh."""
        if self.acs:
            self.acs.start()
            self.settings = self.acs.ils_settings()
            return
        tls = (self.cert, self.key) if self.cert else None
        args = [sys.executable, os.path.join(os.path.dirname(__file__), "sip2_acs.py"),
                "--port", str(self.port), "--charset", self.charset, "--quiet"]
        if tls:
            args += ["--tls", *tls]
        if self.shuffle_on:
            args.append("--shuffle")
        if self.crlf_on:
            args.append("--crlf")
        if self.data is not None:
            path = os.path.join(self.dir, "data.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(self.data, f)
            args += ["--data", path]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        first = self.proc.stdout.readline().split()
        assert first[:1] == ["ready"], f"sip2_acs.py did not start: {first}"
        # "ready PORT CONTROL host=... port=...": the [ils] settings it wants.
        self.settings = dict(word.split("=", 1) for word in first[3:])
        self.control = socket.create_connection(("127.0.0.1", int(first[2])), timeout=30)
        self.control_file = self.control.makefile("rw", encoding="utf-8")

    def stop(self):
        """Closes the port and every connection, as an ILS going down."""
        if self.acs:
            self.acs.stop()
        if self.proc:
            self.control_file.close()
            self.control.close()
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc.stdout.close()
            self.proc = None

    def ils_settings(self, location="KOS", **more):
        """The [ils] settings that talk to this server, as it gives them (login, institution,
        TLS with its certificate, its character set), with this desk's location code; more:
        other keys of the section (None: left out)."""
        out = {**self.settings, "location": location, **more}
        return {k: v for k, v in out.items() if v is not None}

    def ils_config(self, location="KOS", **more):
        """The [ils] section of a frontdesk.conf for it (ils_settings, written out), e.g.
        timeout_ms=500."""
        settings = self.ils_settings(location, **more)
        return "[ils]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())

    def close(self):
        """stop(), and the certificate's folder removed."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __getattr__(self, name):
        if name not in self.mod.CONTROLS:
            raise AttributeError(name)
        if self.acs:
            return getattr(self.acs, name)

        def call(*args):
            if not self.proc:
                raise AssertionError("the SIP2 server is stopped")
            self.control_file.write(json.dumps({"call": name, "args": list(args)}) + "\n")
            self.control_file.flush()
            out = json.loads(self.control_file.readline())
            if "error" in out:
                raise AssertionError(f"sip2_acs {name}: {out['error']}")
            return out["ok"]
        return call


BACKEND = "sqlite"   # or "postgresql", set by run.py
PG = None            # the PgCluster while BACKEND is postgresql


class Db:
    """A scratch database, SQLite or PostgreSQL as the run says, driven through the real
    command line."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="frontdesk-test-")
        # The environment of every process on this database. PostgreSQL has no default key
        # file (its nodes share one): the nodes of a test share this one.
        self.env = {}
        if BACKEND == "postgresql":
            self.url = PG.new_database()
            self.env["FRONTDESK_SIGNING_KEY_FILE"] = os.path.join(self.dir, "signing.key")
        else:
            self.url = "sqlite:" + os.path.join(self.dir, "frontdesk.db")

    @property
    def key_file(self):
        """The installation's signing key file, as the programs on this database find it."""
        return self.env.get("FRONTDESK_SIGNING_KEY_FILE") or self.url[len("sqlite:"):] + ".key"

    def sql(self, query):
        """Rows of a read-only query, as lists of strings: a look behind the program."""
        if BACKEND == "postgresql":
            out = PG.psql(self.url.rsplit("/", 1)[1], query)
            return [line.split("|") for line in out.splitlines()]
        con = sqlite3.connect(self.url[len("sqlite:"):])
        try:
            return [[str(v) for v in row] for row in con.execute(query)]
        finally:
            con.close()

    def execute(self, statement):
        """Changes the database behind the program's back, as an intruder would."""
        if BACKEND == "postgresql":
            PG.psql(self.url.rsplit("/", 1)[1], statement)
            return
        con = sqlite3.connect(self.url[len("sqlite:"):])
        try:
            con.execute(statement)
            con.commit()
        finally:
            con.close()

    def script(self, text):
        """Runs several statements behind the program's back (a schema of the past, say)."""
        if BACKEND == "postgresql":
            PG.psql(self.url.rsplit("/", 1)[1], text)
            return
        con = sqlite3.connect(self.url[len("sqlite:"):])
        try:
            con.executescript(text)
        finally:
            con.close()

    def snapshot(self):
        """Everything in the database, schema and rows, as text."""
        if BACKEND == "postgresql":
            p = subprocess.run([os.path.join(PG.bin, "pg_dump"), "--no-owner", self.url],
                               capture_output=True, text=True, timeout=60, check=True)
            # Newer pg_dump brackets its output with a random \restrict key: not content.
            return "\n".join(line for line in p.stdout.splitlines()
                             if not line.startswith(("\\restrict", "\\unrestrict")))
        con = sqlite3.connect(self.url[len("sqlite:"):])
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()

    def cli(self, *args, stdin=None, expect=0):
        p = subprocess.run([BIN, "--db", self.url, *args], input=stdin, capture_output=True,
                           text=True, env={**env(), **self.env}, cwd=self.dir, timeout=120)
        check_sanitizers(p.stderr, "frontdesk " + " ".join(args))
        if expect is not None and p.returncode != expect:
            raise AssertionError(f"frontdesk {' '.join(args)} exited {p.returncode}, "
                                 f"expected {expect}\nstdout: {p.stdout}\nstderr: {p.stderr}")
        return Result(p.returncode, p.stdout, p.stderr)

    def add_user(self, login, role, branch=None, password=None, service_start=None, email=None):
        args = ["user", "add", login, "--name", login.replace(".", " ").title(), "--role", role]
        if email:
            args += ["--email", email]
        if branch:
            args += ["--branch", branch]
        if service_start:
            args += ["--service-start", service_start]
        if password:
            args.append("--password-stdin")
        self.cli(*args, stdin=(password + "\n") if password else None)
        return self.cli("token", "create", login).out.strip()


def stop_server_and_mail(ctx):
    """A module's teardown when it started a server (ctx["srv"]) and a mail sink
    (ctx["smtp"]): the server must stop cleanly within 3 s; the sink stops either way."""
    try:
        assert ctx["srv"].stop() < 3
    finally:
        ctx["smtp"].stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db, config=None, smtp=None, extra_env=None):
        """config: the text of a frontdesk.conf to serve with; smtp: a SmtpSink to send to;
        extra_env: more environment for the server process."""
        self.db = db
        self.port = free_port()
        self.log = open(os.path.join(db.dir, "serve.log"), "w+")
        extra = []
        if config:
            path = os.path.join(db.dir, "serve.conf")
            with open(path, "w") as f:
                f.write(config)
            extra = ["--config", path]
        e = {**env(), **db.env}
        if smtp:
            e["FRONTDESK_SMTP_URL"] = smtp.url
            e["FRONTDESK_SMTP_FROM"] = "desk@mmrls.example"
        e.update(extra_env or {})
        self.proc = subprocess.Popen(
            [BIN, "--db", db.url, *extra, "serve", "--listen", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT, env=e, cwd=db.dir)
        deadline = time.time() + 30
        while True:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                raise AssertionError("server did not start:\n" + self.output())
            time.sleep(0.05)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None, conn=None):
        """Returns (status, headers as a message, raw body bytes)."""
        c = conn or self.connection()
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        if conn is None:
            c.close()
        return r.status, r.headers, data

    def api(self, method, path, body=None, token=None, cookie=None, csrf=None, headers=None):
        """Returns (status, parsed JSON or None)."""
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        if cookie:
            h["Cookie"] = cookie
        if csrf:
            h["X-CSRF-Token"] = csrf
        if body is not None:
            h.setdefault("Content-Type", "application/json")
        status, _, data = self.request(method, path, body, h)
        try:
            return status, json.loads(data) if data else None
        except ValueError:
            return status, data.decode(errors="replace")

    def browser(self, login, password, csrf_from=None):
        """Logs in through the login form as a browser does; returns the session's cookie
        header, or with csrf_from (a page's path) (cookie, the CSRF token of that page's
        forms)."""
        _, headers, body = self.request("GET", "/login")
        pre = headers["Set-Cookie"].split(";")[0]
        token = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
        form = urllib.parse.urlencode({"csrf": token, "login": login, "password": password})
        status, headers, _ = self.request("POST", "/login", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": pre})
        assert status == 303, f"logging in as {login}: {status}"
        cookie = [c for c in headers.get_all("Set-Cookie")
                  if "fd_session" in c][0].split(";")[0]
        if csrf_from is None:
            return cookie
        _, _, page = self.request("GET", csrf_from, headers={"Cookie": cookie})
        return cookie, re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()

    def wait_ils_up(self, timeout=40, state="up"):
        """Until /healthz says the catalogue answers (it reconnects by itself after a silence
        or a drop): tests that need its answers start with this. state="down": until a request
        left unanswered has run out of the catalogue's time, as the one before it will."""
        end = time.monotonic() + timeout
        body = None
        while time.monotonic() < end:
            status, body = self.api("GET", "/healthz")
            if status == 200 and body["ils"]["state"] == state:
                return
            time.sleep(0.05)
        raise AssertionError(f"the catalogue is not {state}: {body}")

    def stop(self):
        """SIGTERM; returns seconds to exit. Fails on a non-zero exit or a sanitizer report."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("serve did not stop within 30 s of SIGTERM")
        took = time.monotonic() - start
        out = self.output()
        self.log.close()
        check_sanitizers(out, "frontdesk serve")
        if rc != 0:
            raise AssertionError(f"serve exited {rc}:\n{out[-4000:]}")
        return took


def expect_error(status_body, status, code=None, field=None, rule=None):
    got_status, body = status_body
    assert got_status == status, f"expected {status}, got {got_status}: {body}"
    assert isinstance(body, dict) and "error" in body, f"not an error body: {body}"
    e = body["error"]
    assert e.get("message"), f"error without a message: {body}"
    if code:
        assert e["code"] == code, f"expected code {code}: {body}"
    if field:
        assert e.get("field") == field, f"expected field {field}: {body}"
    if rule:
        assert e.get("rule") == rule, f"expected rule {rule}: {body}"
    return e


def run(tests, module_setup=None, module_teardown=None, backend=""):
    """Runs the test functions in order, each given the shared context; prints a line each
    and returns (passed, failed)."""
    passed = failed = 0
    try:
        ctx = module_setup() if module_setup else None
    except Exception:
        name = tests[0].__module__
        print(f"FAIL [{backend}] {name}.setup: its {len(tests)} tests did not run\n" +
              traceback.format_exc(),
              flush=True)
        return 0, len(tests)
    try:
        for t in tests:
            try:
                t(ctx)
                passed += 1
                print(f"ok   [{backend}] {t.__module__}.{t.__name__}", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL [{backend}] {t.__module__}.{t.__name__}\n" + traceback.format_exc(),
                      flush=True)
    finally:
        if module_teardown:
            try:
                module_teardown(ctx)
                passed += 1
                print(f"ok   [{backend}] {tests[0].__module__}.clean_stop", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL [{backend}] {tests[0].__module__}.clean_stop\n" + traceback.format_exc(),
                      flush=True)
    return passed, failed
