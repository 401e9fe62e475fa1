"""Bans known at every branch: a building ban issued at KOS shows at CAR's desk when the
customer is looked up or checked in, and raises an alert on every branch's desk page (the name
only for those who may read customers: CS-CONFIDENTIAL); a computer-use ban shows on lookup but
raises no alert; a lifted ban shows nowhere (CS-NOBIAS)."""
import subprocess
import urllib.parse
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from harness import Db, Server, expect_error

CARD = "21170000300011"  # Rex Morton: the building ban
OTHER = "21170000300029"  # Nell Byrd: the computer-use ban
TZ = "America/Chicago"


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def day_words(dt):
    """"Dec 30" as the desk says it, in the issuing branch's zone (this year's: no year)."""
    local, today = dt.astimezone(ZoneInfo(TZ)), datetime.now(ZoneInfo(TZ))
    words = f"{local:%b} {local.day}"
    return words if local.year == today.year else f"{words}, {local.year}"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters", "--phone",
           "601-555-0100", "--address", "100 Capitol Street\nJackson, MS 39201")
    for code, name in (("KOS", "Kos Branch"), ("CAR", "Carthage Branch")):
        db.cli("branch", "add", code, "--name", name, "--tz", TZ, "--hours",
               "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.manager", "branch_manager", "KOS"),
                                ("car.staff", "staff", "CAR"), ("car.vol", "volunteer", "CAR"),
                                ("car.page", "page", "CAR")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login, branch in [("kos.manager", "KOS"), ("car.staff", "CAR"), ("car.vol", "CAR")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    for card, name in ((CARD, "Rex Morton"), (OTHER, "Nell Byrd")):
        assert srv.api("POST", "/api/v1/customers", {"card": card, "name": name},
                       token=ctx["car.staff"])[0] == 201
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def api(ctx, method, path, body=None, who="car.staff"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def page(ctx, path, who="car.staff"):
    status, _, body = ctx["srv"].request("GET", path, None,
                                         {"Authorization": "Bearer " + ctx[who]})
    assert status == 200, body
    return body.decode()


def alert_of(html):
    """The desk page's alert box alone (its queue may list the same customers)."""
    start = html.index('<div id="bans"')
    return html[start:html.index("</div>", start)]


def issue(ctx, card, scope, until):
    status, b = api(ctx, "POST", f"/api/v1/customers/{card}/restrictions", {
        "scope": scope, "reason": "Threatened staff", "until": iso(until),
        "new_incident": {"occurred_at": iso(datetime.now(timezone.utc) - timedelta(minutes=5)),
                         "narrative": "Shouted threats at the desk.", "category": "threat"}},
        who="kos.manager")
    assert status == 201, b
    return b


def test_a_building_ban_issued_at_kos_is_known_at_car_when_looked_up(ctx):
    until = datetime.now(timezone.utc) + timedelta(days=30)
    ctx["ban"] = issue(ctx, CARD, "building", until)
    assert ctx["ban"]["branch"] == "KOS"
    ctx["said"] = (f"Building ban in force (issued at Kos Branch on "
                   f"{day_words(datetime.now(timezone.utc))}, until {day_words(until)}): "
                   "ask the person in charge")
    # The desk's as-you-type search at CAR.
    status, found = api(ctx, "GET", "/api/v1/customers?q=rex")
    assert status == 200, found
    [rex] = found["customers"]
    assert rex["restriction"]["scope"] == "building", rex
    assert rex["restriction"]["branch_name"] == "Kos Branch", rex
    assert rex["restriction"]["notice"] == ctx["said"], rex
    # The customer's JSON at CAR.
    status, c = api(ctx, "GET", f"/api/v1/customers/{CARD}")
    assert status == 200 and [(x["scope"], x["branch_name"]) for x in c["restrictions"]] == [
        ("building", "Kos Branch")], c
    # The search page and the customer's page at CAR, in words, with both days.
    html = page(ctx, "/customers?q=rex")
    assert ctx["said"] in html, html
    html = page(ctx, f"/customers/{rex['id']}")
    assert (f"<strong>Building ban</strong> issued at Kos Branch on "
            f"{day_words(datetime.now(timezone.utc))}, until {day_words(until)}.") in html, html


def test_every_desk_page_alerts_with_the_name_only_for_customer_readers(ctx):
    today = day_words(datetime.now(timezone.utc))
    html = page(ctx, "/desk/CAR")
    assert 'class="card ban-alert" role="alert"' in html, html
    assert "Building ban in force: <a href=\"/customers/" in html
    assert f"Rex Morton</a> — issued at Kos Branch on {today}, until " in html, html
    for who in ("car.vol", "car.page"):
        html = page(ctx, "/desk/CAR", who)
        # What they can act on: the flagged ticket, else fetch the person in charge.
        assert "If they have taken a ticket it is flagged in the queue below: do not serve it." \
            in html, (who, html)
        assert ('<a href="/desk/CAR/complaints" class="button">Fetch the person in charge</a>'
                in alert_of(html)), (who, html)
        assert "Rex Morton" not in html and "/customers/" not in html, (who, html)
    # The issuing branch's desk too.
    assert "Rex Morton</a> — issued at Kos Branch" in page(ctx, "/desk/KOS", "kos.manager")


def test_checking_the_customer_in_at_car_answers_with_the_ban(ctx):
    # Staff decide with the person in charge: the visit is added, and says so.
    status, v = api(ctx, "POST", "/api/v1/branches/CAR/visits",
                    {"channel": "in_person", "customer_card": CARD})
    assert status == 201, v
    assert v["restriction"]["scope"] == "building" and v["restriction"]["until"], v
    status, q = api(ctx, "GET", "/api/v1/branches/CAR/queue")
    [mine] = [x for x in q["waiting"] if x["id"] == v["id"]]
    assert mine["restriction"]["branch"] == "KOS", mine
    staff_said = ctx["said"].replace("ask the person in charge",
                                     "fetch the person in charge before serving")
    assert v["restriction"]["notice"] == staff_said, v
    html = page(ctx, "/desk/CAR/queue")
    assert f'<strong class="flag ban">{staff_said}</strong>' in html, html
    # A volunteer or page working the same queue is told not to serve the ticket, with the
    # ban's branch and days but never whose it is (CS-CONFIDENTIAL).
    vol_said = ctx["said"].replace("ask the person in charge",
                                   "do not serve — fetch the person in charge")
    for who in ("car.vol", "car.page"):
        status, q = api(ctx, "GET", "/api/v1/branches/CAR/queue", who=who)
        assert status == 200, q
        [theirs] = [x for x in q["waiting"] if x["id"] == v["id"]]
        assert theirs["customer"] is None, theirs
        ban = theirs["restriction"]
        assert ban["scope"] == "building" and ban["branch"] == "KOS", ban
        assert ban["until"] and ban["starts_at"] and ban["notice"] == vol_said, ban
        assert "customer" not in ban and "Rex" not in str(theirs), theirs
        html = page(ctx, "/desk/CAR/queue", who)
        assert f'<strong class="flag ban">{vol_said}</strong>' in html, (who, html)
        assert "Rex Morton" not in html and CARD not in html, (who, html)
    # Someone with no ban checks in without one.
    status, v = api(ctx, "POST", "/api/v1/branches/CAR/visits",
                    {"channel": "in_person", "customer_card": OTHER})
    assert status == 201 and v["restriction"] is None, v


def test_the_trespass_letter_gives_headquarters_the_report_and_days(ctx):
    rid, iid = ctx["ban"]["id"], ctx["ban"]["incident"]
    status, headers, pdf = ctx["srv"].request(
        "GET", f"/restrictions/{rid}/letter.pdf", None,
        {"Authorization": "Bearer " + ctx["car.staff"]})
    assert status == 200 and headers["Content-Type"] == "application/pdf", pdf[:200]
    text = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf,
                                   capture_output=True, check=True).stdout.decode().split())
    # Appeals go to Headquarters too: its own address and phone, not the issuing branch's.
    assert ("library's Headquarters at 100 Capitol Street, Jackson, MS 39201, phone "
            "601-555-0100") in text, text
    assert f"issued against incident report {iid}." in text, text
    # Days, not minutes, in the issuing branch's zone.
    start = datetime.now(ZoneInfo(TZ))
    end = datetime.fromisoformat(ctx["ban"]["until"].replace("Z", "+00:00")).astimezone(
        ZoneInfo(TZ))
    assert f"from {start:%a, %b} {start.day}, {start.year} until {end:%a, %b} {end.day}, " \
        f"{end.year}." in text, text
    assert " PM " not in text.split("How to appeal")[0].split("Dear")[1], text


