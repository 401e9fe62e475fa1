"""The chain of command exactly as the policy says (CS-INCHARGE, CS-DIFFICULT, CS-JUDGE,
CS-PRIVATE, CS-SCOPE): who is in charge with visitors about, who the branch manager hears
from, who may act on a difficult case and what those who may not do instead, judgement
calls, witnesses, bans, and branch scope for managers."""
import time
from datetime import datetime, timedelta, timezone

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

PEOPLE = [
    ("director", "executive_director", "HQ", "director@mmrls.example", "2000-01-01"),
    ("business", "business_manager", "HQ", "business@mmrls.example", "2000-01-01"),
    ("bsc", "branch_services_coordinator", "HQ", "bsc@mmrls.example", "2000-01-01"),
    ("hqstaff", "hq_staff", "HQ", None, "1990-01-01"),
    ("kos.manager", "branch_manager", "KOS", "kos.manager@mmrls.example", "2010-01-01"),
    ("kos.assistant", "assistant_librarian", "KOS", "kos.assistant@mmrls.example",
     "2015-01-01"),
    ("kos.staff", "staff", "KOS", None, "2005-01-01"),
    ("kos.sub", "substitute", "KOS", None, "1995-01-01"),
    ("kos.vol", "volunteer", "KOS", None, "1990-01-01"),
    ("kos.page", "page", "KOS", None, "1990-01-01"),
    ("car.manager", "branch_manager", "CAR", "car.manager@mmrls.example", "1980-01-01"),
    ("car.assistant", "assistant_librarian", "CAR", None, "1981-01-01"),
    ("car.staff", "staff", "CAR", None, "1982-01-01"),
]


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters",
           "--phone", "662-289-5151")
    for code, name in (("KOS", "Kosciusko"), ("CAR", "Carthage")):
        db.cli("branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch, email, start in PEOPLE:
        args = ["user", "add", login, "--name", login.replace(".", " ").title(), "--role", role,
                "--branch", branch, "--service-start", start]
        if email:
            args += ["--email", email]
        db.cli(*args)
        ctx[login] = db.cli("token", "create", login).out.strip()
    ctx["smtp"] = SmtpSink()
    ctx["srv"] = Server(db, smtp=ctx["smtp"])
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def api(ctx, method, path, body=None, who="kos.staff"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def on(ctx, login, branch):
    status, body = api(ctx, "POST", "/api/v1/duty", {"branch": branch}, who=login)
    assert status == 200, body


def everyone_off(ctx):
    for login, *_ in PEOPLE:
        api(ctx, "POST", "/api/v1/duty/off", {"note": "end of the test's shift"}, who=login)


def in_charge(ctx, branch="KOS"):
    status, body = api(ctx, "GET", f"/api/v1/branches/{branch}/in-charge")
    assert status == 200, body
    return body["staff"]["login"] if body["staff"] else None


def mails(ctx, address, subject_part, count=1, seconds=15):
    deadline = time.time() + seconds
    while True:
        found = [m for m in ctx["smtp"].messages()
                 if address in m["X-Rcpt-To"] and subject_part in m["Subject"]]
        if len(found) >= count or time.time() > deadline:
            return found
        time.sleep(0.1)


def a_minute_ago():
    return (datetime.now(timezone.utc) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def incident(ctx, who, **extra):
    body = {"branch": "KOS", "occurred_at": a_minute_ago(), "category": "theft",
            "narrative": "A bag was taken from a study carrel."}
    body.update(extra)
    return api(ctx, "POST", "/api/v1/incidents", body, who=who)


# Who is in charge (CS-INCHARGE)

def test_a_visiting_manager_is_never_in_charge_above_the_branchs_own_managers(ctx):
    everyone_off(ctx)
    on(ctx, "car.manager", "KOS")  # longest serving of all, but a visitor here
    on(ctx, "kos.staff", "KOS")
    assert in_charge(ctx) == "car.manager"  # a visiting manager outranks staff
    on(ctx, "kos.assistant", "KOS")
    assert in_charge(ctx) == "kos.assistant"  # the branch's own assistant librarian
    on(ctx, "kos.manager", "KOS")
    assert in_charge(ctx) == "kos.manager"  # the branch's own branch manager
    everyone_off(ctx)


def test_headquarters_clocked_on_ranks_with_the_visiting_managers(ctx):
    on(ctx, "kos.staff", "KOS")
    on(ctx, "hqstaff", "KOS")  # in person at the branch
    assert in_charge(ctx) == "hqstaff"
    on(ctx, "car.manager", "KOS")  # a visitor too, and the longer serving of the two
    assert in_charge(ctx) == "car.manager"
    on(ctx, "kos.assistant", "KOS")
    assert in_charge(ctx) == "kos.assistant"
    everyone_off(ctx)


def test_the_branchs_own_manager_hears_of_a_complaint_while_a_visiting_manager_is_in_charge(ctx):
    on(ctx, "car.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "The wifi"})
    assert status == 201 and c["branch_manager_notified"] is True, c
    assert mails(ctx, "kos.manager@", "Complaint at Kosciusko while you are away")
    assert not mails(ctx, "car.manager@", "Complaint at Kosciusko", seconds=1)
    everyone_off(ctx)


def test_the_branchs_own_manager_hears_of_every_situation_judgement_and_incident_while_away(ctx):
    on(ctx, "kos.assistant", "KOS")
    on(ctx, "kos.staff", "KOS")
    status, x = api(ctx, "POST", "/api/v1/situations", {
        "branch": "KOS", "text": "Shouting", "private_area": True, "in_charge_included": True})
    assert status == 201 and x["branch_manager_notified"] is True, x
    assert mails(ctx, "kos.manager@", "Difficult situation at Kosciusko while you are away")
    status, i = incident(ctx, "kos.staff")
    assert status == 201, i
    assert mails(ctx, "kos.manager@", "Incident at Kosciusko while you are away")
    status, j = api(ctx, "POST", "/api/v1/judgements", {
        "branch": "KOS", "situation": "Heat wave", "decision": "Opened the meeting room",
        "hq_reachable": False}, who="kos.assistant")
    assert status == 201, j
    assert mails(ctx, "kos.manager@", "Judgement call at Kosciusko while you are away")
    # With her at the branch, nothing is sent her way.
    on(ctx, "kos.manager", "KOS")
    before = len(ctx["smtp"].messages())
    status, x = api(ctx, "POST", "/api/v1/situations", {
        "branch": "KOS", "text": "Calm again", "private_area": True,
        "in_charge_included": True})
    assert status == 201 and x["branch_manager_notified"] is False
    time.sleep(1)
    assert not [m for m in ctx["smtp"].messages()[before:] if "kos.manager@" in m["X-Rcpt-To"]]
    everyone_off(ctx)


# Who may act (CS-DIFFICULT)

def test_a_volunteer_fetches_the_person_in_charge_who_sees_it_at_once_and_answers_it(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.vol", "KOS")
    e = expect_error(api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "x"},
                         who="kos.vol"), 409, "policy", rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.manager"
    # Every desk at the branch follows the queue's events: the call is one of them.
    srv = ctx["srv"]
    conn = srv.connection()
    conn.request("GET", "/api/v1/branches/KOS/events",
                 headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    stream = conn.getresponse()
    assert stream.status == 200
    status, f = api(ctx, "POST", "/api/v1/branches/KOS/fetch",
                    {"about": "complaint", "note": "A man at the desk is upset"}, who="kos.vol")
    assert status == 201 and f["to"]["login"] == "kos.manager", f
    assert f["asked_by"]["login"] == "kos.vol" and f["answered_at"] is None
    seen = b""
    deadline = time.time() + 10
    while b'"kind":"fetch"' not in seen and time.time() < deadline:
        seen += stream.fp.read1(4096)
    conn.close()
    assert b'"kind":"fetch"' in seen, seen
    # The person in charge's desk shows it, naming her; the volunteer's desk too.
    status, _, page = srv.request("GET", "/desk/KOS/queue",
                                  headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and b"fetch-me" in page and b"A man at the desk is upset" in page
    # A volunteer cannot answer it; the person in charge does, and it leaves every desk.
    expect_error(api(ctx, "POST", f"/api/v1/fetches/{f['id']}/answer", {}, who="kos.vol"),
                 409, rule="CS-DIFFICULT")
    status, answered = api(ctx, "POST", f"/api/v1/fetches/{f['id']}/answer", {},
                           who="kos.manager")
    assert status == 200 and answered["answered_by"]["login"] == "kos.manager", answered
    status, open_ = api(ctx, "GET", "/api/v1/branches/KOS/fetches", who="kos.vol")
    assert status == 200 and open_["fetches"] == []
    expect_error(api(ctx, "POST", f"/api/v1/fetches/{f['id']}/answer", {},
                     who="kos.manager"), 409)
    expect_error(api(ctx, "POST", "/api/v1/branches/KOS/fetch", {"about": "gossip"},
                     who="kos.vol"), 422, field="about")
    # The hand-off is counted in the service report.
    status, report = api(ctx, "GET", "/api/v1/reports/service?branch=KOS", who="kos.manager")
    assert status == 200 and report["fetches"] >= 1 and report["fetches_answered"] >= 1, report
    everyone_off(ctx)


def test_with_nobody_in_charge_the_call_goes_to_headquarters(ctx):
    on(ctx, "kos.page", "KOS")
    status, f = api(ctx, "POST", "/api/v1/branches/KOS/fetch", {"about": "incident"},
                    who="kos.page")
    assert status == 201 and f["to"] is None, f
    assert mails(ctx, "bsc@", "Kosciusko needs someone in charge")
    status, dash = api(ctx, "GET", "/api/v1/hq/dashboard", who="director")
    assert f["id"] in [x["id"] for x in dash["fetches"]]
    status, _ = api(ctx, "POST", f"/api/v1/fetches/{f['id']}/answer", {}, who="bsc")
    assert status == 200
    everyone_off(ctx)


def hq_cover(ctx):
    """The HQ inbox's card of branches with no permanent staff member on duty, as text."""
    status, page = api(ctx, "GET", "/hq", who="director")
    assert status == 200, page
    start = page.index('id="hq-cover-h"')
    return page[start:page.index("</section>", start)]


def test_a_substitute_alone_is_given_headquarters_phone_and_hq_sees_the_branch(ctx):
    """CS-DIFFICULT: a substitute alone contacts Headquarters, so her desk and forms give its
    number; the HQ inbox lists the branch (CS-INCHARGE), and stops once staff clock on."""
    everyone_off(ctx)
    # Open with nobody on duty at all: Headquarters covers it too.
    assert "Kosciusko</a>: open, with nobody on duty" in hq_cover(ctx)
    on(ctx, "car.manager", "CAR")
    on(ctx, "kos.manager", "KOS")
    card = hq_cover(ctx)
    assert "Every open branch has a permanent staff member on duty." in card, card
    api(ctx, "POST", "/api/v1/duty/off", {"note": "done"}, who="kos.manager")
    on(ctx, "kos.sub", "KOS")
    status, desk = api(ctx, "GET", "/desk/KOS", who="kos.sub")
    assert status == 200 and "Contact Headquarters" in desk
    assert "Headquarters' phone: <a href=\"tel:662-289-5151\">662-289-5151</a>" in desk
    status, forms = api(ctx, "GET", "/desk/KOS/complaints", who="kos.sub")
    assert "you contact Headquarters about it" in forms
    assert "Headquarters' phone: <a href=\"tel:662-289-5151\">" in forms
    card = hq_cover(ctx)
    assert '<a href="/desk/KOS">Kosciusko</a>: Kos Sub, a substitute, is alone in charge' \
        in card, card
    assert "Carthage" not in card  # its branch manager is on duty
    # The HQ inbox no longer claims every branch has someone in charge.
    status, page = api(ctx, "GET", "/hq", who="director")
    assert "every branch has someone in charge" not in page
    # A volunteer alone: nobody in charge, the branch still listed.
    api(ctx, "POST", "/api/v1/duty/off", {"note": "done"}, who="kos.sub")
    on(ctx, "kos.vol", "KOS")
    assert "Kosciusko</a>: nobody who may be in charge is on duty (1 clocked on)" in hq_cover(ctx)
    # Permanent staff on duty: Headquarters no longer covers it, and the desk gives no number.
    on(ctx, "kos.staff", "KOS")
    assert "Kosciusko" not in hq_cover(ctx)
    status, desk = api(ctx, "GET", "/desk/KOS", who="kos.staff")
    assert "Headquarters' phone" not in desk
    # Not for branch staff.
    assert api(ctx, "GET", "/hq", who="kos.staff")[0] == 403
    everyone_off(ctx)


def test_volunteers_and_pages_neither_refer_complaints_nor_report_incidents_to_hq(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.vol", "KOS")
    on(ctx, "kos.page", "KOS")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "Noise"},
                    who="kos.manager")
    assert status == 201
    status, i = incident(ctx, "kos.manager")
    assert status == 201
    for who in ("kos.vol", "kos.page"):
        expect_error(api(ctx, "POST", f"/api/v1/complaints/{c['id']}/refer-director", {},
                         who=who), 409, rule="CS-DIFFICULT")
        expect_error(incident(ctx, who), 409, rule="CS-DIFFICULT")
        expect_error(api(ctx, "POST", f"/api/v1/incidents/{i['id']}/hq-notified",
                         {"taken_by": "bsc"}, who=who), 409, rule="CS-DIFFICULT")
    status, c = api(ctx, "GET", f"/api/v1/complaints/{c['id']}", who="kos.manager")
    assert c["referred_director_at"] is None
    everyone_off(ctx)


def test_a_substitute_is_refused_while_permanent_staff_are_on_duty(ctx):
    on(ctx, "kos.sub", "KOS")
    status, i = incident(ctx, "kos.sub")  # alone: she handles it
    assert status == 201, i
    assert api(ctx, "POST", f"/api/v1/incidents/{i['id']}/hq-notified", {"taken_by": "bsc"},
               who="kos.sub")[0] == 200
    on(ctx, "kos.staff", "KOS")  # permanent staff arrive: the report is theirs to sign
    e = expect_error(api(ctx, "POST", f"/api/v1/incidents/{i['id']}/sign",
                         {"typed_name": "Kos Sub"}, who="kos.sub"), 409, rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.staff"
    expect_error(api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "x"},
                     who="kos.sub"), 409, rule="CS-DIFFICULT")
    everyone_off(ctx)


def test_a_substitute_alone_records_whom_at_hq_she_spoke_to_and_hq_is_told_at_once(ctx):
    on(ctx, "kos.sub", "KOS")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "Fines"},
                    who="kos.sub")
    assert status == 201 and c["hq_contact_required"] is True, c
    assert any("contact Headquarters" in w["message"] for w in c["warnings"])
    assert mails(ctx, "bsc@", "Complaint at Kosciusko: a substitute is alone on duty")
    expect_error(api(ctx, "POST", f"/api/v1/complaints/{c['id']}/hq-contacted",
                     {"hq_contact": "kos.staff"}, who="kos.sub"), 422, field="hq_contact")
    status, c = api(ctx, "POST", f"/api/v1/complaints/{c['id']}/hq-contacted",
                    {"hq_contact": "bsc"}, who="kos.sub")
    assert status == 200 and c["hq_contact"]["login"] == "bsc" and c["hq_contacted_at"], c
    assert not any("contact Headquarters" in w["message"] for w in c["warnings"])
    # The same in one step for a situation.
    status, x = api(ctx, "POST", "/api/v1/situations", {
        "branch": "KOS", "text": "A fight", "private_area": True, "in_charge_included": True,
        "hq_contact": "director"}, who="kos.sub")
    assert status == 201 and x["hq_contact"]["login"] == "director", x
    everyone_off(ctx)


def test_a_draft_handed_over_at_clock_off_is_finished_and_signed_by_its_new_holder(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    status, i = incident(ctx, "kos.staff", category="vandalism")
    assert status == 201
    expect_error(api(ctx, "POST", "/api/v1/duty/off", {}, who="kos.staff"), 422, field="note")
    assert api(ctx, "POST", "/api/v1/duty/off", {"note": "the graffiti report is yours"},
               who="kos.staff")[0] == 200
    assert api(ctx, "POST", f"/api/v1/incidents/{i['id']}/hq-notified", {"taken_by": "bsc"},
               who="kos.manager")[0] == 200
    status, r = api(ctx, "POST", f"/api/v1/incidents/{i['id']}/sign",
                    {"typed_name": "Kos Manager"}, who="kos.manager")
    assert status == 200 and r["status"] == "signed", r
    everyone_off(ctx)


def test_the_person_in_charge_takes_over_a_draft_left_unfinished_and_signs_it(ctx):
    on(ctx, "kos.staff", "KOS")
    on(ctx, "car.staff", "KOS")  # a visitor who started a report and went home
    status, i = incident(ctx, "car.staff")
    assert status == 201, i
    api(ctx, "POST", "/api/v1/duty", {"branch": "CAR"}, who="car.staff")  # moved away
    e = expect_error(api(ctx, "PATCH", f"/api/v1/incidents/{i['id']}",
                         {"actions_taken": "Called the police."}), 409)
    assert "take it over" in e["message"]
    # kos.staff is in charge now: she takes it over, and it is hers to finish and sign.
    assert in_charge(ctx) == "kos.staff"
    status, r = api(ctx, "POST", f"/api/v1/incidents/{i['id']}/take-over", {})
    assert status == 200, r
    assert api(ctx, "PATCH", f"/api/v1/incidents/{i['id']}",
               {"actions_taken": "Called the police."})[0] == 200
    assert api(ctx, "POST", f"/api/v1/incidents/{i['id']}/hq-notified",
               {"taken_by": "bsc"})[0] == 200
    status, r = api(ctx, "POST", f"/api/v1/incidents/{i['id']}/sign", {"typed_name": "Kos Staff"})
    assert status == 200 and r["signed"]["by"]["login"] == "kos.staff", r
    everyone_off(ctx)


# Judgement calls (CS-JUDGE)

JUDGEMENT = {"branch": "KOS", "situation": "A storm took the power out",
             "decision": "Closed the branch for the afternoon", "hq_reachable": False}


def test_the_branch_manager_decides_by_phone_from_away(ctx):
    on(ctx, "kos.staff", "KOS")
    e = expect_error(api(ctx, "POST", "/api/v1/judgements", JUDGEMENT, who="kos.manager"), 409,
                     rule="CS-JUDGE")
    assert "by phone" in e["message"]
    status, j = api(ctx, "POST", "/api/v1/judgements", {**JUDGEMENT, "by_phone": True},
                    who="kos.manager")
    assert status == 201 and j["by_phone"] is True, j
    assert mails(ctx, "director@", "Judgement call at Kosciusko")
    everyone_off(ctx)


def test_the_assistant_librarian_decides_only_when_the_manager_cannot_be_reached(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.assistant", "KOS")
    e = expect_error(api(ctx, "POST", "/api/v1/judgements", JUDGEMENT, who="kos.assistant"),
                     409, rule="CS-JUDGE")
    assert [p["login"] for p in e["reach"]] == ["kos.manager", "kos.assistant"]
    api(ctx, "POST", "/api/v1/duty/off", {"note": "gone home"}, who="kos.manager")
    expect_error(api(ctx, "POST", "/api/v1/judgements",
                     {**JUDGEMENT, "branch_manager_reachable": True}, who="kos.assistant"),
                 409, rule="CS-JUDGE")
    status, j = api(ctx, "POST", "/api/v1/judgements", JUDGEMENT, who="kos.assistant")
    assert status == 201 and j["branch_manager_unreachable"] is True, j
    everyone_off(ctx)


def test_staff_substitutes_and_other_branches_managers_are_told_whom_to_reach(ctx):
    for who, branch in (("kos.staff", "KOS"), ("kos.sub", "KOS"), ("car.manager", "KOS")):
        on(ctx, who, branch)
        e = expect_error(api(ctx, "POST", "/api/v1/judgements", JUDGEMENT, who=who), 409,
                         rule="CS-JUDGE")
        assert "Kos Manager" in e["message"] and e["reach"][0]["login"] == "kos.manager", e
    expect_error(api(ctx, "POST", "/api/v1/judgements", JUDGEMENT, who="director"), 409,
                 rule="CS-JUDGE")
    everyone_off(ctx)


# Branch scope (CS-SCOPE)

def test_a_manager_does_not_act_on_another_branchs_records(ctx):
    on(ctx, "car.manager", "CAR")
    on(ctx, "car.staff", "CAR")
    on(ctx, "kos.manager", "KOS")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "CAR", "text": "Parking"},
                    who="car.manager")
    assert status == 201
    expect_error(api(ctx, "POST", f"/api/v1/complaints/{c['id']}/resolve",
                     {"resolution": "none of mine"}, who="kos.manager"), 403, rule="CS-SCOPE")
    expect_error(api(ctx, "POST", f"/api/v1/complaints/{c['id']}/refer-director", {},
                     who="kos.manager"), 403, rule="CS-SCOPE")
    expect_error(api(ctx, "GET", f"/api/v1/complaints/{c['id']}", who="kos.manager"), 403)
    expect_error(api(ctx, "GET", "/api/v1/complaints?branch=CAR", who="kos.manager"), 403)
    expect_error(api(ctx, "GET", "/api/v1/situations?branch=CAR", who="kos.manager"), 403)
    expect_error(api(ctx, "GET", f"/api/v1/audit?complaint={c['id']}", who="kos.manager"),
                 403, rule="CS-SCOPE")
    # Clocking another branch's people on or off, or moving them to her own branch.
    for body in ({"branch": "CAR", "login": "car.staff"}, {"branch": "KOS", "login": "car.staff"}):
        expect_error(api(ctx, "POST", "/api/v1/duty", body, who="kos.manager"), 403,
                     rule="CS-SCOPE")
    expect_error(api(ctx, "POST", "/api/v1/duty/off", {"login": "car.staff", "note": "x"},
                     who="kos.manager"), 403, rule="CS-SCOPE")
    status, duty = api(ctx, "GET", "/api/v1/branches/CAR/duty", who="kos.manager")
    assert "car.staff" in str(duty)
    # Her own branch's people she does clock on, at her own branch only.
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "login": "kos.staff"},
               who="kos.manager")[0] == 200
    expect_error(api(ctx, "POST", "/api/v1/duty", {"branch": "CAR", "login": "kos.staff"},
                     who="kos.manager"), 403, rule="CS-SCOPE")
    everyone_off(ctx)


