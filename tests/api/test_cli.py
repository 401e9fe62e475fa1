"""The command line per docs/api.md: help at every level, exit codes, init is idempotent,
passwords from stdin, the demo, and a clean stop on SIGTERM."""
import os
import subprocess
import time

from harness import BIN, Db, Server, env


def setup():
    db = Db()
    return {"db": db}


def test_version_and_help_at_every_level(ctx):
    db = ctx["db"]
    assert db.cli("--version").out.startswith("frontdesk ")
    assert "usage: frontdesk" in db.cli("--help").out
    for cmd in (["init"], ["demo"], ["serve"], ["branch", "add"], ["branch", "set"],
                ["branch", "list"], ["user", "add"], ["user", "list"], ["user", "deactivate"],
                ["token", "create"], ["branch"], ["user"], ["token"]):
        out = db.cli(*cmd, "--help").out
        assert "usage: frontdesk" in out, cmd


def test_usage_errors_exit_2(ctx):
    db = ctx["db"]
    assert "unknown command" in db.cli("frobnicate", expect=2).err
    db.cli("init", "--bogus", expect=2)
    db.cli("branch", "add", expect=2)
    db.cli("user", "add", "x", expect=2)
    db.cli(expect=2)


def test_commands_refuse_an_uninitialised_database(ctx):
    db = ctx["db"]
    for cmd in (["branch", "list"], ["branch", "add", "KOS", "--name", "Kosciusko"],
                ["audit", "verify"], ["serve"]):
        r = db.cli(*cmd, expect=1)
        assert "has no frontdesk schema: run 'frontdesk init' first" in r.err, (cmd, r.err)
    # Only init and demo make the database: the refusals above left no empty file behind.
    if db.url.startswith("sqlite:"):
        path = db.url[len("sqlite:"):]
        assert not os.path.exists(path), os.listdir(os.path.dirname(path))


def test_init_twice_changes_nothing(ctx):
    db = ctx["db"]
    db.cli("init")
    first = db.snapshot()
    r = db.cli("init")
    assert "already up to date" in r.out
    assert db.snapshot() == first


