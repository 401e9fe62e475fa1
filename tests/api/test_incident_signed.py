"""After a report is signed (CS-INCIDENT): its page shows who signed it, when, with the key's
fingerprint and check code, and each Headquarters recipient's email moving from waiting to sent
(or not sent, with the mail server's reason); photos are added from the draft's page, binary
bytes intact, and refused once it is signed, through the page and the API; the public verify
page confirms an untouched report, names a changed one (which `incident verify` fails too) and
answers one same 404 to a wrong code or an unknown id; the Branch Manager away from her branch
is told when a report is begun there, and one on duty is not."""
import json
from html import unescape
import re
import subprocess
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone

from harness import Db, Server, SmtpSink, expect_error

PASSWORD = "signed reports 2026"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # NUL bytes and all
AN_HOUR_AGO = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
HQ = [("director", "executive_director", "Executive Director"),
      ("business", "business_manager", "Business Manager"),
      ("coordinator", "branch_services_coordinator", "Branch Services Coordinator")]


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "WAL", "--name", "Walnut", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "smtp": SmtpSink()}
    people = [(login, role, "HQ") for login, role, _ in HQ] + [
        ("kos.staff", "staff", "KOS"), ("kos.manager", "branch_manager", "KOS"),
        ("wal.staff", "staff", "WAL"), ("wal.manager", "branch_manager", "WAL")]
    for login, role, branch in people:
        ctx[login] = db.add_user(login, role, branch, password=PASSWORD,
                                 email=f"{login}@mmrls.example")
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    # KOS's manager is away; WAL's is on duty at her branch.
    for login, branch in (("kos.staff", "KOS"), ("wal.staff", "WAL"), ("wal.manager", "WAL")):
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    ctx["kos.staff.browser"] = ctx["srv"].browser("kos.staff", PASSWORD, "/desk/KOS")
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3
    ctx["smtp"].stop()



def page(ctx, path):
    status, _, body = ctx["srv"].request("GET", path,
                                         headers={"Cookie": ctx["kos.staff.browser"][0]})
    return status, body.decode()


def post_form(ctx, path, fields):
    cookie, csrf = ctx["kos.staff.browser"]
    return ctx["srv"].request("POST", path, urllib.parse.urlencode({"csrf": csrf, **fields}),
                              {"Cookie": cookie,
                               "Content-Type": "application/x-www-form-urlencoded"})


def upload(ctx, iid, name, data, kind):
    """The draft page's form, as a browser sends it: multipart/form-data."""
    cookie, csrf = ctx["kos.staff.browser"]
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: {kind}\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    return ctx["srv"].request("POST", f"/incidents/{iid}/attachments", body, {
        "Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={boundary}"})


def api(ctx, method, path, body=None, who="kos.staff"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def draft(ctx, narrative="A shelf fell on a customer's foot."):
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": AN_HOUR_AGO, "category": "theft",
        "narrative": narrative})
    assert status == 201, r
    assert api(ctx, "POST", f"/api/v1/incidents/{r['id']}/hq-notified",
               {"taken_by": "coordinator"})[0] == 200
    return r["id"]


def sign(ctx, iid):
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/sign", {"typed_name": "Kos Staff"})
    assert status == 200, r
    return r


def deliveries_until(ctx, iid, state, seconds=30):
    deadline = time.time() + seconds
    while True:
        _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}", who="kos.manager")
        if all(d["state"] == state for d in r["deliveries"]) or time.time() > deadline:
            return r
        time.sleep(0.2)


def test_the_page_shows_the_signature_and_each_recipient_moving_to_sent(ctx):
    iid = draft(ctx)
    r = sign(ctx, iid)
    # Just signed: queued for each HQ role, none sent yet.
    assert sorted(d["role"] for d in r["deliveries"]) == sorted(role for _, role, _ in HQ), r
    assert {d["state"] for d in r["deliveries"]} == {"waiting"}, r["deliveries"]
    assert {d["to"] for d in r["deliveries"]} == {f"{x}@mmrls.example" for x, _, _ in HQ}
    _, html = page(ctx, f"/incidents/{iid}")
    assert "Signed electronically by Kos Staff (Staff) on " in html, html
    assert r["signed"]["key_fingerprint"] and r["signed"]["key_fingerprint"] in html
    assert 'data-waiting="yes"' in html and 'src="/static/signed.' in html
    # The check code shown is the one the verify page answers to.
    assert ctx["srv"].request("GET", verify_url(ctx, iid)[0])[0] == 200
    assert html.count("waiting to be sent") == 3, html
    for _, _, label in HQ:
        assert f"<strong>{label}</strong>" in html, label
    r = deliveries_until(ctx, iid, "sent")
    assert {d["state"] for d in r["deliveries"]} == {"sent"}, r["deliveries"]
    assert all(d["sent_at"] and d["error"] is None for d in r["deliveries"])
    _, html = page(ctx, f"/incidents/{iid}")
    assert html.count("sent at <time") == 3 and "waiting to be sent" not in html, html
    assert 'data-waiting="no"' in html