def test_reading_a_complaint_or_a_request_is_audited_on_its_customer(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    card = "41410001"
    assert api(ctx, "POST", "/api/v1/customers", {"card": card, "name": "Opal Winters"})[0] == 201
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "Lost hold",
                                                         "customer_card": card})
    status, r = api(ctx, "POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                       "text": "Seed catalogs",
                                                       "customer_card": card})
    assert api(ctx, "GET", f"/api/v1/complaints/{c['id']}", who="kos.manager")[0] == 200
    assert api(ctx, "GET", f"/api/v1/requests/{r['id']}", who="kos.manager")[0] == 200
    status, audit = api(ctx, "GET", f"/api/v1/audit?customer={card}", who="kos.manager")
    reads = [(e["by"], e["action"]) for e in audit["entries"]]
    assert ("kos.manager", f"read via complaint {c['id']}") in reads, reads
    assert ("kos.manager", f"read via request {r['id']}") in reads, reads
    everyone_off(ctx)


# Difficult situations (CS-PRIVATE)

def test_the_witness_is_permanent_staff_on_duty_at_that_branch(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    on(ctx, "kos.vol", "KOS")
    on(ctx, "car.staff", "CAR")
    situation = {"branch": "KOS", "text": "Raised voices", "private_area": True,
                 "in_charge_included": True}
    for witness, why in (("kos.vol", "permanent staff"), ("car.staff", "not on duty"),
                         ("kos.assistant", "not on duty")):
        e = expect_error(api(ctx, "POST", "/api/v1/situations", {**situation,
                                                                 "witness": witness}),
                         422, field="witness")
        assert why in e["message"], e
    status, x = api(ctx, "POST", "/api/v1/situations", {**situation, "witness": "kos.manager"})
    assert status == 201 and x["flagged"] is False, x
    everyone_off(ctx)


def test_the_person_in_charge_who_records_a_situation_counts_as_included(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    status, x = api(ctx, "POST", "/api/v1/situations", {
        "branch": "KOS", "text": "A heated talk", "private_area": True,
        "witness": "kos.staff", "in_charge_included": False}, who="kos.manager")
    assert status == 201 and x["in_charge_included"] is True and x["flagged"] is False, x
    status, x = api(ctx, "POST", "/api/v1/situations", {
        "branch": "KOS", "text": "Another", "private_area": True, "witness": "kos.manager",
        "in_charge_included": False}, who="kos.staff")
    assert x["in_charge_included"] is False and x["flagged"] is True
    everyone_off(ctx)


# Bans (CS-INCIDENT)

def test_a_ban_cites_its_incident_or_opens_one_and_only_the_branchs_managers_or_hq_issue_it(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    card = "51510001"
    assert api(ctx, "POST", "/api/v1/customers", {"card": card, "name": "Rex Morton"})[0] == 201
    ban = {"scope": "computer", "reason": "Viewing violent material"}
    path = f"/api/v1/customers/{card}/restrictions"
    expect_error(api(ctx, "POST", path, ban), 403)  # permanent staff do not ban
    expect_error(api(ctx, "POST", path, ban, who="kos.manager"), 422, field="incident")
    status, b = api(ctx, "POST", path, {**ban, "new_incident": {
        "occurred_at": a_minute_ago(), "narrative": "Violent videos at computer 4."}},
        who="kos.manager")
    assert status == 201 and b["incident"], b
    status, i = api(ctx, "GET", f"/api/v1/incidents/{b['incident']}", who="kos.manager")
    assert i["category"] == "computer_ban" and i["branch"] == "KOS"
    expect_error(api(ctx, "POST", path, {"scope": "building", "reason": "Fighting",
                                         "new_incident": {"occurred_at": a_minute_ago(),
                                                          "narrative": "A fight."}},
                     who="kos.manager"), 422, field="new_incident.category")
    # Another branch's manager may not ban on this branch's incident, even on duty here.
    on(ctx, "car.manager", "KOS")
    expect_error(api(ctx, "POST", path, {**ban, "incident": b["incident"]}, who="car.manager"),
                 403, rule="CS-SCOPE")
    status, _ = api(ctx, "POST", path, {**ban, "incident": b["incident"]}, who="bsc")
    assert status == 201
    # "other" restrictions are no incident.
    status, _ = api(ctx, "POST", path, {"scope": "other", "reason": "No meeting rooms"},
                    who="kos.manager")
    assert status == 201
    everyone_off(ctx)


# Headquarters roles with nobody to receive (CS-COMPLAINT, CS-INCIDENT)

def test_a_headquarters_role_nobody_can_receive_is_warned_the_same_way_everywhere(ctx):
    ctx["db"].cli("user", "deactivate", "business")
    on(ctx, "kos.manager", "KOS")
    status, i = incident(ctx, "kos.manager")
    assert api(ctx, "POST", f"/api/v1/incidents/{i['id']}/hq-notified", {"taken_by": "bsc"},
               who="kos.manager")[0] == 200
    status, r = api(ctx, "POST", f"/api/v1/incidents/{i['id']}/sign",
                    {"typed_name": "Kos Manager"}, who="kos.manager")
    assert status == 200, r
    sentence = "No Business Manager was notified: no active Business Manager account has an " \
               "email address."
    assert any(w["rule"] == "CS-INCIDENT" and w["message"].startswith(sentence)
               for w in r["warnings"]), r["warnings"]
    assert mails(ctx, "director@", "Incident report") and mails(ctx, "bsc@", "Incident report")
    status, dash = api(ctx, "GET", "/api/v1/hq/dashboard", who="director")
    assert dash["roles_unreachable"] == ["business_manager"], dash
    status, _, page = ctx["srv"].request("GET", "/hq",
                                         headers={"Authorization": "Bearer " + ctx["director"]})
    assert sentence.encode() in page
    everyone_off(ctx)


# What the first review of this work found (each failed before its fix)

def test_headquarters_people_are_clocked_on_and_off_only_by_headquarters(ctx):
    on(ctx, "director", "KOS")
    on(ctx, "kos.manager", "KOS")
    for who in ("kos.manager", "car.assistant"):
        expect_error(api(ctx, "POST", "/api/v1/duty/off", {"login": "director", "note": "x"},
                         who=who), 403, rule="CS-SCOPE")
        expect_error(api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "login": "bsc"},
                         who=who), 403, rule="CS-SCOPE")
    status, duty = api(ctx, "GET", "/api/v1/branches/KOS/duty")
    assert "director" in str(duty) and "bsc" not in str(duty)
    expect_error(api(ctx, "GET", "/api/v1/audit?staff=director", who="kos.manager"), 403,
                 rule="CS-SCOPE")
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "login": "bsc"},
               who="director")[0] == 200
    everyone_off(ctx)


