"""The complaint and situation pages: a volunteer is told whom to fetch, by name; the person in
charge records complaints, situations and judgement calls; Headquarters acknowledges."""
import json
import re
import urllib.parse
from datetime import datetime, timedelta, timezone

from harness import Db, Server

PASSWORD = "complaint pages 2026"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.manager", "branch_manager", "KOS"),
                                ("kos.vol", "volunteer", "KOS"),
                                ("coordinator", "branch_services_coordinator", "HQ")]:
        ctx[login] = db.add_user(login, role, branch, password=PASSWORD,
                                 email=f"{login}@mmrls.example")
    srv = ctx["srv"] = Server(db)
    for login in ("kos.manager", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3



def post(ctx, who, path, fields):
    cookie, csrf = ctx[who + ".browser"]
    return ctx["srv"].request("POST", path, urllib.parse.urlencode({"csrf": csrf, **fields}),
                              {"Cookie": cookie,
                               "Content-Type": "application/x-www-form-urlencoded"})


def get(ctx, who, path):
    return ctx["srv"].request("GET", path, headers={"Cookie": ctx[who + ".browser"][0]})


def test_the_volunteer_is_told_whom_to_fetch(ctx):
    ctx["kos.vol.browser"] = ctx["srv"].browser("kos.vol", PASSWORD, "/desk/KOS")
    status, _, page = get(ctx, "kos.vol", "/desk/KOS/complaints")
    assert status == 200
    assert b'Fetch <span id="fetch">Kos Manager</span>' in page, page
    assert b"Record the complaint" not in page
    # What it is about: every reason the API takes, in plain words, this page's chosen.
    options = re.findall(rb'<option value="([a-z]+)"( selected)?>([^<]+)</option>',
                         page.split(b'name="about"')[1].split(b"</select>")[0])
    assert options == [(b"complaint", b" selected", b"A customer&#39;s complaint"),
                       (b"situation", b"", b"A difficult situation"),
                       (b"incident", b"", b"An incident (an accident, a theft, a threat...)"),
                       (b"other", b"", b"Something else")], options
    status, _, page = post(ctx, "kos.vol", "/desk/KOS/complaints", {"text": "x"})
    assert status == 409 and b"Kos Manager" in page


def test_the_manager_records_a_complaint_and_refers_it(ctx):
    ctx["kos.manager.browser"] = ctx["srv"].browser("kos.manager", PASSWORD, "/desk/KOS")
    _, _, page = get(ctx, "kos.manager", "/desk/KOS/complaints")
    assert b"Record the complaint" in page and b"A judgement call" in page
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/complaints",
                              {"text": "Too <loud> in here", "policy_section": "Conduct"})
    assert status == 303, status
    where = headers["Location"]
    _, _, page = get(ctx, "kos.manager", where)
    assert b"Too &lt;loud&gt; in here" in page and b"Refer to the Executive Director" in page
    # No Executive Director has an email address in this system: the referral stands, and
    # the page says nobody was notified, the same way as everywhere else.
    status, _, _ = post(ctx, "kos.manager", where + "/refer-director", {})
    assert status == 303
    _, _, page = get(ctx, "kos.manager", where)
    assert b"Referred to the Executive Director" in page
    assert b"No Executive Director was notified" in page, page
    ctx["db"].add_user("director", "executive_director", "HQ", email="ed@mmrls.example")


def test_a_situation_without_witness_shows_its_warning_and_on_the_managers_list(ctx):
    status, _, page = post(ctx, "kos.manager", "/desk/KOS/situations",
                           {"text": "Shouting match by the computers", "private_area": "1",
                            "in_charge_included": "1"})
    assert status == 200 and b"No second staff member was present" in page, page
    assert b'<ul id="flagged"><li>Shouting match by the computers' in page


def test_headquarters_acknowledges_a_judgement_call_from_the_page(ctx):
    status, _, page = post(ctx, "kos.manager", "/desk/KOS/judgements",
                           {"situation": "Storm: closing early", "decision": "Closed at 3"})
    assert status == 200 and b"reported to Headquarters" in page
    ctx["coordinator.browser"] = ctx["srv"].browser("coordinator", PASSWORD, "/hq")
    _, _, page = get(ctx, "coordinator", "/hq")
    assert b"Storm: closing early" in page
    ack = re.search(rb'action="(/hq/judgements/\d+/acknowledge)"', page).group(1).decode()
    status, headers, _ = post(ctx, "coordinator", ack, {})
    assert status == 303 and headers["Location"] == "/hq"
    _, _, page = get(ctx, "coordinator", "/hq")
    assert b"Storm: closing early" not in page
    status, _, _ = get(ctx, "kos.manager", "/hq")
    assert status == 403



