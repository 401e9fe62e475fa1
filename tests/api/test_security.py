"""Security and records: a tamper-evident audit log, revocable tokens, online backups, the
role matrix as documented, and a hostile body that does not stop the server."""
import os

import harness
from harness import Db, Server, expect_error

CARD = "21170000100017"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    ctx["staff"] = db.add_user("kos.staff", "staff", "KOS")
    ctx["manager"] = db.add_user("kos.manager", "branch_manager", "KOS")
    ctx["srv"] = Server(db)
    assert ctx["srv"].api("POST", "/api/v1/customers", {"card": CARD, "name": "Loretta"},
                          token=ctx["staff"])[0] == 201
    for _ in range(3):
        ctx["srv"].api("GET", f"/api/v1/customers/{CARD}", token=ctx["staff"])
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_audit_entries_say_who_and_from_where(ctx):
    status, body = ctx["srv"].api("GET", f"/api/v1/audit?customer={CARD}", token=ctx["manager"])
    assert status == 200
    assert [(e["by"], e["action"], e["from"]) for e in body["entries"]][-1] == \
        ("kos.staff", "read", "127.0.0.1")


def test_audit_verify_finds_an_entry_changed_or_removed_by_hand(ctx):
    db = ctx["db"]
    # Two accounts made at the command line (1, 2), a customer registered (3) and read three
    # times (4 to 6) by kos.staff.
    assert "intact: 6 entries" in db.cli("audit", "verify").out
    db.execute("UPDATE audit_log SET staff_id = NULL WHERE id = 4")
    r = db.cli("audit", "verify", expect=1)
    assert "entry 4" in r.err
    db.execute(f"UPDATE audit_log SET staff_id = (SELECT id FROM staff WHERE login = "
               f"'kos.staff') WHERE id = 4")
    db.cli("audit", "verify")
    # What is left intact is counted in words that agree with the number.
    action = db.sql("SELECT action FROM audit_log WHERE id = 2")[0][0]
    db.execute("UPDATE audit_log SET action = 'read' WHERE id = 2")
    r = db.cli("audit", "verify", expect=1)
    assert "entry 2 does not follow from the one before (1 entry before it is intact)" \
        in r.err, r.err
    db.execute(f"UPDATE audit_log SET action = '{action}' WHERE id = 2")
    db.cli("audit", "verify")
    db.execute("DELETE FROM audit_log WHERE id = 5")
    r = db.cli("audit", "verify", expect=1)
    assert "entry 6" in r.err


def test_a_revoked_token_stops_working(ctx):
    db, srv = ctx["db"], ctx["srv"]
    token = db.cli("token", "create", "kos.staff").out.strip()
    assert srv.api("GET", "/api/v1/me", token=token)[0] == 200
    assert "revoked" in db.cli("token", "revoke", stdin=token + "\n").out
    expect_error(srv.api("GET", "/api/v1/me", token=token), 401)
    db.cli("token", "revoke", stdin=token + "\n", expect=1)
    db.cli("token", "revoke", token, expect=2)  # never on the command line


def test_backup_makes_a_copy_init_can_open(ctx):
    db = ctx["db"]
    path = os.path.join(db.dir, "backup.db")
    if harness.BACKEND == "postgresql":
        assert "pg_dump" in db.cli("backup", path, expect=1).err
        return
    assert "backed up" in db.cli("backup", path).out
    copy = Db()
    copy.url = "sqlite:" + path
    assert "already up to date" in copy.cli("init").out
    assert "KOS" in copy.cli("branch", "list").out
    db.cli("backup", path, expect=1)  # never over an existing file


def test_the_role_matrix_in_the_docs_is_the_one_in_force(ctx):
    here = os.path.dirname(__file__)
    with open(os.path.join(here, "..", "..", "docs", "roles.md")) as f:
        documented = f.read()
    printed = ctx["db"].cli("roles").out
    assert printed.strip() in documented, "docs/roles.md is out of date: run frontdesk roles"


def test_a_3_mb_body_is_refused_and_the_server_keeps_serving(ctx):
    srv = ctx["srv"]
    expect_error(srv.api("POST", "/api/v1/customers", "x" * (3 << 20), token=ctx["staff"]), 413,
                 "too_large")
    assert srv.api("GET", "/healthz")[0] == 200
    status, _ = srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["staff"])
    assert status == 200


def test_no_plain_password_or_sql_from_input(ctx):
    srv = ctx["srv"]
    status, _ = srv.api("GET", "/api/v1/customers/1'%20OR%20'1'='1", token=ctx["staff"])
    assert status == 404
    assert srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["staff"])[0] == 200


def test_purge_forgets_expired_text_and_keeps_the_counts(ctx):
    srv, db = ctx["srv"], ctx["db"]
    assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["staff"])[0] == 200
    status, r = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "reference",
                                                     "text": "books on divorce law"},
                        token=ctx["staff"])
    assert status == 201
    _, v = srv.api("POST", "/api/v1/branches/KOS/visits",
                   {"channel": "in_person", "customer_card": CARD}, token=ctx["staff"])
    srv.api("POST", f"/api/v1/visits/{v['id']}/start", {}, token=ctx["staff"])
    srv.api("POST", f"/api/v1/visits/{v['id']}/finish", {}, token=ctx["staff"])
    _, before = srv.api("GET", "/api/v1/requests?branch=KOS", token=ctx["manager"])
    # Time passes: both are past their retention periods.
    db.execute(f"UPDATE request SET text_retain_until = 1 WHERE id = {r['id']}")
    db.execute(f"UPDATE visit SET finished_at = 1, arrived_at = 1 WHERE id = {v['id']}")
    out = db.cli("purge").out
    assert "text of 1 reference question" in out and "customer of 1 visit" in out, out
    _, after = srv.api("GET", "/api/v1/requests?branch=KOS", token=ctx["manager"])
    assert len(after["requests"]) == len(before["requests"])
    _, got = srv.api("GET", f"/api/v1/requests/{r['id']}", token=ctx["manager"])
    assert "divorce" not in got["text"] and got["kind"] == "reference"
    assert db.sql(f"SELECT customer_id FROM visit WHERE id = {v['id']}") in ([["None"]], [[""]])
    assert "text of 0" in db.cli("purge").out  # nothing twice


def test_reading_and_changing_a_request_is_audited(ctx):
    srv = ctx["srv"]
    srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["staff"])
    _, r = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                "text": "A large-print atlas"},
                   token=ctx["staff"])
    srv.api("GET", f"/api/v1/requests/{r['id']}", token=ctx["staff"])
    srv.api("POST", f"/api/v1/requests/{r['id']}/alternatives", {"kind": "other_branch"},
            token=ctx["staff"])
    status, body = srv.api("GET", f"/api/v1/audit?request={r['id']}", token=ctx["manager"])
    assert status == 200, body
    seen = [(e["by"], e["action"]) for e in body["entries"]]
    assert ("kos.staff", "created") in seen and ("kos.staff", "read") in seen
    assert ("kos.staff", "alternative offered") in seen, seen
    expect_error(srv.api("GET", f"/api/v1/audit?request={r['id']}", token=ctx["staff"]), 403)
