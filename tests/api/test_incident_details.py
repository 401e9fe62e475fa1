"""An incident report's details (CS-INCIDENT): the page's form in the branch's local time on
the clock-change days, a late discovery due by the end of the discovery day, where it happened,
the police, and the people (an unknown person described, a witness with a contact, a customer
from the lookup kept without their card number)."""
import re
import subprocess
import urllib.parse
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from harness import Db, Server, expect_error

PASSWORD = "incident details 2026"
CHICAGO = ZoneInfo("America/Chicago")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--tz", "America/Chicago",
           "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.manager", "branch_manager", "KOS"),
                                ("coordinator", "branch_services_coordinator", "HQ")]:
        ctx[login] = db.add_user(login, role, branch, password=PASSWORD,
                                 email=f"{login}@mmrls.example")
    srv = ctx["srv"] = Server(db)
    assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["kos.manager"])[0] == 200
    ctx["browser"] = ctx["srv"].browser("kos.manager", PASSWORD, "/desk/KOS/incidents")
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3



def post(ctx, path, fields, referer=None):
    cookie, csrf = ctx["browser"]
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    if referer:  # a refused form is shown again on the page it came from
        headers["Referer"] = f"http://127.0.0.1:{ctx['srv'].port}{referer}"
    return ctx["srv"].request("POST", path, urllib.parse.urlencode({"csrf": csrf, **fields}),
                              headers)


def get(ctx, path):
    status, _, body = ctx["srv"].request("GET", path, headers={"Cookie": ctx["browser"][0]})
    assert status == 200, body
    return body.decode()


