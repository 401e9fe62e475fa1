"""CS-DIFFICULT, CS-COMPLAINT, CS-PRIVATE and CS-JUDGE over the API, with notices delivered
to a real SMTP server the tests start, and the outbox surviving a stopped mail server."""
import time

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "LEX", "--name", "Lexington", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch, email in [
            ("director", "executive_director", "HQ", "director@mmrls.example"),
            ("coordinator", "branch_services_coordinator", "HQ", "bsc@mmrls.example"),
            ("kos.manager", "branch_manager", "KOS", "kos.manager@mmrls.example"),
            ("kos.staff", "staff", "KOS", None), ("kos.sub", "substitute", "KOS", None),
            ("kos.vol", "volunteer", "KOS", None), ("lex.manager", "branch_manager", "LEX",
                                                     "lex.manager@mmrls.example"),
            ("lex.sub", "substitute", "LEX", None), ("lex.staff", "staff", "LEX", None)]:
        ctx[login] = db.add_user(login, role, branch, email=email)
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    for login, branch in [("kos.manager", "KOS"), ("kos.staff", "KOS"), ("kos.sub", "KOS"),
                          ("kos.vol", "KOS"), ("lex.sub", "LEX")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def complaint(ctx, who, branch="KOS", **extra):
    return ctx["srv"].api("POST", "/api/v1/complaints", {
        "branch": branch, "text": "The fines are unfair", **extra}, token=ctx[who])


def mails_to(ctx, address, count=1, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = [m for m in ctx["smtp"].messages() if address in m["X-Rcpt-To"]]
        if len(found) >= count:
            return found
        time.sleep(0.1)
    return [m for m in ctx["smtp"].messages() if address in m["X-Rcpt-To"]]


def test_a_volunteers_complaint_is_sent_to_the_person_in_charge(ctx):
    e = expect_error(complaint(ctx, "kos.vol"), 409, "policy", rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.manager", e
    assert "Kos Manager" in e["message"]


def test_a_substitute_may_not_while_permanent_staff_is_on(ctx):
    e = expect_error(complaint(ctx, "kos.sub"), 409, "policy", rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.manager"


def test_a_substitute_alone_takes_it_contacts_hq_and_the_manager_is_told(ctx):
    status, c = complaint(ctx, "lex.sub", branch="LEX", policy_section="Fines and fees")
    assert status == 201, c
    assert c["hq_contact_required"] is True and c["branch_manager_notified"] is True
    assert any(w["rule"] == "CS-DIFFICULT" and "Headquarters" in w["message"]
               for w in c["warnings"]), c
    mails = mails_to(ctx, "lex.manager@mmrls.example")
    assert mails and "Lexington" in mails[0]["Subject"], mails
    assert "The fines are unfair" in mails[0].get_payload()
    # Once a permanent staff member is on duty there, the substitute no longer may.
    ctx["srv"].api("POST", "/api/v1/duty", {"branch": "LEX"}, token=ctx["lex.staff"])
    expect_error(complaint(ctx, "lex.sub", branch="LEX"), 409, rule="CS-DIFFICULT")


def test_staff_take_a_complaint_with_the_manager_present(ctx):
    status, c = complaint(ctx, "kos.staff", policy_section="Circulation policy: fines")
    assert status == 201, c
    assert c["hq_contact_required"] is False and c["branch_manager_notified"] is False
    assert c["warnings"] == [] and c["taken_by"]["login"] == "kos.staff"
    ctx["complaint"] = c["id"]


def test_refer_director_puts_an_email_in_her_inbox_before_the_call(ctx):
    before = time.time()
    status, c = ctx["srv"].api("POST", f"/api/v1/complaints/{ctx['complaint']}/refer-director",
                               {}, token=ctx["kos.staff"])
    assert status == 200 and c["referred_director_at"], c
    mails = mails_to(ctx, "director@mmrls.example")
    assert len(mails) == 1, mails
    m = mails[0]
    assert "Kosciusko" in m["Subject"] and "may call" in m["Subject"]
    body = m.get_payload()
    assert "The fines are unfair" in body and "Circulation policy" in body
    assert f"/complaints/{ctx['complaint']}" in body
    assert time.time() - before < 15
    # The worker records sent_at once the SMTP server has taken the mail, a moment after the
    # mail is in the inbox.
    for _ in range(50):
        status, c = ctx["srv"].api("GET", f"/api/v1/complaints/{ctx['complaint']}",
                                   token=ctx["kos.manager"])
        if c["notices"][0]["sent_at"] is not None:
            break
        time.sleep(0.1)
    assert c["notices"][0]["sent_at"] is not None
    assert c["notices"][0]["queued_at"] <= c["notices"][0]["sent_at"]
    expect_error(ctx["srv"].api("POST", f"/api/v1/complaints/{ctx['complaint']}/refer-director",
                                {}, token=ctx["kos.staff"]), 409)
    status, dash = ctx["srv"].api("GET", "/api/v1/hq/dashboard", token=ctx["coordinator"])
    assert ctx["complaint"] in [x["id"] for x in dash["complaints_referred"]]


def test_only_the_branch_manager_makes_a_judgement_call(ctx):
    body = {"branch": "KOS", "situation": "A man sleeping in the reading room at closing",
            "decision": "Let him stay until the police check on him", "hq_reachable": False}
    e = expect_error(ctx["srv"].api("POST", "/api/v1/judgements", body, token=ctx["kos.staff"]),
                     409, "policy", rule="CS-JUDGE")
    assert e["reach"][0]["login"] == "kos.manager" and "Kos Manager" in e["message"]
    expect_error(ctx["srv"].api("POST", "/api/v1/judgements", {**body, "hq_reachable": True},
                                token=ctx["kos.manager"]), 409, rule="CS-JUDGE")
    status, j = ctx["srv"].api("POST", "/api/v1/judgements", body, token=ctx["kos.manager"])
    assert status == 201 and j["decided_by"]["login"] == "kos.manager", j
    assert j["acknowledged_at"] is None
    ctx["judgement"] = j["id"]
    assert mails_to(ctx, "bsc@mmrls.example"), "Headquarters was not told"


def test_headquarters_acknowledges_the_judgement_call(ctx):
    srv = ctx["srv"]
    _, dash = srv.api("GET", "/api/v1/hq/dashboard", token=ctx["director"])
    assert ctx["judgement"] in [x["id"] for x in dash["judgements_unacknowledged"]]
    expect_error(srv.api("GET", "/api/v1/hq/dashboard", token=ctx["kos.manager"]), 403)
    expect_error(srv.api("POST", f"/api/v1/judgements/{ctx['judgement']}/acknowledge", {},
                         token=ctx["kos.manager"]), 403)
    status, j = srv.api("POST", f"/api/v1/judgements/{ctx['judgement']}/acknowledge", {},
                        token=ctx["coordinator"])
    assert status == 200 and j["acknowledged_by"]["login"] == "coordinator", j
    _, dash = srv.api("GET", "/api/v1/hq/dashboard", token=ctx["director"])
    assert ctx["judgement"] not in [x["id"] for x in dash["judgements_unacknowledged"]]
    expect_error(srv.api("POST", f"/api/v1/judgements/{ctx['judgement']}/acknowledge", {},
                         token=ctx["director"]), 409)


def test_a_situation_without_a_witness_is_flagged(ctx):
    srv = ctx["srv"]
    status, x = srv.api("POST", "/api/v1/situations", {
        "branch": "KOS", "text": "Customer shouting at the desk", "private_area": True,
        "in_charge_included": True}, token=ctx["kos.staff"])
    assert status == 201 and x["flagged"] is True, x
    assert [w["rule"] for w in x["warnings"]] == ["CS-PRIVATE"]
    assert "witness" in x["warnings"][0]["message"]
    status, ok = srv.api("POST", "/api/v1/situations", {
        "branch": "KOS", "text": "Customer upset about a fine", "private_area": True,
        "witness": "kos.manager", "in_charge_included": True}, token=ctx["kos.staff"])
    assert status == 201 and ok["flagged"] is False and ok["warnings"] == [], ok
    assert ok["witness"]["login"] == "kos.manager"
    _, listed = srv.api("GET", "/api/v1/situations?branch=KOS&flagged=1",
                        token=ctx["kos.manager"])
    ids = [s["id"] for s in listed["situations"]]
    assert x["id"] in ids and ok["id"] not in ids
    expect_error(srv.api("POST", "/api/v1/situations", {
        "branch": "KOS", "text": "x", "private_area": True, "in_charge_included": True,
        "witness": "nobody"}, token=ctx["kos.staff"]), 422, field="witness")
    e = expect_error(srv.api("POST", "/api/v1/situations", {
        "branch": "KOS", "text": "x", "private_area": False, "in_charge_included": False},
        token=ctx["kos.vol"]), 409, rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.manager"
    expect_error(srv.api("GET", "/api/v1/situations?branch=KOS", token=ctx["kos.staff"]), 403)


def test_a_notice_waits_while_the_mail_server_is_down_and_arrives_once(ctx):
    srv, smtp, db = ctx["srv"], ctx["smtp"], ctx["db"]
    status, c = complaint(ctx, "kos.staff", text="The wifi is always down")
    assert status == 201
    smtp.stop()
    status, c = srv.api("POST", f"/api/v1/complaints/{c['id']}/refer-director", {},
                        token=ctx["kos.staff"])
    assert status == 200
    time.sleep(2.5)
    _, c = srv.api("GET", f"/api/v1/complaints/{c['id']}", token=ctx["kos.manager"])
    notice = c["notices"][0]
    assert notice["sent_at"] is None and notice["attempts"] >= 1, notice
    # The desk restarts too while the mail server is away: nothing is lost.
    assert srv.stop() < 3
    smtp.start()
    ctx["srv"] = srv = Server(db, smtp=smtp)
    deadline = time.time() + 30
    mails = []
    while not mails and time.time() < deadline:
        mails = [m for m in smtp.messages() if "wifi" in m.get_payload()]
        time.sleep(0.1)
    assert len(mails) == 1, "the notice did not arrive"
    assert "director@mmrls.example" in mails[0]["X-Rcpt-To"]
    time.sleep(2)
    mails = [m for m in smtp.messages() if "wifi" in m.get_payload()]
    assert len(mails) == 1, "the notice arrived more than once"
    _, c = srv.api("GET", f"/api/v1/complaints/{c['id']}", token=ctx["kos.manager"])
    assert c["notices"][0]["sent_at"] is not None
