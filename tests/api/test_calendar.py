"""The branch calendar: holidays HQ keeps (also from an .ics file) close every
branch; a branch's own closures and changed hours; open now, the board and the phone
greeting follow it; and a callback's clock runs only while the branch is open."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from harness import Db, Server, expect_error

CHICAGO = ZoneInfo("America/Chicago")


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def local_today(days=0):
    return (datetime.now(CHICAGO) + timedelta(days=days)).strftime("%Y-%m-%d")


def setup():
    db = Db()
    db.cli("init")
    for code in ("KOS", "CAR"):
        db.cli("branch", "add", code, "--name", code + " Library", "--hours",
               "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("director", "executive_director", "KOS"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.staff", "staff", "KOS"), ("car.staff", "staff", "CAR")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login, branch in [("kos.staff", "KOS"), ("car.staff", "CAR")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def api(ctx, method, path, body=None, who="director"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def branch(ctx, code="KOS"):
    status, b = api(ctx, "GET", f"/api/v1/branches/{code}")
    assert status == 200, b
    return b


def callback(ctx, who, code, promised_at):
    status, v = api(ctx, "POST", f"/api/v1/branches/{code}/visits", {"channel": "phone"}, who)
    assert status == 201, v
    status, v = api(ctx, "POST", f"/api/v1/visits/{v['id']}/callback",
                    {"phone": "662-289-0101", "promised_at": iso(promised_at)}, who)
    assert status == 200, v
    return v


def overdue(ctx, who, code, visit_id):
    status, q = api(ctx, "GET", f"/api/v1/branches/{code}/queue", who=who)
    assert status == 200, q
    return {c["id"]: c["callback"]["overdue"] for c in q["callbacks"]}[visit_id]


def test_only_headquarters_keeps_holidays_and_bad_input_names_the_field(ctx):
    expect_error(api(ctx, "POST", "/api/v1/holidays", {"date": "2027-01-01", "name": "New Year"},
                     "kos.manager"), 403)
    expect_error(api(ctx, "POST", "/api/v1/holidays", {"date": "2027-02-30", "name": "x"}), 422,
                 field="date")
    expect_error(api(ctx, "POST", "/api/v1/holidays", {"date": "2027-01-01", "name": ""}), 422,
                 field="name")
    expect_error(api(ctx, "DELETE", "/api/v1/holidays/2027-01-02"), 404)


def test_a_holiday_today_closes_every_branch_and_says_when_it_opens(ctx):
    assert branch(ctx)["open_now"] is True
    status, body = api(ctx, "POST", "/api/v1/holidays", {"date": local_today(),
                                                         "name": "Founders' Day"})
    assert status == 201, body
    for code in ("KOS", "CAR"):
        b = branch(ctx, code)
        assert b["open_now"] is False, b
        assert b["today"]["kind"] == "holiday" and b["today"]["holiday"] == "Founders' Day"
        # Open all day tomorrow: the next opening is tomorrow's local midnight.
        opens = datetime.fromisoformat(b["opens_next"].replace("Z", "+00:00"))
        assert opens.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M") == local_today(1) + " 00:00"
    status, _, page = ctx["srv"].request("GET", "/board/KOS")
    assert status == 200 and "closed now. It opens again tomorrow at 12 am" in page.decode()
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "phone"}, "kos.staff")
    assert "We are closed now and open again tomorrow at 12 am." in v["greeting"], v


def test_a_callback_promised_for_a_closed_day_waits_for_the_branch_to_open(ctx):
    # CAR opens today after all (its own hours beat the holiday); KOS stays shut.
    status, body = api(ctx, "POST", "/api/v1/branches/CAR/closures",
                       {"date": local_today(), "hours": "00:00-24:00",
                        "reason": "open for the book fair"})
    assert status == 201, body
    assert branch(ctx, "CAR")["open_now"] is True
    assert branch(ctx, "CAR")["today"]["kind"] == "changed"
    promised = datetime.now(timezone.utc) - timedelta(seconds=30)  # within the grace
    closed = callback(ctx, "kos.staff", "KOS", promised)
    opened = callback(ctx, "car.staff", "CAR", promised)
    assert closed["callback"]["overdue"] is False, closed
    assert opened["callback"]["overdue"] is True, opened
    assert overdue(ctx, "kos.staff", "KOS", closed["id"]) is False
    # With the holiday taken back, KOS has been open past the promised time.
    assert api(ctx, "DELETE", f"/api/v1/holidays/{local_today()}")[0] == 200
    assert branch(ctx)["open_now"] is True
    assert overdue(ctx, "kos.staff", "KOS", closed["id"]) is True


def test_a_branch_closes_itself_for_a_day_but_not_another_branch(ctx):
    expect_error(api(ctx, "POST", "/api/v1/branches/CAR/closures",
                     {"date": local_today(), "reason": "ice storm"}, "kos.manager"), 403)
    expect_error(api(ctx, "POST", "/api/v1/branches/KOS/closures",
                     {"date": local_today(), "reason": "ice storm"}, "kos.staff"), 403)
    expect_error(api(ctx, "POST", "/api/v1/branches/KOS/closures",
                     {"date": local_today(), "hours": "14:00-10:00", "reason": "x"},
                     "kos.manager"), 422, field="hours")
    expect_error(api(ctx, "POST", "/api/v1/branches/KOS/closures", {"date": local_today()},
                     "kos.manager"), 422, field="reason")
    status, body = api(ctx, "POST", "/api/v1/branches/KOS/closures",
                       {"date": local_today(), "reason": "ice storm"}, "kos.manager")
    assert status == 201, body
    b = branch(ctx)
    assert b["open_now"] is False and b["today"]["kind"] == "closed"
    assert b["today"]["reason"] == "ice storm" and b["today"]["set_by"]["login"] == "kos.manager"
    assert branch(ctx, "CAR")["open_now"] is True
    assert api(ctx, "DELETE", f"/api/v1/branches/KOS/closures/{local_today()}",
               who="kos.manager")[0] == 200
    assert branch(ctx)["open_now"] is True


ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//MMRLS//Holidays 2027//EN\r\n"
       "BEGIN:VEVENT\r\nUID:july4@mmrls\r\nDTSTART;VALUE=DATE:20270705\r\n"
       "SUMMARY:Independence Day (observed)\r\nEND:VEVENT\r\n"
       "BEGIN:VEVENT\r\nUID:xmas@mmrls\r\nDTSTART;VALUE=DATE:20271224\r\n"
       "DTEND;VALUE=DATE:20271227\r\nSUMMARY:Christmas\\, Eve to Boxing Day\r\nEND:VEVENT\r\n"
       "END:VCALENDAR\r\n")


def import_ics(ctx, text, who="director"):
    status, _, data = ctx["srv"].request(
        "POST", "/api/v1/holidays/import", text.encode(),
        {"Content-Type": "text/calendar", "Authorization": "Bearer " + ctx[who]})
    import json
    return status, json.loads(data)


def test_a_holiday_list_from_an_ics_file_is_on_every_branch(ctx):
    assert import_ics(ctx, ICS, "kos.manager")[0] == 403
    bad = ICS.replace("DTSTART;VALUE=DATE:20271224", "DTSTART;VALUE=DATE:2027-12-24")
    status, body = import_ics(ctx, bad)
    assert status == 422 and body["error"]["field"] == "ics", body
    assert "line 11" in body["error"]["message"], body
    # All or nothing: the good event of the refused file was not kept.
    status, h = api(ctx, "GET", "/api/v1/holidays?from=2027-01-01&to=2027-12-31")
    assert h["holidays"] == [], h
    status, body = import_ics(ctx, ICS)
    assert status == 200 and body == {"days": 4}, body
    for code in ("KOS", "CAR"):
        status, cal = api(ctx, "GET",
                          f"/api/v1/branches/{code}/calendar?from=2027-07-04&to=2027-07-06",
                          who="car.staff")
        assert status == 200, cal
        assert [(d["date"], d["open"], d["holiday"]) for d in cal["days"]] == [
            ("2027-07-04", True, None), ("2027-07-05", False, "Independence Day (observed)"),
            ("2027-07-06", True, None)], cal
        status, cal = api(ctx, "GET",
                          f"/api/v1/branches/{code}/calendar?from=2027-12-23&to=2027-12-27")
        assert [d["kind"] for d in cal["days"]] == ["weekly", "holiday", "holiday", "holiday",
                                                   "weekly"], cal
        assert cal["days"][1]["holiday"] == "Christmas, Eve to Boxing Day"
    expect_error(api(ctx, "GET", "/api/v1/branches/KOS/calendar?from=2027-01-01&to=2029-01-01"),
                 422, field="to")
    # The same list at the command line.
    out = ctx["db"].cli("holiday", "list").out
    assert "2027-07-05  Independence Day (observed)" in out, out


def form(ctx, path, fields, who):
    from urllib.parse import urlencode
    return ctx["srv"].request("POST", path, urlencode(fields), {
        "Authorization": "Bearer " + ctx[who],
        "Content-Type": "application/x-www-form-urlencoded"})


def test_the_calendar_page_changes_what_its_reader_may(ctx):
    status, _, page = form(ctx, "/calendar/holidays", {"date": "2027-11-25",
                                                       "name": "Thanksgiving"}, "kos.manager")
    assert status == 403, page
    status, headers, _ = form(ctx, "/calendar/holidays", {"date": "2027-11-25",
                                                          "name": "Thanksgiving"}, "director")
    assert status == 303 and headers["Location"] == "/calendar"
    status, _, page = form(ctx, "/calendar/holidays/import", {"ics": "not a calendar"},
                           "director")
    assert status == 422 and "not an iCalendar file" in page.decode()
    # The pasted file is read through its table: an empty one is named, as the form labels it.
    status, _, page = form(ctx, "/calendar/holidays/import", {"ics": ""}, "director")
    assert status == 422 and "iCalendar (.ics) file is required" in page.decode(), page
    status, _, page = form(ctx, "/calendar/KOS/days", {"date": "2027-11-26", "hours": "",
                                                       "reason": "staff training"},
                           "kos.manager")
    assert status == 303, page
    status, _, page = ctx["srv"].request("GET", "/calendar?branch=KOS",
                                         headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 200 and "Thanksgiving" in page.decode()
    assert 'id="hdate"' not in page.decode() and 'id="cdate"' not in page.decode()
    status, cal = api(ctx, "GET", "/api/v1/branches/KOS/calendar?from=2027-11-25&to=2027-11-26")
    assert [d["kind"] for d in cal["days"]] == ["holiday", "closed"], cal
    assert form(ctx, "/calendar/KOS/days/2027-11-26/remove", {}, "kos.manager")[0] == 303
    assert form(ctx, "/calendar/holidays/2027-11-25/remove", {}, "director")[0] == 303


def test_the_keepers_calendar_is_markup_not_text(ctx):
    # Headquarters' view, with its Remove and Take back forms: markup passed to the HTML
    # writer as an argument once showed as text ('<th><span class="visually-hidden">...').
    holiday, day = local_today(10), local_today(12)  # the branch card shows the next month
    assert form(ctx, "/calendar/holidays", {"date": holiday, "name": "Founders' Day"},
                "director")[0] == 303
    assert form(ctx, "/calendar/KOS/days", {"date": day, "hours": "10:00-14:00",
                                            "reason": "inventory"}, "kos.manager")[0] == 303
    status, _, page = ctx["srv"].request(  # the month the changed day is in, as a grid
        "GET", f"/calendar?branch=KOS&month={day[:7]}",
        headers={"Authorization": "Bearer " + ctx["director"]})
    text = page.decode()
    assert status == 200 and "&lt;" not in text and "&quot;" not in text, text
    assert "Founders&#39; Day" in text  # text in it still escaped
    assert '<th><span class="visually-hidden">Remove</span></th>' in text, text
    assert f'action="/calendar/holidays/{holiday}/remove"' in text
    assert f'action="/calendar/KOS/days/{day}/remove"' in text and "Take back" in text
    assert form(ctx, f"/calendar/KOS/days/{day}/remove", {}, "kos.manager")[0] == 303
    assert form(ctx, f"/calendar/holidays/{holiday}/remove", {}, "director")[0] == 303


def test_the_report_counts_the_wait_to_acknowledgement_in_open_hours(ctx):
    # KOS had a power cut yesterday and today; CAR was open.
    for day in (local_today(-1), local_today()):
        status, body = api(ctx, "POST", "/api/v1/branches/KOS/closures",
                           {"date": day, "reason": "power cut"}, "kos.manager")
        assert status == 201, body
    ids = []
    for who, code in (("kos.staff", "KOS"), ("car.staff", "CAR")):
        status, v = api(ctx, "POST", f"/api/v1/branches/{code}/visits",
                        {"channel": "in_person"}, who)
        assert api(ctx, "POST", f"/api/v1/visits/{v['id']}/acknowledge", {}, who)[0] == 200
        ids.append(v["id"])
    # Both waited two hours before anyone turned to them.
    ctx["db"].execute(f"UPDATE visit SET arrived_at = arrived_at - 7200, queue_at = queue_at - "
                      f"7200 WHERE id IN ({ids[0]}, {ids[1]})")
    met = {}
    for code in ("KOS", "CAR"):
        status, r = api(ctx, "GET", f"/api/v1/reports/service?branch={code}&from="
                        f"{local_today(-1)}&to={local_today()}")
        assert status == 200, r
        met[code] = r["ack_target_met_pct"]
    # At KOS the branch was shut the whole time: no open time passed, the target was met.
    assert met == {"KOS": 100.0, "CAR": 0.0}, met


def test_a_calendar_card_that_fails_shows_only_its_error(ctx):
    # The holidays cannot be read (their table renamed behind the server's back): the card
    # says so, with the error id to quote, and not also that there are no holidays.
    ctx["db"].execute("ALTER TABLE holiday RENAME TO holiday_away")
    try:
        status, _, page = ctx["srv"].request(
            "GET", "/calendar", headers={"Authorization": "Bearer " + ctx["director"]})
    finally:
        ctx["db"].execute("ALTER TABLE holiday_away RENAME TO holiday")
    text = page.decode()
    card = text[text.index('id="hol"'):]
    card = card[:card.index("</section>")]
    assert 'class="error"' in card, card
    assert "No holidays are set" not in card and 'id="hdate"' not in card, card
    status, _, page = ctx["srv"].request(
        "GET", "/calendar", headers={"Authorization": "Bearer " + ctx["director"]})
    assert status == 200 and 'class="error"' not in page.decode()


def upload(ctx, path, filename, content, who="director", ctype="text/calendar"):
    """Posts content as a file of a multipart/form-data form, as a browser sends one."""
    boundary = "----frontdeskTestBoundary7MA4YWxk"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"ics\"; "
            f"filename=\"{filename}\"\r\nContent-Type: {ctype}\r\n\r\n").encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return ctx["srv"].request("POST", path, body, {
        "Authorization": "Bearer " + ctx[who],
        "Content-Type": "multipart/form-data; boundary=" + boundary})


def test_an_ics_file_uploaded_from_the_page_sets_the_holidays(ctx):
    ics = ICS.replace("2027", "2028").replace("@mmrls", "-2028@mmrls").encode()
    status, _, page = upload(ctx, "/calendar/holidays/import", "holidays.ics", ics,
                             who="kos.manager")
    assert status == 403, page
    status, headers, page = upload(ctx, "/calendar/holidays/import", "holidays.ics", ics)
    assert status == 303 and headers["Location"] == "/calendar", page
    status, h = api(ctx, "GET", "/api/v1/holidays?from=2028-01-01&to=2028-12-31")
    assert [(x["date"], x["name"]) for x in h["holidays"]] == [
        ("2028-07-05", "Independence Day (observed)"), ("2028-12-24", "Christmas, Eve to Boxing Day"),
        ("2028-12-25", "Christmas, Eve to Boxing Day"),
        ("2028-12-26", "Christmas, Eve to Boxing Day")], h
    # The month grid shows them in their days.
    status, _, page = ctx["srv"].request(
        "GET", "/calendar?branch=KOS&month=2028-12",
        headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    text = page.decode()
    cell = text[text.index('id="day-2028-12-25"'):]
    assert "Christmas, Eve to Boxing Day" in cell[:cell.index("</td>")], cell[:400]
    assert '<caption>KOS Library: December 2028</caption>' in text
    assert 'month=2028-11' in text and 'month=2029-01' in text
    # A file that is not a calendar, or not text, is refused naming the file.
    status, _, page = upload(ctx, "/calendar/holidays/import", "notes.txt", b"shopping list",
                             ctype="text/plain")
    assert status == 422 and "not an iCalendar file" in page.decode(), page
    status, _, page = upload(ctx, "/calendar/holidays/import", "photo.ics",
                             b"\x89PNG\r\n\x1a\n\x00\x00")
    assert status == 422 and "not valid UTF-8" in page.decode(), page
    # The server's body limit still holds for a file.
    status, _, _ = upload(ctx, "/calendar/holidays/import", "huge.ics", b"x" * (2 << 20))
    assert status == 413, status
    for day in ("2028-07-05", "2028-12-24", "2028-12-25", "2028-12-26"):
        assert form(ctx, f"/calendar/holidays/{day}/remove", {}, "director")[0] == 303


def test_a_month_that_is_not_one_is_named(ctx):
    status, _, page = ctx["srv"].request(
        "GET", "/calendar?branch=KOS&month=2028-13",
        headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 200 and "the month is a year and a month" in page.decode()