def test_an_injury_report_from_the_form_through_to_signing(ctx):
    status, _, page = get(ctx, "kos.manager", "/desk/KOS/incidents")
    assert status == 200 and b"give out no insurance information" in page
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/incidents",
                              {"category": "injury", "minutes_ago": "10",
                               "narrative": "A child fell from the step stool."})
    assert status == 303 and headers["Location"].startswith("/incidents/")
    where = headers["Location"]
    _, _, page = get(ctx, "kos.manager", where)
    assert b"1. Tell Headquarters by telephone" in page and b"2. Contact the Business Manager" in page
    status, _, page = post(ctx, "kos.manager", where + "/sign", {"typed_name": "Kos Manager"})
    assert status == 409 and b"CS-INCIDENT" in page
    assert post(ctx, "kos.manager", where + "/hq-notified", {"taken_by": "coordinator"})[0] == 303
    assert post(ctx, "kos.manager", where + "/business-manager-contacted", {})[0] == 303
    assert post(ctx, "kos.manager", where + "/sign", {"typed_name": "Kos Manager"})[0] == 303
    _, _, page = get(ctx, "kos.manager", where)
    assert b"Signed: it can no longer change" in page and b"Add to the report" in page
    status, headers, pdf = get(ctx, "kos.manager", "/api/v1" + where + "/report.pdf")
    assert status == 200 and pdf.startswith(b"%PDF-")


def test_the_draft_form_can_empty_what_it_shows(ctx):
    """The draft's form shows its text filled in: emptying a box and saving clears it (a blank
    field once read as not given, so the old text stayed)."""
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/incidents",
                              {"category": "vandalism", "minutes_ago": "5",
                               "narrative": "Paint on the returns box."})
    assert status == 303, headers
    where = headers["Location"]
    assert post(ctx, "kos.manager", where + "/edit",
                {"narrative": "Paint on the returns box.",
                 "actions_taken": "Called the police."})[0] == 303
    _, _, page = get(ctx, "kos.manager", where)
    assert b'name="actions_taken" rows="3">Called the police.</textarea>' in page
    assert post(ctx, "kos.manager", where + "/edit",
                {"narrative": "Paint on the returns box.", "actions_taken": ""})[0] == 303
    _, _, page = get(ctx, "kos.manager", where)
    assert b'name="actions_taken" rows="3"></textarea>' in page
    assert b'name="narrative" rows="5">Paint on the returns box.</textarea>' in page
    status, _, body = get(ctx, "kos.manager", "/api/v1" + where)
    report = json.loads(body)
    assert status == 200 and report["actions_taken"] == "", report
    assert report["narrative"] == "Paint on the returns box."


def test_an_overdue_report_is_flagged_in_the_branchs_list(ctx):
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/incidents",
                              {"category": "theft", "minutes_ago": "5",
                               "narrative": "A bag was taken from the reading room."})
    assert status == 303, headers
    report_id = headers["Location"].rsplit("/", 1)[1]
    ctx["db"].execute(f"UPDATE incident SET due_at = due_at - 172800 WHERE id = {report_id}")
    _, _, page = get(ctx, "kos.manager", "/desk/KOS/incidents")
    item = re.search(rf'<li><a href="/incidents/{report_id}">.*?</li>'.encode(), page,
                     re.S).group(0)
    # Markup passed as an escaped argument once showed the flag as text.
    assert b'<strong class="flag">overdue</strong>' in item and b"&lt;" not in item, item