def test_a_computer_use_ban_shows_on_lookup_but_raises_no_alert(ctx):
    until = datetime.now(timezone.utc) + timedelta(days=7)
    ctx["computer"] = issue(ctx, OTHER, "computer", until)
    status, found = api(ctx, "GET", "/api/v1/customers?q=nell")
    [nell] = found["customers"]
    assert nell["restriction"]["scope"] == "computer", nell
    assert nell["restriction"]["notice"].startswith(
        "Computer-use ban in force (issued at Kos Branch on "), nell
    alert = alert_of(page(ctx, "/desk/CAR"))
    assert "Nell Byrd" not in alert and "Rex Morton</a>" in alert, alert
    # Checked in at CAR, she is flagged but served, by staff and volunteers alike: the ban
    # keeps her off the computers, not from the desk (CS-NOBIAS).
    status, v = api(ctx, "POST", "/api/v1/branches/CAR/visits",
                    {"channel": "in_person", "customer_card": OTHER})
    assert status == 201 and v["restriction"]["scope"] == "computer", v
    said = nell["restriction"]["notice"].replace("ask the person in charge",
                                                 "serve them, but not at a library computer")
    assert v["restriction"]["notice"] == said, v
    for who in ("car.staff", "car.vol"):
        _, q = api(ctx, "GET", "/api/v1/branches/CAR/queue", who=who)
        [theirs] = [x for x in q["waiting"] if x["id"] == v["id"]]
        assert theirs["restriction"]["notice"] == said, (who, theirs)
    assert f'<strong class="flag ban">{said}</strong>' in page(ctx, "/desk/CAR/queue")