def api(ctx, method, path, body=None, who="kos.manager"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def start(ctx, **fields):
    # As a browser sends it: the optional discovery's pickers blank.
    blank = {"discovered_date": "", "discovered_time": "", "location": "", "narrative": ""}
    status, headers, body = post(ctx, "/desk/KOS/incidents",
                                 {"category": "theft", **blank, **fields})
    assert status == 303, body
    return int(headers["Location"].rsplit("/", 1)[1])


def test_the_new_report_form_is_in_the_branchs_local_time(ctx):
    page = get(ctx, "/desk/KOS/incidents")
    assert "minutes ago" not in page
    local = datetime.now(timezone.utc).astimezone(CHICAGO)
    date = re.search(r'<input type="date" id="occurred_date" name="occurred_date" '
                     r'value="([^"]*)" required>', page).group(1)
    time = re.search(r'<input type="time" id="occurred_time" name="occurred_time" '
                     r'value="([^"]*)" required>', page).group(1)
    shown = datetime.fromisoformat(f"{date}T{time}").replace(tzinfo=CHICAGO)
    assert abs((shown - local).total_seconds()) < 120, (date, time, local)
    assert re.search(r'<input type="date" id="discovered_date" name="discovered_date" '
                     r'value="">', page), "discovered at is optional and starts blank"


def pdf_text(ctx, iid):
    status, headers, data = ctx["srv"].request(
        "GET", f"/api/v1/incidents/{iid}/report.pdf",
        headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and headers["Content-Type"] == "application/pdf", (status, data[:300])
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    return " ".join(text.split())


def check_local_time(ctx, day, utc, clock, printed):
    iid = start(ctx, occurred_date=day, occurred_time="14:30", location="The lobby")
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert status == 200 and r["occurred_at"] == utc, r["occurred_at"]
    assert r["location"] == "The lobby"
    page = get(ctx, f"/incidents/{iid}")
    assert f'<time datetime="{utc}">' in page and f", {clock}</time>" in page, page
    # The draft's form shows the same time back on the branch's clock.
    assert f'name="occurred_date" value="{day}"' in page
    assert 'name="occurred_time" value="14:30"' in page
    # And the printed report gives the same time, with the zone that day had.
    assert f"When it happened {printed}" in pdf_text(ctx, iid)


def test_a_report_on_the_autumn_change_day_keeps_its_local_time(ctx):
    # 2026-11-01: clocks fell back at 02:00; 14:30 is CST (UTC-6).
    check_local_time(ctx, "2026-11-01", "2026-11-01T20:30:00Z", "2:30 pm",
                     "Sun, Nov 1, 2026, 2:30 PM CST")


def test_a_report_on_the_spring_change_day_keeps_its_local_time(ctx):
    # 2026-03-08: clocks went forward at 02:00; 14:30 is CDT (UTC-5).
    check_local_time(ctx, "2026-03-08", "2026-03-08T19:30:00Z", "2:30 pm",
                     "Sun, Mar 8, 2026, 2:30 PM CDT")
    # 02:30 did not happen that night: refused on the date, in words.
    status, _, body = post(ctx, "/desk/KOS/incidents",
                           {"category": "theft", "occurred_date": "2026-03-08",
                            "occurred_time": "02:30"}, referer="/desk/KOS/incidents")
    assert status == 422 and b"The clocks went forward that night" in body, body


def discovery_day():
    """A discovery at opening (09:05) today on the branch's clock when that has passed, else
    a minute ago; and 23:40 the night before it."""
    now = datetime.now(timezone.utc).astimezone(CHICAGO)
    found = now.replace(hour=9, minute=5, second=0, microsecond=0)
    if found > now - timedelta(minutes=1):
        found = (now - timedelta(minutes=1)).replace(second=0, microsecond=0)
    night = (found - timedelta(days=1)).replace(hour=23, minute=40)
    end = datetime.combine(found.date() + timedelta(days=1), datetime.min.time(), CHICAGO)
    return night, found, end


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_break_in_found_at_opening_is_due_by_the_end_of_the_discovery_day(ctx):
    night, found, end = discovery_day()
    iid = start(ctx, category="break_in", occurred_date=night.strftime("%Y-%m-%d"),
                occurred_time="23:40", discovered_date=found.strftime("%Y-%m-%d"),
                discovered_time=found.strftime("%H:%M"), location="Back door")
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert r["occurred_at"] == utc(night) and r["discovered_at"] == utc(found), r
    assert r["due_at"] == utc(end) and r["overdue"] is False, r
    # The same break-in without a discovery time was due the night it happened.
    status, plain = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "break_in", "occurred_at": utc(night)})
    assert status == 201 and plain["overdue"] is True and plain["discovered_at"] is None
    for who in ("kos.manager", "coordinator"):
        _, body = api(ctx, "GET", "/api/v1/incidents?status=overdue", who=who)
        ids = [i["id"] for i in body["incidents"]]
        assert plain["id"] in ids and iid not in ids, (who, ids)
    _, dash = api(ctx, "GET", "/api/v1/hq/dashboard", who="coordinator")
    assert iid not in [i["id"] for i in dash["incidents_overdue"]]
    page = get(ctx, f"/incidents/{iid}")
    assert "Overdue" not in page and f'<time datetime="{utc(found)}">' in page


def test_a_discovery_before_it_happened_or_still_to_come_is_refused(ctx):
    now = datetime.now(timezone.utc)
    expect_error(api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "theft", "occurred_at": utc(now - timedelta(hours=2)),
        "discovered_at": utc(now - timedelta(hours=3))}), 422, field="discovered_at")
    expect_error(api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "theft", "occurred_at": utc(now - timedelta(hours=2)),
        "discovered_at": utc(now + timedelta(hours=1))}), 422, field="discovered_at")
    local = (now - timedelta(hours=2)).astimezone(CHICAGO)
    earlier = local - timedelta(hours=1)
    status, _, body = post(ctx, "/desk/KOS/incidents", {
        "category": "theft", "occurred_date": local.strftime("%Y-%m-%d"),
        "occurred_time": local.strftime("%H:%M"),
        "discovered_date": earlier.strftime("%Y-%m-%d"),
        "discovered_time": earlier.strftime("%H:%M")}, referer="/desk/KOS/incidents")
    assert status == 422 and b"cannot have been discovered before it happened" in body, body


