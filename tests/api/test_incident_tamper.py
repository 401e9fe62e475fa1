"""A signed incident report cannot change (CS-INCIDENT): no file is attached to it after
signing, no change sent while it is being signed un-signs it or slips in after the signature,
and every change made behind the program's back — an attachment's bytes, its name, a row added
or deleted, the newest or a middle addendum deleted, the branch moved — is named by
`frontdesk incident verify`, which exits 1; an untouched report with its files and addenda
verifies."""
import hashlib
import json
import threading
from datetime import datetime, timedelta, timezone

import harness
from harness import Db, Server, expect_error

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n" + b"a floor plan\n" * 40
YESTERDAY = (datetime.now(timezone.utc) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "WAL", "--name", "Walnut", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("coordinator", "branch_services_coordinator", "HQ"),
                                ("director", "executive_director", "HQ"),
                                ("kos.staff", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login in ("kos.staff", "kos.manager"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def attach(ctx, iid, name, data, kind):
    return ctx["srv"].request("POST", f"/api/v1/incidents/{iid}/attachments?name={name}", data,
                              {"Authorization": "Bearer " + ctx["kos.staff"],
                               "Content-Type": kind})


def act(ctx, iid, what, body, who="kos.staff"):
    status, r = ctx["srv"].api("POST", f"/api/v1/incidents/{iid}/{what}", body, token=ctx[who])
    assert status in (200, 201), r
    return r


def signed_report(ctx):
    """A report with a photo and a PDF, signed, with two signed addenda: its id."""
    status, r = ctx["srv"].api("POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": YESTERDAY, "category": "vandalism",
        "narrative": "The book drop was forced open.",
        "people": [{"name": "Pat Doe", "kind": "witness", "part": "saw it"}]},
        token=ctx["kos.staff"])
    assert status == 201, r
    iid = r["id"]
    for name, data, kind in (("door.png", PNG, "image/png"), ("plan.pdf", PDF,
                                                              "application/pdf")):
        status, _, body = attach(ctx, iid, name, data, kind)
        assert status == 201, body
    act(ctx, iid, "hq-notified", {"taken_by": "coordinator"})
    act(ctx, iid, "sign", {"typed_name": "Kos Staff"})
    act(ctx, iid, "addenda", {"text": "The police took a statement.", "typed_name": "Kos Staff"})
    act(ctx, iid, "addenda", {"text": "The lock is replaced.", "typed_name": "Kos Manager"},
        who="kos.manager")
    return iid


def verify_fails(ctx, iid):
    r = ctx["db"].cli("incident", "verify", str(iid), expect=1)
    assert f"incident {iid} no longer matches what was signed (form 3)" in r.err, r.err
    return r.err


def attachment_id(ctx, iid, name):
    rows = ctx["db"].sql(f"SELECT id FROM incident_attachment WHERE incident_id = {iid} "
                         f"AND name = '{name}'")
    return int(rows[0][0])


def blob(data):
    """A bytes literal in the dialect of the database under test."""
    if harness.BACKEND == "postgresql":
        return f"decode('{data.hex()}', 'hex')"
    return f"X'{data.hex()}'"


def test_an_untouched_report_with_files_and_addenda_verifies(ctx):
    iid = ctx["untouched"] = signed_report(ctx)
    r = ctx["db"].cli("incident", "verify", str(iid))
    assert "the signature is valid (form 3" in r.out and "2 addenda chained" in r.out, r.out
    assert "unchanged since it was signed" in r.out
    # The hash recorded when each file was stored is the SHA-256 anyone can recompute.
    _, body = ctx["srv"].api("GET", f"/api/v1/incidents/{iid}", token=ctx["kos.manager"])
    assert [a["sha256"] for a in body["attachments"]] == [hashlib.sha256(PNG).hexdigest(),
                                                         hashlib.sha256(PDF).hexdigest()], body


def test_a_signed_report_takes_no_attachment(ctx):
    iid = ctx["untouched"]
    status, _, data = attach(ctx, iid, "late.png", PNG, "image/png")
    assert status == 409, data
    e = expect_error((status, json.loads(data)), 409, "policy", rule="CS-INCIDENT")
    assert e["message"] == "the report is signed: add a signed addendum instead"
    _, body = ctx["srv"].api("GET", f"/api/v1/incidents/{iid}", token=ctx["kos.manager"])
    assert [a["name"] for a in body["attachments"]] == ["door.png", "plan.pdf"]
    ctx["db"].cli("incident", "verify", str(iid))


def test_a_file_name_that_is_not_utf8_is_refused(ctx):
    # The name is signed as JSON text: a draft takes no name that could not be.
    status, r = ctx["srv"].api("POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": YESTERDAY, "category": "theft"}, token=ctx["kos.staff"])
    assert status == 201, r
    status, _, data = attach(ctx, r["id"], "door%FF.png", PNG, "image/png")
    e = expect_error((status, json.loads(data)), 422, field="name")
    assert "not valid UTF-8" in e["message"], e
    _, body = ctx["srv"].api("GET", f"/api/v1/incidents/{r['id']}", token=ctx["kos.manager"])
    assert body["attachments"] == [], body


def test_changed_bytes_are_named(ctx):
    iid = signed_report(ctx)
    aid = attachment_id(ctx, iid, "door.png")
    forged = PNG[:-4] + b"EVIL"
    ctx["db"].execute(f"UPDATE incident_attachment SET data = {blob(forged)}, sha256 = "
                      f"'{hashlib.sha256(forged).hexdigest()}' WHERE id = {aid}")
    err = verify_fails(ctx, iid)
    assert (f'attachment {aid} "door.png": its bytes changed since signing (SHA-256 signed '
            f"{hashlib.sha256(PNG).hexdigest()[:16]}") in err, err


def test_a_changed_name_is_named(ctx):
    iid = signed_report(ctx)
    aid = attachment_id(ctx, iid, "plan.pdf")
    ctx["db"].execute(f"UPDATE incident_attachment SET name = 'receipt.pdf' WHERE id = {aid}")
    err = verify_fails(ctx, iid)
    assert f'attachment {aid} "plan.pdf": name: signed as "plan.pdf", now "receipt.pdf"' in err


def test_an_added_attachment_row_is_named(ctx):
    iid = signed_report(ctx)
    ctx["db"].execute(
        "INSERT INTO incident_attachment (incident_id, name, content_type, size_bytes, data, "
        f"added_at, sha256) VALUES ({iid}, 'extra.png', 'image/png', {len(PNG)}, {blob(PNG)}, "
        f"1767600000, '{hashlib.sha256(PNG).hexdigest()}')")
    aid = attachment_id(ctx, iid, "extra.png")
    err = verify_fails(ctx, iid)
    assert f'attachment {aid} "extra.png" was added after signing' in err, err


def test_a_deleted_attachment_row_is_named(ctx):
    iid = signed_report(ctx)
    aid = attachment_id(ctx, iid, "door.png")
    ctx["db"].execute(f"DELETE FROM incident_attachment WHERE id = {aid}")
    err = verify_fails(ctx, iid)
    assert f'attachment {aid} "door.png" was signed with the report and is gone' in err, err


def test_the_newest_addendum_deleted_is_named(ctx):
    iid = signed_report(ctx)
    ctx["db"].execute(f"DELETE FROM incident_addendum WHERE id = (SELECT max(id) FROM "
                      f"incident_addendum WHERE incident_id = {iid})")
    err = verify_fails(ctx, iid)
    assert "addendum 2 is missing: the audit log records its signing" in err, err
    # All of them, too.
    ctx["db"].execute(f"DELETE FROM incident_addendum WHERE incident_id = {iid}")
    err = verify_fails(ctx, iid)
    assert "addendum 1 is missing" in err and "addendum 2 is missing" in err, err


def test_a_middle_addendum_deleted_is_named(ctx):
    iid = signed_report(ctx)
    act(ctx, iid, "addenda", {"text": "The insurer was told.", "typed_name": "Kos Staff"})
    ctx["db"].cli("incident", "verify", str(iid))
    rows = ctx["db"].sql(f"SELECT id FROM incident_addendum WHERE incident_id = {iid} "
                         "ORDER BY id")
    ctx["db"].execute(f"DELETE FROM incident_addendum WHERE id = {rows[1][0]}")
    err = verify_fails(ctx, iid)
    assert "addendum 2 is missing: addendum 3 was signed after it" in err, err


def test_a_changed_branch_is_named(ctx):
    iid = signed_report(ctx)
    wal = ctx["db"].sql("SELECT id FROM branch WHERE code = 'WAL'")[0][0]
    kos = ctx["db"].sql("SELECT id FROM branch WHERE code = 'KOS'")[0][0]
    ctx["db"].execute(f"UPDATE incident SET branch_id = {wal} WHERE id = {iid}")
    err = verify_fails(ctx, iid)
    assert (f'branch: signed as "KOS" "Kosciusko" (id {kos}), now "WAL" "Walnut" (id {wal})'
            in err), err


def test_dropping_the_signed_text_is_no_way_back_to_form_1(ctx):
    iid = signed_report(ctx)
    ctx["db"].execute(f"UPDATE incident SET signed_text = NULL WHERE id = {iid}")
    err = verify_fails(ctx, iid)
    assert "the text it was signed over is gone, yet the audit log records its signing" in err


def test_addenda_signed_at_once_still_form_one_chain(ctx):
    # Each addendum follows the signature before it: two signed at the same moment must not
    # both follow the same one (the branch's lock orders them).
    iid = signed_report(ctx)
    results = []

    def add(k):
        results.append(ctx["srv"].api("POST", f"/api/v1/incidents/{iid}/addenda",
                                      {"text": f"Note {k}.", "typed_name": "Kos Staff"},
                                      token=ctx["kos.staff"])[0])
    threads = [threading.Thread(target=add, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [201] * 6, results
    r = ctx["db"].cli("incident", "verify", str(iid))
    assert "8 addenda chained" in r.out, r.out


# What each change sent during the signing sets, and where the signed text shows it.
RACING_CHANGES = {
    "narrative": ("PATCH", "", {"narrative": "The book drop was forced and its lock broken."}),
    "actions_taken": ("PATCH", "", {"actions_taken": "The drop was closed with tape."}),
    "police_called": ("PATCH", "", {"police_called": True}),
    "people": ("PATCH", "", {"people": [{"name": "Lee Roe", "kind": "witness",
                                         "part": "heard it", "injuries": ""}]}),
    "hq_taken_by": ("POST", "/hq-notified", {"taken_by": "director"}),
}


def race_the_signing(ctx, iid):
    """Two signatures and every change in RACING_CHANGES, sent at the same moment: each
    request's (status, answer) by name (sign.1, sign.2, and the change's)."""
    requests = dict(RACING_CHANGES, **{
        f"sign.{k}": ("POST", "/sign", {"typed_name": "Kos Staff"}) for k in (1, 2)})
    start = threading.Barrier(len(requests))
    status = {}

    def send(name, method, path, body):
        conn = ctx["srv"].connection()
        conn.connect()  # connected before the barrier: they arrive together
        start.wait()
        code, _, data = ctx["srv"].request(
            method, f"/api/v1/incidents/{iid}{path}", body,
            {"Authorization": "Bearer " + ctx["kos.staff"], "Content-Type": "application/json"},
            conn=conn)
        conn.close()
        status[name] = (code, json.loads(data))
    threads = [threading.Thread(target=send, args=(name, *req))
               for name, req in requests.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return status


def test_changes_sent_while_signing_never_unsign_the_report(ctx):
    # The report read for a change must not be written back over a signature made meanwhile:
    # every round ends signed once, verifying, with each change either in what was signed
    # or refused.
    applied = refused = 0
    for _ in range(12):
        status, r = ctx["srv"].api("POST", "/api/v1/incidents", {
            "branch": "KOS", "occurred_at": YESTERDAY, "category": "vandalism",
            "narrative": "The book drop was forced open.",
            "people": [{"name": "Pat Doe", "kind": "witness", "part": "saw it"}]},
            token=ctx["kos.staff"])
        assert status == 201, r
        iid = r["id"]
        act(ctx, iid, "hq-notified", {"taken_by": "coordinator"})
        before = {"narrative": r["narrative"], "actions_taken": r["actions_taken"],
                  "police_called": r["police_called"], "people": r["people"],
                  "hq_taken_by": "coordinator"}
        got = race_the_signing(ctx, iid)
        assert sorted([got["sign.1"][0], got["sign.2"][0]]) == [200, 409], got
        _, now = ctx["srv"].api("GET", f"/api/v1/incidents/{iid}", token=ctx["kos.manager"])
        assert now["status"] == "signed", (got, now)
        text = "|".join(ctx["db"].sql(f"SELECT signed_text FROM incident WHERE id = {iid}")[0])
        signed = json.loads(text)
        for name, (_, _, body) in RACING_CHANGES.items():
            code, answer = got[name]
            assert code in (200, 409), (name, code, answer)
            if code == 409:
                refused += 1
                assert "signed" in expect_error(got[name], 409)["message"], answer
                expected = before[name]
            else:
                applied += 1
                assert answer["status"] == "draft", (name, answer)
                expected = body.get(name, body.get("taken_by"))
            if name == "people":  # the JSON's null is the signed form's 0 or ""
                signed[name] = [{k: v for k, v in x.items() if v} for x in signed[name]]
                expected = [{k: v for k, v in x.items() if v} for x in expected]
            assert signed[name] == expected, (name, code, signed[name], expected)
        signings = ctx["db"].sql("SELECT count(*) FROM audit_log WHERE object_kind = "
                                 f"'incident' AND object_key = '{iid}' AND action = 'sign'")
        assert signings == [["1"]], signings
        r = ctx["db"].cli("incident", "verify", str(iid))
        assert "unchanged since it was signed" in r.out, r.out
    # Both outcomes happened, or the rounds did not race at all.
    assert applied and refused, (applied, refused)
