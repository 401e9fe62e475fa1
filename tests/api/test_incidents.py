"""CS-INCIDENT and CS-INSURANCE over the API: the verbal report first, the Business Manager
for an injury, a signature that freezes the report and can be verified, addenda, delivery to
the three HQ roles, and the same-day deadline."""
import hashlib
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

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


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def a_moment_ago():
    """Five minutes ago, or the start of the branch's day if that is nearer: a report made
    just after midnight is about today, not overdue from yesterday."""
    now = datetime.now(timezone.utc)
    local = now.astimezone(ZoneInfo("America/Chicago"))
    since_midnight = timedelta(hours=local.hour, minutes=local.minute, seconds=local.second)
    return now - min(timedelta(minutes=5), since_midnight)


def report(ctx, who="kos.staff", **extra):
    body = {"branch": "KOS", "occurred_at": iso(a_moment_ago()),
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
    e = expect_error(report(ctx, people=[{"name": "X"}]), 422, field="people.kind")
    assert "people[0].kind" in e["message"], e
    e = expect_error(report(ctx, people=[{"name": "X", "kind": "witness"},
                                         {"name": "Y", "kind": "alien"}]), 422, field="people.kind")
    assert "people[1].kind" in e["message"] and "witness" in e["message"], e
    e = expect_error(report(ctx, people=[{"name": "X", "kind": "witness", "age": 3}]), 422,
                     field="people.age")
    expect_error(report(ctx, people=["X"]), 422, field="people")


def test_an_injury_report_shows_the_insurance_instruction(ctx):
    status, r = report(ctx)
    assert status == 201, r
    assert r["status"] == "draft" and r["overdue"] is False
    assert [w["rule"] for w in r["warnings"]] == ["CS-INSURANCE"]
    assert "no insurance information" in r["warnings"][0]["message"]
    assert [p["name"] for p in r["people"]] == ["Alma Ruth", "Kos Manager"]
    ctx["r"] = r["id"]


def page(ctx, path, who="kos.staff"):
    status, body = ctx["srv"].api("GET", path, token=ctx[who])
    assert status == 200, body
    return body


def steps(body, done=False):
    """The numbered steps' headings, in the order the page shows them (with whether each is
    done, when done)."""
    found = re.findall(r'<h2>(\d+\. [^<]+) <span class="(done|todo)">[^<]*</span></h2>', body)
    return [(t, d == "done") for t, d in found] if done else [t for t, _ in found]


def test_the_forms_start_at_choose_and_number_the_steps_in_the_policys_order(ctx):
    form = page(ctx, "/desk/KOS/incidents")
    # The kind is chosen, not assumed: nothing is picked for the reader.
    select = re.search(r'<select id="icat" name="category"[^>]*>(.*?)</select>', form).group(0)
    assert " required" in select.split(">")[0], select
    assert '<option value="" selected>Choose…</option>' in select
    assert select.count("selected") == 1, select
    assert '<a class="back" href="/desk/KOS">Back to the Kosciusko desk</a>' in form
    # An injury: tell Headquarters, the Business Manager, write, sign (CS-INCIDENT,
    # CS-INSURANCE).
    body = page(ctx, f"/incidents/{ctx['r']}")
    assert steps(body) == ["1. Tell Headquarters by telephone", "2. Contact the Business Manager",
                           "3. Write the report", "4. Sign and send"], steps(body)
    picker = re.search(r'<select id="hqby" name="taken_by"[^>]*>(.*?)</select>', body).group(0)
    assert picker.startswith('<select id="hqby" name="taken_by" required'), picker
    assert '<option value="" selected>Choose…</option>' in picker
    assert picker.count("selected") == 1 and "Director" in picker, picker
    assert '<a class="back" href="/desk/KOS">Back to the Kosciusko desk</a>' in body
    # No Business Manager step where nobody was hurt.
    status, v = report(ctx, category="vandalism", people=[])
    assert status == 201, v
    assert steps(page(ctx, f"/incidents/{v['id']}")) == [
        "1. Tell Headquarters by telephone", "2. Write the report", "3. Sign and send"]


def test_signing_needs_the_verbal_report_to_hq_first(ctx):
    expect_error(act(ctx, ctx["r"], "sign", {"typed_name": "Kos Staff"}), 409, "policy",
                 rule="CS-INCIDENT")
    expect_error(act(ctx, ctx["r"], "hq-notified", {"taken_by": "kos.manager"}), 422,
                 field="taken_by")
    status, r = act(ctx, ctx["r"], "hq-notified", {"taken_by": "coordinator"})
    assert status == 200 and r["hq_notified"]["taken_by"]["login"] == "coordinator", r
    # Told: the step stays where the policy puts it, marked done, with who took it.
    body = page(ctx, f"/incidents/{ctx['r']}")
    assert steps(body, done=True) == [
        ("1. Tell Headquarters by telephone", True), ("2. Contact the Business Manager", False),
        ("3. Write the report", True), ("4. Sign and send", False)], steps(body, done=True)
    assert "Coordinator took the verbal report" in body


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
                                token=ctx["kos.vol"]), 409, rule="CS-DIFFICULT")


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
        body = text.get_payload(decode=True).decode()
        assert "slipped on the wet entrance floor" in body
        # In words and the branch's time, with a link to the page, never the raw signature.
        assert "Kind of incident: Injury" in body and re.search(r"When it happened: \w{3}, "
                                                                r"\w{3} \d+, \d{4}, .* C[DS]T", body)
        assert f"/incidents/{ctx['r']}\n" in body and "/api/v1/" not in body, body
        assert r["signed"]["signature"] not in body
        assert pdf.get_content_type() == "application/pdf"
        assert pdf.get_payload(decode=True).startswith(b"%PDF-")