def test_a_refusing_mail_server_shows_not_sent_with_its_reason(ctx):
    iid = draft(ctx)
    ctx["smtp"].stop()
    try:
        sign(ctx, iid)
        r = deliveries_until(ctx, iid, "retrying")
        assert {d["state"] for d in r["deliveries"]} == {"retrying"}, r["deliveries"]
        assert all(d["error"] and d["sent_at"] is None for d in r["deliveries"])
        _, html = page(ctx, f"/incidents/{iid}")
        reason = r["deliveries"][0]["error"]
        html = unescape(html)
        assert html.count("<strong>not sent yet</strong>: ") == 3, html
        assert reason in html and "It is tried again at <time" in html, html
        assert "phone Headquarters" in html, html
        assert 'data-waiting="yes"' in html
    finally:
        ctx["smtp"].start()
    assert {d["state"] for d in deliveries_until(ctx, iid, "sent", 60)["deliveries"]} == {"sent"}


def test_a_photo_from_the_page_is_listed_and_a_signed_report_takes_none(ctx):
    iid = draft(ctx, "The window by the door was broken.")
    _, html = page(ctx, f"/incidents/{iid}")
    assert 'enctype="multipart/form-data"' in html and 'name="file"' in html
    status, headers, _ = upload(ctx, iid, "window.png", PNG, "image/png")
    assert status == 303, status
    _, html = page(ctx, f"/incidents/{iid}")
    assert "window.png</a> (2 KiB)" in html, html
    assert re.search(r'<img class="thumb" src="/api/v1/incidents/\d+/attachments/\d+"', html)
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    aid = r["attachments"][0]["id"]
    status, _, data = ctx["srv"].request("GET", f"/api/v1/incidents/{iid}/attachments/{aid}",
                                         headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 200 and data == PNG, "the photo's bytes changed on the way"
    # A text file is no photo: refused, naming the file field.
    status, _, body = upload(ctx, iid, "notes.txt", b"just words", "text/plain")
    assert status == 422, status
    assert post_form(ctx, f"/incidents/{iid}/sign", {"typed_name": "Kos Staff"})[0] == 303
    _, html = page(ctx, f"/incidents/{iid}")
    assert 'name="file"' not in html and "window.png" in html
    status, _, body = upload(ctx, iid, "late.png", PNG, "image/png")
    assert status == 409, status
    assert "add a signed addendum instead" in body.decode()
    status, _, data = ctx["srv"].request(
        "POST", f"/api/v1/incidents/{iid}/attachments?name=late.png", PNG,
        {"Authorization": "Bearer " + ctx["kos.staff"], "Content-Type": "image/png"})
    expect_error((status, json.loads(data)), 409, "policy", rule="CS-INCIDENT")
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert [a["name"] for a in r["attachments"]] == ["window.png"]


def verify_url(ctx, iid):
    _, html = page(ctx, f"/incidents/{iid}")
    code = re.search(r"<dt>Check code</dt><dd><code>([0-9a-f]{16})</code>", html).group(1)
    return f"/verify/{iid}/{code}", code


def test_the_verify_page_confirms_an_untouched_report_and_names_a_changed_one(ctx):
    secret = "Mr. Quimby slipped near the returns cart."
    iid = draft(ctx, secret)
    sign(ctx, iid)
    url, code = verify_url(ctx, iid)
    # Nobody logged in: whoever holds the paper.
    status, _, body = ctx["srv"].request("GET", url)
    html = body.decode()
    assert status == 200, html
    assert f"Incident report {iid} of Kosciusko, signed by Kos Staff on " in html, html
    # When, in the printed signature's own words: the year and the zone too, for the paper is
    # compared with the page perhaps years later and elsewhere.
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    status, _, pdf = ctx["srv"].request("GET", f"/api/v1/incidents/{iid}/report.pdf", headers={
        "Authorization": "Bearer " + ctx["kos.staff"]})
    printed = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf,
                                      capture_output=True, check=True).stdout.decode().split())
    day, clock = re.search(r"Signed electronically by Kos Staff, Staff, on (\w+, \w+ \d+, \d{4}) "
                           r"at (\d+:\d\d [AP]M \w+) \(typed name", printed).groups()
    assert (f'signed by Kos Staff on <time datetime="{r["signed"]["at"]}">{day} at {clock}'
            f"</time>: <strong>the report is intact") in html, (day, clock, html)
    assert "the report is intact</strong> — it has not changed since it was signed" in html
    assert "No addendum has been added to it." in html
    assert "Quimby" not in html and "theft" not in html.lower()  # CS-CONFIDENTIAL
    # Read only: anyone may open it as often as they like without growing the audit log.
    entries = ctx["db"].sql("SELECT count(*) FROM audit_log")[0][0]
    assert ctx["srv"].request("GET", url)[0] == 200
    assert ctx["db"].sql("SELECT count(*) FROM audit_log")[0][0] == entries
    ctx["db"].cli("incident", "verify", str(iid))
    ctx["db"].execute(f"UPDATE incident SET narrative = 'Nothing happened.' WHERE id = {iid}")
    status, _, body = ctx["srv"].request("GET", url)
    html = body.decode()
    assert status == 200 and "This report has changed since it was signed" in html, html
    assert f'<ul id="problems"><li>report {iid}: what happened</li></ul>' in html, html
    assert "Nothing happened" not in html and "Quimby" not in html
    ctx["db"].cli("incident", "verify", str(iid), expect=1)
    # Those who may read it are told too, on its page, in the API and on paper.
    _, html = page(ctx, f"/incidents/{iid}")
    assert "This report has changed since it was signed." in html, html
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert r["intact"] is False and any("what happened" in c for c in r["changes"]), r
    status, _, pdf = ctx["srv"].request("GET", f"/api/v1/incidents/{iid}/report.pdf", headers={
        "Authorization": "Bearer " + ctx["kos.staff"]})
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "WARNING: this report has changed since it was signed" in " ".join(text.split())
    # A wrong code and an unknown id read the same.
    wrong = "0123456789abcdef" if code != "0123456789abcdef" else "fedcba9876543210"
    answers = [ctx["srv"].request("GET", path) for path in
               (f"/verify/{iid}/{wrong}", f"/verify/{iid + 1000}/{code}", f"/verify/x/{code}")]
    assert {a[0] for a in answers} == {404}, [a[0] for a in answers]
    verdicts = {re.search(rb'<p class="card" id="verdict">[^<]*', a[2]).group(0)
                for a in answers}
    assert len(verdicts) == 1 and b"No signed report matches this code" in verdicts.pop()