def test_init_run_at_once_by_two_nodes_migrates_once(ctx):
    fresh = Db()
    procs = [subprocess.Popen([BIN, "--db", fresh.url, "init"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env()) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    migrations = len(os.listdir(os.path.join(os.path.dirname(__file__), "..", "..", "src",
                                              "store", "schema", "sqlite")))
    assert fresh.sql("SELECT count(*) FROM schema_migration") == [[str(migrations)]]


def test_branch_and_user_add(ctx):
    db = ctx["db"]
    db.cli("branch", "add", "LEX", "--name", "Lexington", "--hours", "mon-fri 09:00-17:30")
    assert "LEX" in db.cli("branch", "list").out
    r = db.cli("branch", "add", "BAD", "--name", "Bad", "--tz", "Nowhere/Here", expect=1)
    assert "frontdesk: Nowhere/Here is not a time zone" in r.err, r.err
    r = db.cli("user", "add", "lex.x", "--name", "X", "--role", "wizard", "--branch", "LEX",
               expect=1)
    assert "unknown role" in r.err and "role" in r.err
    db.cli("user", "add", "lex.mgr", "--name", "Gloria Hampton", "--role", "branch_manager",
           "--branch", "LEX", "--password-stdin", stdin="a long enough password\n")
    r = db.cli("user", "add", "lex.short", "--name", "S", "--role", "staff", "--branch", "LEX",
               "--password-stdin", stdin="short\n", expect=1)
    assert "password" in r.err
    out = db.cli("user", "list", "--branch", "LEX").out
    assert "lex.mgr" in out and "lex.x" not in out and "lex.short" not in out


def test_errors_name_the_field_once(ctx):
    db = ctx["db"]
    # The message names the branch already: no "branch: " before it.
    r = db.cli("user", "add", "lex.nb", "--name", "N", "--role", "staff", "--branch", "HQ",
               expect=1)
    assert r.err == "frontdesk: no branch HQ\n", r.err
    if db.url.startswith("sqlite:"):
        taken = os.path.join(db.dir, "taken.db")
        open(taken, "w").close()
        r = db.cli("backup", taken, expect=1)
        assert r.err.startswith(f"frontdesk: the file {taken} exists already"), r.err


def test_password_from_stdin_logs_in(ctx):
    srv = Server(ctx["db"])
    try:
        status, body = srv.api("POST", "/api/v1/login", {"login": "lex.mgr",
                                                         "password": "a long enough password"})
        assert status == 200, body
    finally:
        assert srv.stop() < 3


def test_deactivate_and_token(ctx):
    db = ctx["db"]
    assert len(db.cli("token", "create", "lex.mgr").out.strip()) == 43
    db.cli("user", "deactivate", "lex.mgr")
    assert "inactive" in db.cli("user", "list").out
    assert "deactivated" in db.cli("token", "create", "lex.mgr", expect=1).err
    db.cli("token", "create", "nobody", expect=1)


def test_db_from_environment_and_config_file(ctx):
    db = ctx["db"]
    e = env()
    e["FRONTDESK_DB"] = db.url
    p = subprocess.run([BIN, "branch", "list"], capture_output=True, text=True, env=e,
                       cwd="/")
    assert p.returncode == 0 and "LEX" in p.stdout, p.stderr
    conf = os.path.join(db.dir, "site.conf")
    with open(conf, "w") as f:
        f.write(f"[database]\nurl = {db.url}\n")
    p = subprocess.run([BIN, "--config", conf, "branch", "list"], capture_output=True,
                       text=True, env=env(), cwd="/")
    assert p.returncode == 0 and "LEX" in p.stdout, p.stderr
    with open(conf, "w") as f:
        f.write("[database]\nurl = x\ncolour = blue\n")
    p = subprocess.run([BIN, "--config", conf, "branch", "list"], capture_output=True,
                       text=True, env=env(), cwd="/")
    assert p.returncode == 1 and "colour" in p.stderr


def test_demo_loads_once_and_prints_logins(ctx):
    demo = Db()
    r = demo.cli("demo")
    assert "director" in r.out and "frontdesk-demo" in r.out
    # People read the list: roles and branches in words, in columns, not codes.
    rows = [line for line in r.out.splitlines() if line.startswith("  kos.")]
    assert "  kos.assistant   Assistant Librarian  " in rows[1], rows
    assert all("Kosciusko-Attala Library" in row for row in rows), rows
    assert len({row.index("Kosciusko") for row in rows}) == 1, rows
    assert "_" not in r.out.split("Demo logins")[1], r.out
    assert "KOS" in demo.cli("branch", "list").out
    r = demo.cli("demo", expect=1)
    assert "already" in r.err
    r = demo.cli("demo", "--if-new")
    assert "not loaded again" in r.out and "director" in r.out
    srv = Server(demo)
    try:
        status, body = srv.api("POST", "/api/v1/login", {"login": "kos.manager",
                                                         "password": "frontdesk-demo"})
        assert status == 200, body
        token = demo.cli("token", "create", "director").out.strip()
        status, body = srv.api("GET", "/api/v1/branches/LEX/in-charge", token=token)
        assert body["level"] == "substitute" and body["must_contact_hq"] is True, body
        # Four weeks of made-up past give the dashboards figures, and nobody waits today.
        status, r = srv.api("GET", "/api/v1/reports/service", token=token)
        assert status == 200 and r["served"] > 100 and len(r["branches"]) == 6, r["served"]
        assert all(b["served"] > 0 for b in r["branches"]) and r["wait_to_service_s"]["median"]
        # Only the living branch has anyone in the line today.
        status, q = srv.api("GET", "/api/v1/branches/CAR/queue", token=token)
        assert status == 200 and q["waiting"] == [] and q["callbacks"] == [], q
    finally:
        assert srv.stop() < 3


def test_serve_stops_within_3s_of_sigterm_with_a_request_in_flight(ctx):
    srv = Server(ctx["db"])
    conn = srv.connection()
    # A request whose body is still arriving when the signal comes.
    conn.putrequest("POST", "/api/v1/login")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", "60")
    conn.endheaders()
    conn.send(b'{"login":')
    time.sleep(0.2)
    took = srv.stop()
    conn.close()
    assert took < 3, f"took {took:.2f} s"


def test_serve_refuses_a_bad_listen_address(ctx):
    r = ctx["db"].cli("serve", "--listen", "nonsense", expect=1)
    assert "listen" in r.err


def test_a_refused_database_connection_is_said_in_plain_words(ctx):
    db = ctx["db"]
    if not db.url.startswith("postgresql:"):
        return
    # libpq's "FATAL:  28000: role ... does not exist" stays out of what the operator reads.
    base, name = db.url.rsplit("/", 1)
    nobody = base.replace("frontdesk@", "nobody@", 1) + "/" + name
    for url, why in ((nobody, "authentication failed"),
                     (base + "/no_such_db", "no such database")):
        for cmd in (["audit", "verify"], ["serve"]):
            r = db.cli("--db", url, *cmd, expect=1)
            assert r.err == f"frontdesk: cannot connect to the database: {why}\n", (cmd, r.err)


def test_demo_opens_a_living_morning_at_kosciusko_whatever_the_day(ctx):
    """A newcomer's `make run`, on whatever day and hour the test runs: Kosciusko is open with
    the suggested logins on duty, people in the line, and work waiting on people's desks."""
    demo = Db()
    r = demo.cli("demo", "--if-new")
    assert r.out.endswith("\n\n"), "the login list must not run into the server's log"
    assert "/board/KOS" in r.out and "kos.manager" in r.out.split("on duty:")[1]
    srv = Server(demo)
    try:
        def token_of(login):
            status, body = srv.api("POST", "/api/v1/login", {"login": login,
                                                             "password": "frontdesk-demo"})
            assert status == 200, body  # the printed password works
            return demo.cli("token", "create", login).out.strip()
        manager = token_of("kos.manager")
        status, b = srv.api("GET", "/api/v1/branches/KOS", token=manager)
        assert status == 200 and b["open_now"] is True, b
        status, duty = srv.api("GET", "/api/v1/branches/KOS/duty", token=manager)
        on = {d["login"] for d in duty["on_duty"]}
        assert {"kos.manager", "kos.assistant", "kos.staff", "kos.volunteer"} <= on, on
        status, ic = srv.api("GET", "/api/v1/branches/KOS/in-charge", token=manager)
        assert ic["staff"]["login"] == "kos.manager", ic
        status, q = srv.api("GET", "/api/v1/branches/KOS/queue", token=manager)
        assert status == 200 and len(q["waiting"]) >= 2 and len(q["on_hold"]) == 1, q
        assert len(q["serving"]) == 1 and any(v["ack_overdue"] for v in q["waiting"]), q
        # The day's hours were changed as a manager would, and the calendar says why.
        status, cal = srv.api("GET", "/api/v1/branches/KOS/calendar", token=manager)
        today = cal["days"][0]
        assert today["kind"] == "changed" and "demo" in today["reason"], today
        # Work on the Assistant Librarian's desk: a referred request and a draft to sign.
        assistant = token_of("kos.assistant")
        status, mine = srv.api("GET", "/api/v1/requests", token=assistant)
        assert [x for x in mine["requests"] if x["level"] == "branch" and
                x["holder"]["login"] == "kos.assistant"], mine
        status, inc = srv.api("GET", "/api/v1/incidents?branch=KOS", token=assistant)
        assert [i for i in inc["incidents"] if i["status"] == "draft"], inc
        status, comp = srv.api("GET", "/api/v1/complaints?branch=KOS", token=manager)
        assert [c for c in comp["complaints"] if c["referred_director_at"]], comp
        # A second start the same day adds nobody to the line.
        demo.cli("demo", "--if-new")
        status, again = srv.api("GET", "/api/v1/branches/KOS/queue", token=manager)
        assert len(again["waiting"]) == len(q["waiting"]), again
    finally:
        srv.stop()


def test_the_demos_mail_is_addressed_at_a_reserved_domain_and_goes_nowhere(ctx):
    """Headquarters' people in the demo have email addresses, so the HQ inbox does not warn
    that nobody can be told; every address is at mmrls.example (RFC 2606 reserves .example),
    and with no [mail] smtp_url the notices wait in the outbox, sent to no one."""
    demo = Db()
    demo.cli("demo", "--if-new")
    emails = dict(demo.sql("SELECT login, email FROM staff WHERE login IN "
                           "('director', 'business', 'coordinator', 'kos.manager')"))
    assert emails == {"director": "director@mmrls.example",
                      "business": "business@mmrls.example",
                      "coordinator": "coordinator@mmrls.example",
                      "kos.manager": "kos.manager@mmrls.example"}, emails
    srv = Server(demo)
    try:
        token = demo.cli("token", "create", "director").out.strip()
        status, page = srv.api("GET", "/hq", token=token)
        assert status == 200 and "was notified" not in page and "email address" not in page
        time.sleep(2.5)  # the outbox worker looks every 2 s, and has no server to send to
        rows = demo.sql("SELECT to_addr, coalesce(sent_at, 0) FROM outbox")
        assert rows, "the demo's referred complaint notifies the Executive Director"
        assert all(to.endswith("@mmrls.example") and sent == "0" for to, sent in rows), rows
    finally:
        srv.stop()


def test_demo_if_new_leaves_a_real_librarys_day_alone(ctx):
    """`make run` on a database of one's own: no changed hours, nobody clocked on, no made-up
    customers, and the server still starts."""
    own = Db()
    own.cli("init")
    own.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-fri 09:00-17:00")
    r = own.cli("demo", "--if-new")
    assert "not the demo's database" in r.out, r.out
    assert own.sql("SELECT count(*) FROM branch_day")[0][0] == "0"
    assert own.sql("SELECT count(*) FROM visit")[0][0] == "0"


def test_demo_years_of_a_consortium_are_real_rows_and_the_report_counts_them(ctx):
    """demo --years --visits writes its past in bulk (COPY on PostgreSQL): rows of the real
    tables as the desk would have left them, branches sized small, town and city, and every
    finished visit counted by the service report of each branch and of all of them."""
    demo = Db()
    demo.cli("demo", "--years", "1", "--branches", "12", "--visits", "20")
    # Each branch's tickets run 1, 2, 3 ... each day, and every visit of the past ended.
    gaps = demo.sql("SELECT count(*) FROM (SELECT branch_id, local_day, max(ticket) AS m, "
                    "count(*) AS n FROM visit GROUP BY branch_id, local_day) t WHERE m <> n")
    assert gaps == [["0"]], gaps
    left = demo.sql("SELECT count(*) FROM visit WHERE local_day < '2026-11-01' AND state NOT IN "
                    "('finished', 'no_show')")
    assert left == [["0"]], left
    answers = demo.sql("SELECT count(*) FROM feedback f JOIN visit v ON v.id = f.visit_id "
                       "WHERE v.branch_id = f.branch_id AND v.state = 'finished'")
    assert int(answers[0][0]) > 1000, answers
    srv = Server(demo)
    try:
        token = demo.cli("token", "create", "director").out.strip()
        status, body = srv.api("GET", "/api/v1/reports/service?from=2026-06-01&to=2026-06-30",
                               token=token)
        assert status == 200, body
        served = {b["code"]: b["served"] for b in body["branches"]}
        assert len(served) == 12, served  # the policy's six and six more
        # One branch in ten is a city branch, six in ten small rural ones (demo_history.c).
        assert max(served.values()) > 4 * min(served.values()), served
        rows = demo.sql("SELECT b.code, count(*) FROM visit v JOIN branch b ON b.id = "
                        "v.branch_id WHERE v.local_day BETWEEN '2026-06-01' AND '2026-06-30' "
                        "AND v.state = 'finished' GROUP BY b.code")
        assert {code: int(n) for code, n in rows} == served, rows
        # One branch's report counts the same as its line in the report of all of them.
        code = max(served, key=served.get)
        status, one = srv.api("GET", f"/api/v1/reports/service?branch={code}&from=2026-06-01"
                              "&to=2026-06-30", token=token)
        assert status == 200 and one["branches"][0]["served"] == served[code], one
        assert one["branches"][0] == next(b for b in body["branches"] if b["code"] == code)
    finally:
        srv.stop()
