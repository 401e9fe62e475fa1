"""Changing a branch after it is added (`frontdesk branch set`, `PATCH /api/v1/branches/{code}`):
an upgraded installation's branches have no address, and the incident report's letterhead
prints the one its administrator gives; only what is given changes, checked as `branch add`
checks it, audited, and every node's queue answers see it at once."""
import subprocess

from harness import Db, Server, expect_error

ADDRESS = "503 North Jackson Street\nKosciusko, MS 39090"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    # As an upgrade leaves it: no address, no phone.
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("admin", "branch_services_coordinator", "HQ"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.staff", "staff", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    ctx["a"], ctx["b"] = Server(db), Server(db)
    for login in ("kos.manager", "kos.staff"):
        assert ctx["a"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    try:
        assert ctx["a"].stop() < 3
    finally:
        assert ctx["b"].stop() < 3


def branch(ctx, code="KOS"):
    status, b = ctx["a"].api("GET", f"/api/v1/branches/{code}", token=ctx["kos.staff"])
    assert status == 200, b
    return b


def pdf_text(ctx, iid):
    status, headers, data = ctx["a"].request(
        "GET", f"/api/v1/incidents/{iid}/report.pdf",
        headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and headers["Content-Type"] == "application/pdf", (status, data[:300])
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True,
                         check=True).stdout.decode()
    return " ".join(out.split())


def new_incident(ctx):
    status, r = ctx["a"].api("POST", "/api/v1/incidents",
                             {"branch": "KOS", "occurred_at": "2026-11-29T20:00:00Z",
                              "category": "break_in", "narrative": "The back door was forced."},
                             token=ctx["kos.manager"])
    assert status == 201, r
    return r["id"]


def audit_actions(ctx):
    return [row[0] for row in ctx["db"].sql(
        "SELECT action FROM audit_log WHERE object_kind = 'branch' ORDER BY id")]


def test_branch_set_gives_the_letterhead_its_address(ctx):
    db = ctx["db"]
    before = pdf_text(ctx, new_incident(ctx))
    assert "503 North Jackson Street" not in before, before
    out = db.cli("branch", "set", "KOS", "--address", ADDRESS, "--phone", "662-289-5141").out
    assert out == "changed branch KOS (Kosciusko): phone; address\n", out
    b = branch(ctx)
    # Only what was given changed.
    assert (b["address"], b["phone"], b["name"], b["time_zone"]) == (
        ADDRESS, "662-289-5141", "Kosciusko", "America/Chicago"), b
    assert b["hours_text"] and b["ack_target_s"] == 60, b
    flat = pdf_text(ctx, new_incident(ctx))
    for words in ("503 North Jackson Street", "Kosciusko, MS 39090", "Phone 662-289-5141"):
        assert words in flat, (words, flat)
    assert audit_actions(ctx)[-1] == "change: phone; address", audit_actions(ctx)
    # The same again changes nothing and writes nothing to the audit log.
    n = len(audit_actions(ctx))
    out = db.cli("branch", "set", "KOS", "--address", ADDRESS).out
    assert "nothing changed" in out, out
    assert len(audit_actions(ctx)) == n


def test_a_bad_time_zone_is_refused_and_changes_nothing(ctx):
    db = ctx["db"]
    was = branch(ctx)
    r = db.cli("branch", "set", "KOS", "--name", "Renamed", "--tz", "Nowhere/Here", expect=1)
    assert "frontdesk: Nowhere/Here is not a time zone" in r.err, r.err
    r = db.cli("branch", "set", "KOS", "--hours", "someday 9-5", expect=1)
    assert "hours" in r.err, r.err
    assert branch(ctx) == {**was, "open_now": branch(ctx)["open_now"]}
    # Nothing to change, or no such branch: said, and nothing written.
    assert "say what to change" in db.cli("branch", "set", "KOS", expect=2).err
    assert "no branch ZZZ" in db.cli("branch", "set", "ZZZ", "--name", "Z", expect=1).err
    # The code and Headquarters are not for changing.
    db.cli("branch", "set", "KOS", "--headquarters", expect=2)
    expect_error(ctx["a"].api("PATCH", "/api/v1/branches/KOS", {"time_zone": "Mars/Olympus"},
                              token=ctx["admin"]), 422, field="time_zone")
    expect_error(ctx["a"].api("PATCH", "/api/v1/branches/KOS", {"code": "KOZ"},
                              token=ctx["admin"]), 422, field="code")
    assert branch(ctx)["name"] == was["name"] and branch(ctx)["time_zone"] == was["time_zone"]


def test_patch_by_the_administrator_not_a_branch_manager(ctx):
    srv = ctx["a"]
    expect_error(srv.api("PATCH", "/api/v1/branches/KOS", {"phone": "662-555-0000"},
                         token=ctx["kos.manager"]), 403)
    assert branch(ctx)["phone"] != "662-555-0000"
    status, b = srv.api("PATCH", "/api/v1/branches/KOS",
                        {"name": "Kosciusko-Attala Library", "phone": None,
                         "no_show_after_s": 300}, token=ctx["admin"])
    assert status == 200, b
    # null is "not given": the phone stays; the rest is the branch as GET shows it.
    assert b == branch(ctx), (b, branch(ctx))
    assert b["name"] == "Kosciusko-Attala Library" and b["no_show_after_s"] == 300, b
    assert b["phone"] == "662-289-5141", b
    assert audit_actions(ctx)[-1] == "change: name; no_show_after_s", audit_actions(ctx)
    expect_error(srv.api("PATCH", "/api/v1/branches/NOPE", {"name": "X"}, token=ctx["admin"]),
                 404)


def test_every_node_sees_the_change_at_once(ctx):
    # Node b has the queue answer cached; the change is made on node a.
    path = "/api/v1/branches/KOS/queue"
    status, q = ctx["b"].api("GET", path, token=ctx["kos.staff"])
    assert status == 200, q
    target = 45 if q["ack_target_s"] != 45 else 90
    status, b = ctx["a"].api("PATCH", "/api/v1/branches/KOS", {"ack_target_s": target},
                             token=ctx["admin"])
    assert status == 200 and b["ack_target_s"] == target, b
    status, q = ctx["b"].api("GET", path, token=ctx["kos.staff"])
    assert status == 200 and q["ack_target_s"] == target, q