def test_the_ban_form_says_how_long_and_a_chosen_last_day_is_kept(ctx):
    """Issued from the customer's page: its default length shown, a last day chosen, then
    the status line and the ban's kind and incident report in the lists."""
    status, c = api(ctx, "GET", f"/api/v1/customers/{CARD}")
    html = page(ctx, f"/customers/{c['id']}", "kos.manager")
    # Rex already has one building ban: the second lasts a month; no computer-use ban yet.
    assert "Building ban, <strong>one month</strong> (their second)" in html, html
    assert "Computer-use ban, <strong>one week</strong> (their first)" in html, html
    last = (datetime.now(ZoneInfo(TZ)) + timedelta(days=10)).date()
    status, b = api(ctx, "POST", f"/api/v1/customers/{CARD}/restrictions", {
        "scope": "building", "reason": "Came back and shouted again",
        "until_date": last.isoformat(), "incident": ctx["ban"]["incident"]}, who="kos.manager")
    assert status == 201, b
    end = datetime.fromisoformat(b["until"].replace("Z", "+00:00")).astimezone(ZoneInfo(TZ))
    # The whole last day, in the issuing branch's zone.
    assert (end.date(), end.hour, end.minute) == (last + timedelta(days=1), 0, 0), b
    html = page(ctx, f"/customers/{c['id']}?issued={b['id']}", "kos.manager")
    assert (f'<p class="said" role="status">Building ban issued until '
            f'{day_words(end)}.</p>') in html, html
    assert f'<a href="/incidents/{ctx["ban"]["incident"]}">Incident report ' in html, html
    assert "<strong>Building ban</strong>: Came back and shouted again Issued " in html, html
    # A last day already gone is refused, naming the field.
    ctx["second"] = b
    expect_error(api(ctx, "POST", f"/api/v1/customers/{CARD}/restrictions", {
        "scope": "building", "reason": "x", "until_date": "2020-01-01",
        "incident": ctx["ban"]["incident"]}, who="kos.manager"), 422, field="until_date")


def test_a_lifted_ban_no_longer_shows(ctx):
    for key in ("ban", "computer", "second"):
        status, b = api(ctx, "POST", f"/api/v1/restrictions/{ctx[key]['id']}/lift", {},
                        who="kos.manager")
        assert status == 200 and b["active"] is False, b
    status, found = api(ctx, "GET", "/api/v1/customers?q=" + urllib.parse.quote("rex"))
    assert found["customers"][0]["restriction"] is None, found
    status, c = api(ctx, "GET", f"/api/v1/customers/{CARD}")
    assert c["restrictions"] == [], c
    assert "Building ban" not in page(ctx, "/customers?q=rex")
    for who in ("car.staff", "car.vol"):
        alert = alert_of(page(ctx, "/desk/CAR", who))
        assert alert == '<div id="bans" data-branch="CAR">', alert
    # The customer checked in while the ban was in force is still in line: no longer flagged.
    status, q = api(ctx, "GET", "/api/v1/branches/CAR/queue")
    rex = [x for x in q["waiting"] if (x["customer"] or {}).get("card") == CARD]
    assert rex and all(x["restriction"] is None for x in rex), q