def test_a_visiting_manager_works_the_desk_but_does_not_run_the_branch(ctx):
    on(ctx, "car.manager", "KOS")
    on(ctx, "kos.staff", "KOS")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "Heating"},
                    who="car.manager")
    assert status == 201, c  # she takes a complaint at the desk she is on duty at
    for method, path, body in (
            ("POST", "/api/v1/duty/off", {"login": "kos.staff", "note": "x"}),
            ("POST", "/api/v1/duty", {"branch": "KOS", "login": "kos.page"}),
            ("GET", "/api/v1/complaints?branch=KOS", None),
            ("POST", f"/api/v1/complaints/{c['id']}/resolve", {"resolution": "x"}),
            ("GET", "/api/v1/audit?staff=kos.staff", None),
            ("GET", "/api/v1/reports/service?branch=KOS", None)):
        expect_error(api(ctx, method, path, body, who="car.manager"), 403, rule="CS-SCOPE")
    everyone_off(ctx)


def test_volunteers_see_no_number_a_callback_is_promised_to(ctx):
    on(ctx, "kos.staff", "KOS")
    on(ctx, "kos.vol", "KOS")
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "phone"})
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, v = api(ctx, "POST", f"/api/v1/visits/{v['id']}/callback",
                    {"phone": "601-555-0144", "promised_at": later})
    assert status == 200, v
    _, staff_view = api(ctx, "GET", "/api/v1/branches/KOS/queue")
    _, vol_view = api(ctx, "GET", "/api/v1/branches/KOS/queue", who="kos.vol")
    assert "601-555-0144" in str(staff_view)
    assert "601-555-0144" not in str(vol_view) and vol_view["callbacks"], vol_view
    assert vol_view["callbacks"][0]["callback"]["phone"] is None
    status, _, page = ctx["srv"].request("GET", "/desk/KOS/queue",
                                         headers={"Authorization": "Bearer " + ctx["kos.vol"]})
    assert b"601-555-0144" not in page and b"staff have the number" in page
    api(ctx, "POST", f"/api/v1/visits/{v['id']}/callback-done", {})
    everyone_off(ctx)