def test_report_pdf_reads_as_the_report(ctx):
    import subprocess
    status, headers, data = ctx["srv"].request(
        "GET", f"/api/v1/incidents/{ctx['r']}/report.pdf",
        headers={"Authorization": "Bearer " + ctx["kos.manager"], "Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    # Compressed already: never gzipped again, whatever the client accepts.
    assert headers["Content-Encoding"] is None and headers["Vary"] is None
    assert data.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    for words in ("Incident Report", "Kosciusko", "slipped on the wet entrance floor",
                  "Alma Ruth", "Business Manager contacted",
                  "Signed electronically by Kos Staff"):
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
    assert "no longer matches what was signed" in r.err
    assert ("what happened: signed as \"A customer slipped on the wet entrance floor.\", "
            "now \"Nothing happened.\"") in r.err, r.err
    db.execute("UPDATE incident SET narrative = 'A customer slipped on the wet entrance floor.' "
               f"WHERE id = {ctx['r']}")
    db.cli("incident", "verify", str(ctx["r"]))
    db.execute(f"UPDATE incident_addendum SET text = 'edited' WHERE incident_id = {ctx['r']}")
    r = db.cli("incident", "verify", str(ctx["r"]), expect=1)
    assert "addendum 1: text: signed as" in r.err, r.err


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
    assert status == 200 and f"Report {late['id']}: Theft".encode() in page


def test_a_report_from_before_the_autumn_change_is_due_at_that_days_midnight(ctx):
    # CS-INCIDENT: due by the end of the day it happened. Kosciusko keeps Chicago time, whose
    # 2025-11-02 has 25 hours: 01:30 CDT is 06:30Z, and the day ends at 00:00 CST on the 3rd
    # (06:00Z), not an hour earlier as it did when the local hours were subtracted.
    status, r = report(ctx, occurred_at="2025-11-02T06:30:00Z", category="theft")
    assert status == 201, r
    assert r["due_at"] == "2025-11-03T06:00:00Z", r["due_at"]
    # The spring change's day has 23 hours: 01:30 CST on 2025-03-09 is due at 05:00Z.
    status, r = report(ctx, occurred_at="2025-03-09T07:30:00Z", category="theft")
    assert status == 201 and r["due_at"] == "2025-03-10T05:00:00Z", r["due_at"]


def test_volunteers_neither_start_nor_touch_an_incident_report(ctx):
    # CS-DIFFICULT: no draft, no verbal report to HQ, no signature; they are told whom to fetch.
    e = expect_error(report(ctx, who="kos.vol", category="vandalism",
                            narrative="Graffiti in the restroom."), 409, "policy",
                     rule="CS-DIFFICULT")
    status, body = report(ctx, who="kos.vol", category="vandalism", narrative="Graffiti.")
    assert body["error"]["in_charge"]["staff"]["login"] == "kos.manager", body
    assert "Kos Manager" in e["message"]
    status, r = report(ctx, category="vandalism", narrative="Graffiti in the restroom.")
    assert status == 201, r
    for what, body in (("hq-notified", {"taken_by": "coordinator"}),
                       ("business-manager-contacted", {}),
                       ("sign", {"typed_name": "Kos Vol"})):
        expect_error(act(ctx, r["id"], what, body, who="kos.vol"), 409, "policy",
                     rule="CS-DIFFICULT")
    status, _ = ctx["srv"].api("GET", f"/api/v1/incidents/{r['id']}", token=ctx["kos.vol"])
    assert status == 403  # they do not read incident reports either
    status, unchanged = ctx["srv"].api("GET", f"/api/v1/incidents/{r['id']}",
                                       token=ctx["kos.manager"])
    assert unchanged["hq_notified"] is None and unchanged["status"] == "draft"


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def test_photos_are_attached_type_checked_and_listed(ctx):
    srv = ctx["srv"]
    status, draft = report(ctx, category="vandalism", narrative="Graffiti on the door.")
    assert status == 201, draft
    iid = draft["id"]
    h = {"Authorization": "Bearer " + ctx["kos.staff"], "Content-Type": "image/png"}
    status, _, data = srv.request("POST", f"/api/v1/incidents/{iid}/attachments?name=floor.png",
                                  PNG, h)
    assert status == 201, data
    _, r = srv.api("GET", f"/api/v1/incidents/{iid}", token=ctx["kos.manager"])
    att = r["attachments"][0]
    assert att["name"] == "floor.png" and att["size_bytes"] == len(PNG)
    assert att["sha256"] == hashlib.sha256(PNG).hexdigest(), att
    status, headers, data = srv.request(
        "GET", f"/api/v1/incidents/{iid}/attachments/{att['id']}",
        headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and data == PNG and headers["Content-Type"] == "image/png"
    status, _, data = srv.request("POST", f"/api/v1/incidents/{iid}/attachments?name=x.png",
                                  b"GIF89a not a png", h)
    assert status == 422 and b"content_type" in data
    # CS-INCIDENT: a signed report takes no file; what comes later is a signed addendum.
    status, _, data = srv.request("POST", f"/api/v1/incidents/{ctx['r']}/attachments?name=late.png",
                                  PNG, h)
    assert status == 409 and b'"rule":"CS-INCIDENT"' in data, data
    assert b"the report is signed: add a signed addendum instead" in data
    _, _, pdf = srv.request("GET", f"/api/v1/incidents/{iid}/report.pdf",
                            headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    import subprocess
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout
    assert b"floor.png" in text
    assert b"SHA-256 (first 16 digits)" in text, text
    assert hashlib.sha256(PNG).hexdigest()[:16].encode() in text, text


def test_a_branch_manager_is_warned_an_hour_before_a_report_falls_due(ctx):
    import time
    status, r = report(ctx, category="threat", narrative="A man threatened the desk clerk.")
    assert status == 201
    # Bring the end of its day to within the hour, then let a fresh worker look.
    ctx["db"].execute(f"UPDATE incident SET due_at = {int(time.time()) + 1800} "
                      f"WHERE id = {r['id']}")
    ctx["db"].execute("UPDATE staff SET email = 'kos.manager@mmrls.example' "
                      "WHERE login = 'kos.manager'")
    assert ctx["srv"].stop() < 3
    ctx["srv"] = Server(ctx["db"], smtp=ctx["smtp"])
    deadline = time.time() + 20
    warned = []
    # In the last hour of the branch's day the module's other drafts fall due too, and are
    # rightly warned about: count the warnings about this report.
    while not warned and time.time() < deadline:
        warned = [m for m in ctx["smtp"].messages()
                  if "kos.manager@" in m["X-Rcpt-To"] and "within the hour" in m["Subject"]
                  and f"report {r['id']} " in m.get_payload()]
        time.sleep(0.2)
    assert len(warned) == 1, "the branch manager was not warned"


CARD = "21170000100017"


def ban(ctx, who="kos.staff", **extra):
    return ctx["srv"].api("POST", f"/api/v1/customers/{CARD}/restrictions",
                          {"scope": "computer", "reason": "Viewing violent material", **extra},
                          token=ctx[who])


def test_a_graduated_schedule_suggests_each_bans_length(ctx):
    import time
    srv = ctx["srv"]
    assert srv.api("POST", "/api/v1/customers", {"card": CARD, "name": "Loretta Pickens"},
                   token=ctx["kos.staff"])[0] == 201
    expect_error(ban(ctx, who="kos.vol", incident=ctx["r"]), 403)
    expect_error(ban(ctx, scope="moon", who="kos.manager"), 422, field="scope")
    expect_error(ban(ctx, incident=999999, who="kos.manager"), 404, field="incident")
    lengths = []
    for _ in range(4):
        status, b = ban(ctx, incident=ctx["r"], who="kos.manager")
        assert status == 201, b
        lengths.append(None if b["until"] is None else round(
            (datetime.fromisoformat(b["until"].replace("Z", "+00:00")).timestamp() - time.time())
            / 86400))
    assert lengths == [7, 30, 365, None], lengths
    ctx["bans"] = b["id"]


def test_the_desk_sees_an_active_ban_but_not_the_past(ctx):
    srv = ctx["srv"]
    assert srv.api("POST", "/api/v1/complaints", {"branch": "KOS", "text": "Rude to staff",
                                                  "customer_card": CARD},
                   token=ctx["kos.staff"])[0] == 201
    status, c = srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["kos.staff"])
    assert status == 200 and len(c["restrictions"]) == 4
    assert all(x["scope"] == "computer" and x["active"] for x in c["restrictions"])
    assert "complaints" not in c and "Rude to staff" not in str(c)  # CS-NOBIAS
    expect_error(srv.api("GET", f"/api/v1/customers/{CARD}/history", token=ctx["kos.staff"]), 403)
    status, h = srv.api("GET", f"/api/v1/customers/{CARD}/history", token=ctx["kos.manager"])
    assert status == 200 and len(h["restrictions"]) == 4
    assert [k["text"] for k in h["complaints"]] == ["Rude to staff"]  # for managers only


def test_the_history_lists_past_requests_for_managers_only(ctx):
    srv = ctx["srv"]
    status, q = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                     "text": "Large-print westerns",
                                                     "customer_card": CARD},
                        token=ctx["kos.staff"])
    assert status == 201, q
    assert srv.api("POST", f"/api/v1/requests/{q['id']}/close", {"outcome": "fulfilled"},
                   token=ctx["kos.staff"])[0] == 200
    _, c = srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["kos.staff"])
    assert "westerns" not in str(c)  # CS-NOBIAS: not at the desk
    status, h = srv.api("GET", f"/api/v1/customers/{CARD}/history", token=ctx["kos.manager"])
    assert status == 200, h
    assert [(x["kind"], x["text"], x["outcome"]) for x in h["requests"]] == [
        ("material", "Large-print westerns", "fulfilled")]


def test_lifting_and_appeals_are_for_the_manager_or_hq(ctx):
    srv = ctx["srv"]
    expect_error(srv.api("POST", f"/api/v1/restrictions/{ctx['bans']}/lift", {},
                         token=ctx["kos.staff"]), 403)
    status, b = srv.api("POST", f"/api/v1/restrictions/{ctx['bans']}/appeal",
                        {"note": "Apologised in writing", "outcome": "reduced",
                         "until": iso(datetime.now(timezone.utc) + timedelta(days=60))},
                        token=ctx["kos.manager"])
    assert status == 200 and b["appeal"]["outcome"] == "reduced" and b["until"], b
    status, b = srv.api("POST", f"/api/v1/restrictions/{ctx['bans']}/lift", {},
                        token=ctx["director"])
    assert status == 200 and b["active"] is False and b["lifted_at"]
    _, c = srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["kos.staff"])
    assert len(c["restrictions"]) == 3