def text_of(mail):
    """The message's own text (an incident's notices carry its PDF beside it)."""
    for part in mail.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode().replace("\r\n", "\n")
    return ""


def mails_about(ctx, login, iid):
    """The mails to login that open with report iid's link (its opening notice)."""
    return [m for m in ctx["smtp"].messages()
            if f"{login}@mmrls.example" in m["X-Rcpt-To"]
            and f"/incidents/{iid}\n" in text_of(m)]


def test_the_branch_manager_away_is_told_of_a_report_begun_and_one_on_duty_is_not(ctx):
    by_api = draft(ctx, "Through the API.")
    status, headers, _ = post_form(ctx, "/desk/KOS/incidents", {
        "category": "theft", "minutes_ago": "5", "narrative": "Through the page."})
    assert status == 303
    by_page = int(headers["Location"].rsplit("/", 1)[1])
    deadline = time.time() + 30
    while time.time() < deadline and not (mails_about(ctx, "kos.manager", by_api) and
                                          mails_about(ctx, "kos.manager", by_page)):
        time.sleep(0.2)
    for iid in (by_api, by_page):
        mails = mails_about(ctx, "kos.manager", iid)
        assert len(mails) == 1, [m["Subject"] for m in ctx["smtp"].messages()]
        assert mails[0]["Subject"] == "Incident at Kosciusko while you are away"
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "WAL", "occurred_at": AN_HOUR_AGO, "category": "theft",
        "narrative": "The manager is here."}, who="wal.staff")
    assert status == 201, r
    time.sleep(3)  # the worker looks every 2 s: anything queued would have gone
    assert mails_about(ctx, "wal.manager", r["id"]) == []
    rows = ctx["db"].sql(f"SELECT count(*) FROM outbox WHERE about_kind = 'incident' AND "
                         f"about_id = {r['id']} AND to_addr = 'wal.manager@mmrls.example'")
    assert int(rows[0][0]) == 0