def test_anyone_opens_another_branchs_desk_to_clock_on_there(ctx):
    on(ctx, "car.staff", "CAR")
    status, _, page = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["car.staff"]})
    assert status == 200 and b"Clock on here" in page and b"another branch" in page, page[-600:]
    assert b'id="queue"' not in page  # not its work until she is on duty there
    status, _, _ = ctx["srv"].request("POST", "/desk/KOS/duty/on", b"",
                                      {"Authorization": "Bearer " + ctx["car.staff"],
                                       "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303
    status, _, page = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["car.staff"]})
    assert status == 200 and b'id="queue"' in page
    everyone_off(ctx)


def test_a_volunteer_not_on_duty_is_still_told_whom_to_fetch(ctx):
    on(ctx, "kos.manager", "KOS")
    e = expect_error(api(ctx, "POST", "/api/v1/complaints", {"branch": "KOS", "text": "x"},
                         who="kos.vol"), 409, rule="CS-DIFFICULT")
    assert e["in_charge"]["staff"]["login"] == "kos.manager"
    everyone_off(ctx)


def test_the_branch_manager_is_not_said_to_be_notified_when_she_cannot_be(ctx):
    # Eupora's branch manager has no email address on record.
    db = ctx["db"]
    db.cli("branch", "add", "EUP", "--name", "Eupora", "--hours", "mon-sun 00:00-24:00")
    db.cli("user", "add", "eup.manager", "--name", "Eup Manager", "--role", "branch_manager",
           "--branch", "EUP")
    ctx["eup.staff"] = db.add_user("eup.staff", "staff", "EUP")
    on(ctx, "eup.staff", "EUP")
    status, c = api(ctx, "POST", "/api/v1/complaints", {"branch": "EUP", "text": "Cold"},
                    who="eup.staff")
    assert status == 201 and c["branch_manager_notified"] is False, c
    assert any("No branch manager of Eupora was notified" in w["message"]
               for w in c["warnings"]), c["warnings"]
    assert not any("has been notified" in w["message"] for w in c["warnings"])
    everyone_off(ctx)