def test_an_injury_with_an_unknown_person_and_a_witness_is_stored_and_shown(ctx):
    iid = start(ctx, category="injury", narrative="A man fell on the stairs and left.")
    where = f"/incidents/{iid}"
    # An unknown person must be described.
    status, _, body = post(ctx, where + "/edit", {"kind": "unknown", "injuries": "cut hand"},
                           referer=where)
    assert status == 422 and b"Describe the unknown person" in body, body
    assert post(ctx, where + "/edit", {
        "location": "Main stairs", "kind": "unknown",
        "description": "Tall, grey coat, red cap", "part": "fell on the stairs",
        "injuries": "cut hand", "care": "medical_declined"})[0] == 303
    assert post(ctx, where + "/edit", {
        "kind": "witness", "name": "Dana Lee", "part": "saw him fall",
        "contact": "662-555-0142"})[0] == 303
    assert post(ctx, where + "/edit", {"police_called": "1", "police_report_number": "KPD-77",
                                       "police_officer": "Officer Ruiz", "discovered_date": "",
                                       "discovered_time": "", "kind": "", "care": ""})[0] == 303
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert r["location"] == "Main stairs" and r["police_called"] is True
    assert r["police_report_number"] == "KPD-77" and r["police_officer"] == "Officer Ruiz"
    unknown, witness = r["people"]
    assert unknown["kind"] == "unknown" and unknown["description"] == "Tall, grey coat, red cap"
    assert unknown["care"] == "medical_declined" and unknown["injuries"] == "cut hand"
    assert witness == {"name": "Dana Lee", "kind": "witness", "part": "saw him fall",
                       "injuries": "", "customer_id": None, "description": "", "care": None,
                       "contact": "662-555-0142"}, witness
    page = get(ctx, where)
    details = page.split('id="details"')[1].split("</section>")[0]
    for words in ("Main stairs", "Unknown person", "Tall, grey coat, red cap",
                  "Medical care declined", "Dana Lee", "Witness", "662-555-0142", "KPD-77",
                  "Officer Ruiz"):
        assert words in details, (words, details)
    assert "medical_declined" not in details
    # Removing one person leaves the other.
    assert post(ctx, where + "/edit", {"remove_person": "1"})[0] == 303
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert [p["name"] for p in r["people"]] == ["Dana Lee"]


def test_a_customer_is_kept_by_record_not_by_card(ctx):
    card = "21170000999001"
    status, c = api(ctx, "POST", "/api/v1/customers", {"card": card, "name": "Loretta Vance"})
    assert status in (200, 201), c
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "altercation", "occurred_at": utc(datetime.now(timezone.utc)),
        "people": [{"kind": "customer", "customer": card, "part": "shouted"},
                   {"kind": "visitor", "name": "A visitor"}]})
    assert status == 201, r
    assert r["people"][0]["name"] == "Loretta Vance" and r["people"][0]["customer_id"], r
    assert card not in str(r) and card not in get(ctx, f"/incidents/{r['id']}")
    expect_error(api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "theft", "occurred_at": utc(datetime.now(timezone.utc)),
        "people": [{"kind": "other", "name": "Someone"}]}), 422, field="people[0].kind")
    expect_error(api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "theft", "occurred_at": utc(datetime.now(timezone.utc)),
        "people": [{"kind": "staff"}]}), 422, field="people[0].name")


def shown_clock(page, what):
    """The date and time the draft's form shows for what ("occurred", "discovered")."""
    date = re.search(rf'name="{what}_date" value="([^"]*)"', page).group(1)
    time = re.search(rf'name="{what}_time" value="([^"]*)"', page).group(1)
    return {f"{what}_date": date, f"{what}_time": time}


def save_draft(ctx, iid, **fields):
    """Saves the draft as its form sends it: every clock field as shown, plus fields."""
    where = f"/incidents/{iid}"
    page = get(ctx, where)
    sent = {**shown_clock(page, "occurred"), **shown_clock(page, "discovered"),
            "location": "", "narrative": "", "kind": "", "care": "", **fields}
    status, _, body = post(ctx, where + "/edit", sent, referer=where)
    assert status == 303, body
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    return r


