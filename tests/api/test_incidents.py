"""CS-INCIDENT and CS-INSURANCE over the API: the verbal report first, the Business Manager
for an injury, a signature that freezes the report and can be verified, addenda, delivery to
the three HQ roles, and the same-day deadline."""
from datetime import datetime, timedelta, timezone

from harness import Db, Server, SmtpSink, expect_error

HQ_ROLES = ["director@mmrls.example", "business@mmrls.example", "bsc@mmrls.example"]


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch, email in [
            ("director", "executive_director", "HQ", HQ_ROLES[0]),
            ("business", "business_manager", "HQ", HQ_ROLES[1]),
            ("coordinator", "branch_services_coordinator", "HQ", HQ_ROLES[2]),
            ("kos.staff", "staff", "KOS", None), ("kos.manager", "branch_manager", "KOS", None),
            ("kos.vol", "volunteer", "KOS", None)]:
        ctx[login] = db.add_user(login, role, branch, email=email)
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    for login in ("kos.staff", "kos.manager", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    try:
        assert ctx["srv"].stop() < 3
    finally:
        ctx["smtp"].stop()


def report(ctx, who="kos.staff", **extra):
    body = {"branch": "KOS", "occurred_at": iso(datetime.now(timezone.utc) - timedelta(minutes=5)),
            "category": "injury", "narrative": "A customer slipped on the wet entrance floor.",
            "people": [{"name": "Alma Ruth", "kind": "customer", "part": "fell",
                        "injuries": "bruised wrist"},
                       {"name": "Kos Manager", "kind": "staff", "part": "gave first aid"}]}
    body.update(extra)
    return ctx["srv"].api("POST", "/api/v1/incidents", body, token=ctx[who])


def act(ctx, iid, what, body=None, who="kos.staff"):
    return ctx["srv"].api("POST", f"/api/v1/incidents/{iid}/{what}", body or {}, token=ctx[who])


def test_bad_input_names_the_field(ctx):
    expect_error(report(ctx, occurred_at="yesterday"), 422, field="occurred_at")
    expect_error(report(ctx, category="fire drill"), 422, field="category")
    expect_error(report(ctx, occurred_at=iso(datetime.now(timezone.utc) + timedelta(days=1))),
                 422, field="occurred_at")
    expect_error(report(ctx, people=[{"name": "X"}]), 422, field="people")
    expect_error(report(ctx, people=[{"name": "X", "kind": "alien"}]), 422, field="people.kind")


def test_an_injury_report_shows_the_insurance_instruction(ctx):
    status, r = report(ctx)
    assert status == 201, r
    assert r["status"] == "draft" and r["overdue"] is False
    assert [w["rule"] for w in r["warnings"]] == ["CS-INSURANCE"]
    assert "no insurance information" in r["warnings"][0]["message"]
    assert [p["name"] for p in r["people"]] == ["Alma Ruth", "Kos Manager"]
    ctx["r"] = r["id"]


def test_signing_needs_the_verbal_report_to_hq_first(ctx):
    expect_error(act(ctx, ctx["r"], "sign", {"typed_name": "Kos Staff"}), 409, "policy",
                 rule="CS-INCIDENT")
    expect_error(act(ctx, ctx["r"], "hq-notified", {"taken_by": "kos.manager"}), 422,
                 field="taken_by")
    status, r = act(ctx, ctx["r"], "hq-notified", {"taken_by": "coordinator"})
    assert status == 200 and r["hq_notified"]["taken_by"]["login"] == "coordinator", r


def test_an_injury_needs_the_business_manager_contacted(ctx):
    expect_error(act(ctx, ctx["r"], "sign", {"typed_name": "Kos Staff"}), 409, "policy",
                 rule="CS-INSURANCE")
    status, r = act(ctx, ctx["r"], "business-manager-contacted")
    assert status == 200 and r["business_manager_contacted_at"]


def test_drafts_can_be_finished_later(ctx):
    status, r = ctx["srv"].api("PATCH", f"/api/v1/incidents/{ctx['r']}", {
        "actions_taken": "Mopped and placed a wet-floor sign.", "police_called": False},
        token=ctx["kos.staff"])
    assert status == 200 and r["actions_taken"].startswith("Mopped"), r
    expect_error(ctx["srv"].api("PATCH", f"/api/v1/incidents/{ctx['r']}", {"narrative": "x"},
                                token=ctx["kos.vol"]), 403)


def test_signing_freezes_the_report_and_emails_the_three_hq_roles(ctx):
    expect_error(act(ctx, ctx["r"], "sign", {"typed_name": "Someone Else"}), 422,
                 field="typed_name")
    status, r = act(ctx, ctx["r"], "sign", {"typed_name": " kos staff "})
    assert status == 200 and r["status"] == "signed", r
    assert r["signed"]["by"]["login"] == "kos.staff" and r["signed"]["signature"]
    assert len(r["signed"]["key_fingerprint"]) == 16
    expect_error(ctx["srv"].api("PATCH", f"/api/v1/incidents/{ctx['r']}", {"narrative": "x"},
                                token=ctx["kos.staff"]), 409, "conflict")
    expect_error(act(ctx, ctx["r"], "sign", {"typed_name": "Kos Staff"}), 409)
    msgs = [m for m in ctx["smtp"].wait_for(3) if "Incident report" in m["Subject"]]
    assert sorted(m["X-Rcpt-To"] for m in msgs) == sorted(HQ_ROLES), msgs
    for m in msgs:
        text, pdf = m.get_payload()
        assert "slipped on the wet entrance floor" in text.get_payload(decode=True).decode()
        assert pdf.get_content_type() == "application/pdf"
        assert pdf.get_payload(decode=True).startswith(b"%PDF-")


def test_report_pdf_reads_as_the_report(ctx):
    import subprocess
    status, headers, data = ctx["srv"].request(
        "GET", f"/api/v1/incidents/{ctx['r']}/report.pdf",
        headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    for words in ("Incident Report", "Kosciusko", "slipped on the wet entrance floor",
                  "Alma Ruth", "Business Manager contacted", "Signed by Kos Staff"):
        assert words in " ".join(text.split()), (words, text)
    with open(ctx["db"].dir + "/incident.pdf", "wb") as f:
        f.write(data)


def test_a_signed_report_takes_signed_addenda(ctx):
    status, r = act(ctx, ctx["r"], "addenda", {"text": "The customer called: she is fine.",
                                               "typed_name": "Kos Staff"})
    assert status == 201 and r["addenda"][0]["signed_name"] == "Kos Staff", r
    expect_error(act(ctx, ctx["r"], "addenda", {"text": "x", "typed_name": "Nobody"}), 422,
                 field="typed_name")


def test_verify_passes_and_fails_after_a_change_by_hand(ctx):
    db = ctx["db"]
    assert "valid" in db.cli("incident", "verify", str(ctx["r"])).out
    db.execute(f"UPDATE incident SET narrative = 'Nothing happened.' WHERE id = {ctx['r']}")
    r = db.cli("incident", "verify", str(ctx["r"]), expect=1)
    assert "changed after it was signed" in r.err
    db.execute("UPDATE incident SET narrative = 'A customer slipped on the wet entrance floor.' "
               f"WHERE id = {ctx['r']}")
    db.cli("incident", "verify", str(ctx["r"]))
    db.execute(f"UPDATE incident_addendum SET text = 'edited' WHERE incident_id = {ctx['r']}")
    r = db.cli("incident", "verify", str(ctx["r"]), expect=1)
    assert "addendum 1" in r.err


def test_an_unsigned_report_from_an_earlier_day_is_overdue(ctx):
    old = datetime.now(timezone.utc) - timedelta(days=2)
    status, late = report(ctx, occurred_at=iso(old), category="theft")
    assert status == 201 and late["overdue"] is True and late["warnings"] == []
    status, fresh = report(ctx, category="angry_customer")
    assert fresh["overdue"] is False
    status, body = ctx["srv"].api("GET", "/api/v1/incidents?status=overdue",
                                  token=ctx["kos.manager"])
    ids = [i["id"] for i in body["incidents"]]
    assert late["id"] in ids and fresh["id"] not in ids and ctx["r"] not in ids
    _, body = ctx["srv"].api("GET", "/api/v1/incidents?status=overdue", token=ctx["director"])
    assert late["id"] in [i["id"] for i in body["incidents"]]
    _, dash = ctx["srv"].api("GET", "/api/v1/hq/dashboard", token=ctx["director"])
    assert late["id"] in [i["id"] for i in dash["incidents_overdue"]]
    status, _, page = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 200 and f"Report {late['id']}: theft".encode() in page


def test_volunteers_start_drafts_but_do_not_sign(ctx):
    status, r = report(ctx, who="kos.vol", category="vandalism",
                       narrative="Graffiti in the restroom.")
    assert status == 201
    act(ctx, r["id"], "hq-notified", {"taken_by": "coordinator"}, who="kos.vol")
    expect_error(act(ctx, r["id"], "sign", {"typed_name": "Kos Vol"}, who="kos.vol"), 409,
                 "policy", rule="CS-DIFFICULT")