def test_a_manager_off_duty_sees_only_her_branchs_reads_of_a_customer(ctx):
    on(ctx, "kos.staff", "KOS")
    card = "61610001"
    assert api(ctx, "POST", "/api/v1/customers", {"card": card, "name": "Ivy Lane"})[0] == 201
    assert api(ctx, "GET", f"/api/v1/customers/{card}", who="director")[0] == 200
    assert api(ctx, "GET", f"/api/v1/customers/{card}", who="car.staff")[0] == 200
    everyone_off(ctx)  # kos.manager is off duty, as she reads it
    status, audit = api(ctx, "GET", f"/api/v1/audit?customer={card}", who="kos.manager")
    assert status == 200 and {e["by"] for e in audit["entries"]} == {"kos.staff"}, audit


def test_answers_to_changes_that_show_a_customer_are_reads_of_her(ctx):
    on(ctx, "kos.staff", "KOS")
    card = "71710001"
    assert api(ctx, "POST", "/api/v1/customers", {"card": card, "name": "Ned Pope"})[0] == 201
    status, r = api(ctx, "POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                       "text": "Maps", "customer_card": card})
    status, r = api(ctx, "POST", f"/api/v1/requests/{r['id']}/alternatives",
                    {"kind": "interlibrary_loan"})
    assert status == 200 and r["customer"]["card"] == card
    status, audit = api(ctx, "GET", f"/api/v1/audit?customer={card}", who="director")
    assert ("kos.staff", f"read via request {r['id']}") in [(e["by"], e["action"])
                                                             for e in audit["entries"]]
    everyone_off(ctx)


def test_volunteers_see_no_incident_report_among_a_branchs_open_items(ctx):
    on(ctx, "kos.manager", "KOS")
    on(ctx, "kos.vol", "KOS")
    status, i = incident(ctx, "kos.manager")
    assert status == 201
    _, mgr = api(ctx, "GET", "/api/v1/branches/KOS/open-items", who="kos.manager")
    _, vol = api(ctx, "GET", "/api/v1/branches/KOS/open-items", who="kos.vol")
    assert i["id"] in [x["id"] for x in mgr["incidents"]] and vol["incidents"] == [], vol
    everyone_off(ctx)


def test_a_volunteer_demoted_holds_no_incident_draft(ctx):
    on(ctx, "kos.staff", "KOS")
    status, i = incident(ctx, "kos.staff")
    assert status == 201
    assert api(ctx, "PATCH", "/api/v1/users/kos.staff", {"role": "volunteer"},
               who="director")[0] == 200
    status, held = api(ctx, "GET", "/api/v1/duty/held")
    assert held["incidents"] == [], held
    assert api(ctx, "PATCH", "/api/v1/users/kos.staff", {"role": "staff"},
               who="director")[0] == 200
    everyone_off(ctx)


def test_nobody_at_headquarters_to_tell_is_said_for_a_substitutes_report_and_a_call(ctx):
    ctx["db"].cli("user", "deactivate", "bsc")
    on(ctx, "kos.sub", "KOS")
    status, i = incident(ctx, "kos.sub")
    assert status == 201, i
    assert any("No Branch Services Coordinator was notified" in w["message"]
               for w in i["warnings"]), i["warnings"]
    api(ctx, "POST", "/api/v1/duty/off", {"note": "x"}, who="kos.sub")
    on(ctx, "kos.vol", "KOS")
    status, f = api(ctx, "POST", "/api/v1/branches/KOS/fetch", {"about": "other"}, who="kos.vol")
    assert status == 201 and f["to"] is None
    assert any("No Branch Services Coordinator" in w["message"] for w in f["warnings"]), f
    everyone_off(ctx)