def test_an_overdue_callback_is_flagged_on_the_desk(ctx):
    srv, token = ctx["srv"], ctx["kos.manager"]
    status, v = srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": "phone"}, token=token)
    assert status == 201, v
    soon = (datetime.now(timezone.utc) + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, v = srv.api("POST", f"/api/v1/visits/{v['id']}/callback",
                        {"phone": "662-289-0101", "promised_at": soon}, token=token)
    assert status == 200, v
    ctx["db"].execute(f"UPDATE visit SET callback_promised_at = callback_promised_at - 7200 "
                      f"WHERE id = {v['id']}")
    _, _, frag = get(ctx, "kos.manager", "/desk/KOS/queue")
    item = re.search(rf'id="visit-{v["id"]}".*?</li>'.encode(), frag, re.S).group(0)
    # Markup passed as an escaped argument once showed the flag as text.
    assert b'<strong class="flag">overdue</strong>' in item and b"&lt;" not in item, item
    assert srv.api("POST", f"/api/v1/visits/{v['id']}/callback-done", {}, token=token)[0] == 200


def test_a_fetch_nobody_can_be_emailed_about_says_to_call_headquarters(ctx):
    # Nobody in charge at Carthage, and the coordinator has no email: the volunteer is told
    # to call. The redirect's query once arrived HTML-escaped ('&amp;unheard=1'), unread.
    db, srv = ctx["db"], ctx["srv"]
    db.cli("branch", "add", "CAR", "--name", "Carthage", "--hours", "mon-sun 00:00-24:00")
    token = db.add_user("car.vol", "volunteer", "CAR", password=PASSWORD)
    assert srv.api("POST", "/api/v1/duty", {"branch": "CAR"}, token=token)[0] == 200
    ctx["car.vol.browser"] = ctx["srv"].browser("car.vol", PASSWORD, "/desk/KOS")
    db.execute("UPDATE staff SET email = '' WHERE login = 'coordinator'")
    try:
        status, headers, _ = post(ctx, "car.vol", "/desk/CAR/fetch", {"about": "complaint"})
    finally:
        db.execute("UPDATE staff SET email = 'coordinator@mmrls.example' "
                   "WHERE login = 'coordinator'")
    assert status == 303 and headers["Location"].endswith("&unheard=1"), headers["Location"]
    _, _, page = get(ctx, "car.vol", headers["Location"])
    assert b"nobody at Headquarters could be emailed: call Headquarters now" in page, page


def test_the_assistant_librarian_says_on_the_form_she_could_not_reach_the_manager(ctx):
    # CS-JUDGE: an assistant librarian decides only when the branch manager cannot be reached;
    # the form's checkbox says so, and without it the manager counts as reachable.
    db, srv = ctx["db"], ctx["srv"]
    db.cli("branch", "add", "EUP", "--name", "Eupora", "--hours", "mon-sun 00:00-24:00")
    db.add_user("eup.manager", "branch_manager", "EUP", password=PASSWORD)
    token = db.add_user("eup.assistant", "assistant_librarian", "EUP", password=PASSWORD)
    assert srv.api("POST", "/api/v1/duty", {"branch": "EUP"}, token=token)[0] == 200
    ctx["eup.assistant.browser"] = ctx["srv"].browser("eup.assistant", PASSWORD, "/desk/EUP")
    _, _, page = get(ctx, "eup.assistant", "/desk/EUP/complaints")
    assert b'name="manager_unreachable"' in page, page
    judgement = {"situation": "Burst pipe in the stacks", "decision": "Closed the east wing"}
    status, _, page = post(ctx, "eup.assistant", "/desk/EUP/judgements", judgement)
    assert status == 409 and b"CS-JUDGE" in page, (status, page[:400])
    status, _, page = post(ctx, "eup.assistant", "/desk/EUP/judgements",
                           {**judgement, "manager_unreachable": "1"})
    assert status == 200 and b"reported to Headquarters" in page, (status, page[:400])
    assert db.sql("SELECT manager_unreachable FROM judgement "
                  "WHERE situation = 'Burst pipe in the stacks'") == [["1"]]


def picker(page, name):
    """The (login, words) of a <select name=...>'s options, and its groups' labels."""
    select = re.search(rf'<select[^>]* name="{name}"[^>]*>(.*?)</select>'.encode(), page, re.S)
    assert select, page
    return (re.findall(rb'<option value="([^"]*)">([^<]*)</option>', select.group(1)),
            re.findall(rb'<optgroup label="([^"]*)">', select.group(1)))


def test_who_at_headquarters_took_the_call_is_chosen_from_headquarters_people(ctx):
    db = ctx["db"]
    db.add_user("hq.gone", "hq_staff", "HQ")
    db.execute("UPDATE staff SET active = 0 WHERE login = 'hq.gone'")
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/incidents",
                              {"category": "theft", "minutes_ago": "1", "narrative": "A coat."})
    assert status == 303, headers
    where = headers["Location"]
    _, _, page = get(ctx, "kos.manager", where)
    # Only active people in a Headquarters role, by name, never a branch's own staff.
    options, groups = picker(page, "taken_by")
    assert options == [(b"coordinator", b"Coordinator (Branch Services Coordinator)"),
                       (b"director", b"Director (Executive Director)")], options
    assert groups == [] and b'name="taken_by" required' in page
    assert b"Headquarters has no phone number on file" in page
    db.execute("UPDATE branch SET phone = '662-289-5151' WHERE code = 'HQ'")
    _, _, page = get(ctx, "kos.manager", where)
    assert b'Headquarters\' phone: <a href="tel:662-289-5151">662-289-5151</a>' in \
        page.replace(b"&#39;", b"'"), page
    assert post(ctx, "kos.manager", where + "/hq-notified", {"taken_by": "director"})[0] == 303
    _, _, page = get(ctx, "kos.manager", where)
    assert b"<dt>Verbal report to Headquarters</dt><dd>Taken by Director, " in page