def test_saving_a_draft_keeps_a_time_in_the_repeated_autumn_hour_and_its_seconds(ctx):
    # 2026-11-01 07:30Z is 01:30 CST, the second showing of 01:30 on Chicago's clock; 06:45Z
    # is 01:45 CDT, the first. The form shows both as the clock did; saving it (adding a
    # person only) must not move them an hour.
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "break_in", "occurred_at": "2026-11-01T07:30:00Z"})
    assert status == 201, r
    page = get(ctx, f"/incidents/{r['id']}")
    assert shown_clock(page, "occurred") == {"occurred_date": "2026-11-01",
                                             "occurred_time": "01:30"}
    saved = save_draft(ctx, r["id"], kind="witness", name="Night guard")
    assert saved["occurred_at"] == "2026-11-01T07:30:00Z", saved["occurred_at"]
    assert [p["name"] for p in saved["people"]] == ["Night guard"]
    # Discovered in the repeated hour after happening in the first: as it was, not refused.
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "break_in", "occurred_at": "2026-11-01T06:45:00Z",
        "discovered_at": "2026-11-01T07:30:00Z"})
    assert status == 201, r
    saved = save_draft(ctx, r["id"], location="Back door")
    assert saved["location"] == "Back door"
    assert (saved["occurred_at"], saved["discovered_at"]) == (
        "2026-11-01T06:45:00Z", "2026-11-01T07:30:00Z"), saved
    # Seconds set through the API are kept; a time changed on the form is taken.
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "category": "theft", "occurred_at": "2026-11-20T20:30:45Z"})
    assert status == 201, r
    assert save_draft(ctx, r["id"], location="Lobby")["occurred_at"] == "2026-11-20T20:30:45Z"
    moved = save_draft(ctx, r["id"], occurred_time="14:35")
    assert moved["occurred_at"] == "2026-11-20T20:35:00Z", moved["occurred_at"]


def test_a_discovery_time_can_be_cleared_on_the_page_and_in_the_api(ctx):
    def found_later():
        status, r = api(ctx, "POST", "/api/v1/incidents", {
            "branch": "KOS", "category": "break_in", "occurred_at": "2026-11-20T05:40:00Z",
            "discovered_at": "2026-11-20T15:05:00Z"})
        assert status == 201 and r["due_at"] == "2026-11-21T06:00:00Z", r
        return r["id"]

    # Removing a person or a save that leaves the pickers as shown keeps it.
    iid = found_later()
    assert save_draft(ctx, iid, kind="witness", name="Dana Lee")["discovered_at"] == \
        "2026-11-20T15:05:00Z"
    assert post(ctx, f"/incidents/{iid}/edit", {"remove_person": "1"})[0] == 303
    _, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert r["discovered_at"] == "2026-11-20T15:05:00Z" and r["people"] == [], r
    # Both pickers emptied: found as it happened, due by the end of the day it happened
    # (2026-11-19 23:40 CST).
    r = save_draft(ctx, iid, discovered_date="", discovered_time="")
    assert r["discovered_at"] is None and r["due_at"] == "2026-11-20T06:00:00Z", r
    page = get(ctx, f"/incidents/{iid}")
    assert "<dt>Discovered</dt><dd>As it happened</dd>" in page
    # Only one of the two emptied is a mistake, named.
    iid = found_later()
    status, _, body = post(ctx, f"/incidents/{iid}/edit", {
        **shown_clock(get(ctx, f"/incidents/{iid}"), "occurred"), "discovered_date": "",
        "discovered_time": "09:05"}, referer=f"/incidents/{iid}")
    assert status == 422 and b"Give the date" in body, body
    # In the API, null clears it; absent leaves it.
    assert api(ctx, "PATCH", f"/api/v1/incidents/{iid}", {"location": "Back door"})[1][
        "discovered_at"] == "2026-11-20T15:05:00Z"
    status, r = api(ctx, "PATCH", f"/api/v1/incidents/{iid}", {"discovered_at": None})
    assert status == 200 and r["discovered_at"] is None, r
    assert r["due_at"] == "2026-11-20T06:00:00Z" and r["location"] == "Back door", r