def test_the_witness_is_chosen_from_those_on_duty_here_who_may_witness(ctx):
    db, srv = ctx["db"], ctx["srv"]
    db.cli("branch", "add", "ACK", "--name", "Ackerman", "--hours", "mon-sun 00:00-24:00")
    kos_staff = db.add_user("kos.staff", "staff", "KOS", password=PASSWORD)
    db.add_user("kos.home", "staff", "KOS")  # of this branch, but not on duty
    ack_staff = db.add_user("ack.staff", "staff", "ACK")
    for token in (kos_staff, ack_staff, ctx["coordinator"]):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)[0] == 200
    try:
        _, _, page = get(ctx, "kos.manager", "/desk/KOS/complaints")
        options, groups = picker(page, "witness")
    finally:
        for token in (ack_staff, ctx["coordinator"]):
            srv.api("POST", "/api/v1/duty/off", {}, token=token)
    # On duty here and permanent or from Headquarters; not the volunteer, not oneself, not
    # someone of this branch at home; grouped by their home branch, named.
    assert options == [(b"", b"Nobody else"),
                       (b"kos.staff", b"Kos Staff (Staff)"),
                       (b"ack.staff", b"Ack Staff (Staff)"),
                       (b"coordinator", b"Coordinator (Branch Services Coordinator)")], options
    assert groups == [b"Kosciusko", b"Ackerman", b"Headquarters"], groups


def test_the_complaint_list_says_when_who_took_it_and_where_it_stands(ctx):
    _, _, page = get(ctx, "kos.manager", "/desk/KOS/complaints")
    table = re.search(rb'<table id="complaints">.*?</table>', page, re.S)
    assert table, page
    row = re.search(rb"<tr><td>(<time[^>]*>[^<]*</time>)</td><td><a href=\"/complaints/\d+\">"
                    rb"Too &lt;loud&gt; in here</a></td><td>([^<]*)</td><td>([^<]*)</td></tr>",
                    table.group(0))
    assert row, table.group(0)
    # A day and a 12-hour time, as people read them; the taker by name; the state in words.
    assert re.search(rb">(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, "
                     rb"\d{1,2}:\d\d [ap]m<", row.group(1)), row.group(1)
    assert row.group(2) == b"Kos Manager"
    assert row.group(3) == b"Referred to the Executive Director"


def test_the_manager_resolves_a_complaint_through_the_form(ctx):
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/complaints",
                              {"text": "The printer ate my pages"})
    assert status == 303, status
    where = headers["Location"]
    _, _, page = get(ctx, "kos.manager", where)
    assert b'action="' + where.encode() + b'/resolve"' in page, page
    status, _, page = post(ctx, "kos.manager", where + "/resolve", {"resolution": ""})
    assert status == 422 and b"Resolution" in page, (status, page[page.find(b"<main"):])
    status, headers, _ = post(ctx, "kos.manager", where + "/resolve",
                              {"resolution": "Refunded the copies; printer serviced."})
    assert status == 303 and headers["Location"] == where, (status, headers)
    _, _, page = get(ctx, "kos.manager", where)
    assert b"Refunded the copies; printer serviced." in page
    assert b"Mark it resolved" not in page
    status, _, body = get(ctx, "kos.manager", "/api/v1" + where)
    assert json.loads(body)["resolution"] == "Refunded the copies; printer serviced."
    _, _, page = get(ctx, "kos.manager", "/desk/KOS/complaints")
    assert re.search(rb"The printer ate my pages</a></td><td>Kos Manager</td><td>Resolved<",
                     page), page
    # Once resolved it stays so: a second resolution is refused.
    assert post(ctx, "kos.manager", where + "/resolve", {"resolution": "again"})[0] == 409


def test_staff_who_may_not_resolve_see_no_resolve_form(ctx):
    status, headers, _ = post(ctx, "kos.manager", "/desk/KOS/complaints",
                              {"text": "Nowhere to park"})
    assert status == 303, status
    where = headers["Location"]
    ctx["kos.staff.browser"] = ctx["srv"].browser("kos.staff", PASSWORD, "/desk/KOS")
    status, _, page = get(ctx, "kos.staff", where)
    assert status == 200 and b"Nowhere to park" in page, status
    assert b"/resolve" not in page and b"Mark it resolved" not in page
    status, _, _ = post(ctx, "kos.staff", where + "/resolve", {"resolution": "Told them"})
    assert status == 403, status
    _, _, page = get(ctx, "kos.manager", where)
    assert b"Told them" not in page and b"Mark it resolved" in page
