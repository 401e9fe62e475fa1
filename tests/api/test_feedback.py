"""How was your visit today?: one answer per finished visit through its link, the exit kiosk by
ticket number on a tablet the branch's manager set up (and none other), answers refused in the
customer's words, and a contact request reaching the Branch Manager (on her page and by email)
but not a volunteer."""
import html
import re
import time
import urllib.parse

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

PASSWORD = "correct horse battery"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    db.cli("branch", "add", "CAR", "--name", "Carnegie", "--hours", "mon-sun 00:00-24:00")
    for login, role, email in [("kos.manager", "branch_manager", "kos.manager@mmrls.example"),
                               ("kos.staff", "staff", None), ("kos.vol", "volunteer", None)]:
        ctx[login] = db.add_user(login, role, "KOS", email=email, password=PASSWORD)
    ctx["hqstaff"] = db.add_user("hqstaff", "hq_staff", None, password=PASSWORD)
    ctx["car.manager"] = db.add_user("car.manager", "branch_manager", "CAR", password=PASSWORD)
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    for login in ("kos.staff", "kos.vol", "kos.manager"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    assert srv.api("POST", "/api/v1/duty", {"branch": "CAR"}, token=ctx["car.manager"])[0] == 200
    ctx["kos.staff.browser"] = ctx["srv"].browser("kos.staff", PASSWORD)
    ctx["kiosk"] = set_up_kiosk(ctx, "kos.manager")
    return ctx


teardown = stop_server_and_mail



def served(ctx, finish=True):
    """A walk-in served by kos.staff (and finished): its JSON."""
    srv = ctx["srv"]
    status, v = srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"},
                        token=ctx["kos.staff"])
    assert status == 201, v
    status, body = srv.api("POST", "/api/v1/branches/KOS/next", {}, token=ctx["kos.staff"])
    assert status == 200 and body["id"] == v["id"], body
    if finish:
        assert srv.api("POST", f"/api/v1/visits/{v['id']}/finish", {},
                       token=ctx["kos.staff"])[0] == 200
    return v


def staff_page(ctx, path):
    status, _, page = ctx["srv"].request("GET", path,
                                         headers={"Cookie": ctx["kos.staff.browser"]})
    return status, page.decode()


def card(ctx, ticket):
    """The desk's card for a ticket, as its form posts it from the card's page: (status, page
    text, the feedback link's path or None)."""
    srv = ctx["srv"]
    form_page = "/desk/KOS/feedback?" + urllib.parse.urlencode({"ticket": ticket})
    _, form = staff_page(ctx, form_page)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    status, _, page = srv.request(
        "POST", "/desk/KOS/feedback", urllib.parse.urlencode({"csrf": csrf, "ticket": ticket}),
        {"Cookie": ctx["kos.staff.browser"], "Content-Type": "application/x-www-form-urlencoded",
         "Referer": f"http://127.0.0.1:{srv.port}{form_page}"})
    text = page.decode()
    m = re.search(r'id="feedback-link">[^<]*(/feedback/[A-Za-z0-9_-]+)<', text)
    return status, text, m.group(1) if m else None


def links(ctx, visit_id):
    return int(ctx["db"].sql(f"SELECT count(*) FROM feedback_link WHERE visit_id = {visit_id}")
               [0][0])


def public_post(ctx, path, fields, cookie=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    status, _, page = ctx["srv"].request("POST", path, urllib.parse.urlencode(fields), headers)
    return status, page.decode()


def set_up_kiosk(ctx, login, branch="KOS"):
    """The tablet's cookie, as login presses "Use this tablet as the exit kiosk" in a browser
    signed in as them: (the kiosk cookie, the Set-Cookie headers, where it led)."""
    session = ctx["srv"].browser(login, PASSWORD)
    srv = ctx["srv"]
    _, _, page = srv.request("GET", f"/desk/{branch}/feedback", headers={"Cookie": session})
    csrf = re.search(rb'action="/desk/' + branch.encode() + rb'/kiosk"><input type="hidden" '
                     rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    status, headers, _ = srv.request("POST", f"/desk/{branch}/kiosk",
                                     urllib.parse.urlencode({"csrf": csrf}), {
                                         "Content-Type": "application/x-www-form-urlencoded",
                                         "Cookie": session})
    assert status == 303 and headers["Location"].endswith(f"/kiosk/{branch}"), status
    cookies = headers.get_all("Set-Cookie")
    kiosk = [c for c in cookies if c.startswith("__Host-fd_kiosk=")][0]
    assert "HttpOnly" in kiosk and "SameSite=Strict" in kiosk and "Secure" in kiosk, kiosk
    # The tablet is the public's from now on: whoever set it up is signed out on it.
    assert any(c.startswith("__Host-fd_session=;") for c in cookies), cookies
    assert srv.request("GET", f"/desk/{branch}", headers={"Cookie": session})[0] in (302, 303)
    return kiosk.split(";")[0]


def answers(ctx):
    return int(ctx["db"].sql("SELECT count(*) FROM feedback")[0][0])


def test_a_finished_visit_gets_one_answer_and_a_second_is_refused(ctx):
    v = served(ctx)
    status, text, link = card(ctx, v["ticket"])
    assert status == 200 and link and "<svg" in text, text[:400]
    status, _, page = ctx["srv"].request("GET", link)
    assert status == 200 and "How was your visit today?" in page.decode()
    before = answers(ctx)
    status, page = public_post(ctx, link, {"score": "5", "comment": "Very helpful"})
    assert status == 200 and "Thank you" in page, page
    assert answers(ctx) == before + 1
    row = ctx["db"].sql(f"SELECT score, comment, channel, contact FROM feedback "
                        f"WHERE visit_id = {v['id']}")[0]
    assert row[:3] == ["5", "Very helpful", "desk"] and row[3] in ("None", ""), row
    status, page = public_post(ctx, link, {"score": "1", "comment": "Changed my mind"})
    assert status == 409 and "This visit already has an answer. Thank you!" in page, page
    assert answers(ctx) == before + 1
    # The link itself says so too, without the form.
    _, _, page = ctx["srv"].request("GET", link)
    assert "already has an answer" in page.decode() and 'name="score"' not in page.decode()


def test_an_unfinished_visit_has_no_link(ctx):
    v = served(ctx, finish=False)
    status, text, link = card(ctx, v["ticket"])
    assert status == 409 and link is None and "not finished" in text, text[-600:]
    assert ctx["srv"].api("POST", f"/api/v1/visits/{v['id']}/finish", {},
                          token=ctx["kos.staff"])[0] == 200


def test_the_card_is_made_by_the_desks_post_not_by_opening_its_page(ctx):
    v = served(ctx)
    # The day bar, right after Finish, offers the ticket's card as a form that posts.
    _, desk = staff_page(ctx, "/desk/KOS?finished=" + v["ticket"])
    assert re.search(r'<form method="post" action="/desk/KOS/feedback"[^>]*>'
                     r'<input type="hidden" name="csrf" value="[^"]+">'
                     rf'<input type="hidden" name="ticket" value="{v["ticket"]}">', desk), desk
    # Opening the card's page, reloaded or prefetched, makes no link: it asks the ticket.
    for _ in range(3):
        status, page = staff_page(ctx, f"/desk/KOS/feedback?ticket={v['ticket']}")
        assert status == 200 and 'method="post"' in page and 'id="feedback-link"' not in page
        assert f'value="{v["ticket"]}"' in page, page
    assert links(ctx, v["id"]) == 0
    # A post without the session's token is refused and makes nothing.
    status, _, _ = ctx["srv"].request(
        "POST", "/desk/KOS/feedback", urllib.parse.urlencode({"ticket": v["ticket"]}),
        {"Cookie": ctx["kos.staff.browser"], "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and links(ctx, v["id"]) == 0
    status, text, link = card(ctx, v["ticket"])
    assert status == 200 and link and links(ctx, v["id"]) == 1, text[-600:]
    # A ticket that is not today's is refused beside the ticket field, on the page posted from.
    status, text, link = card(ctx, "A999")
    assert status == 422 and link is None and 'method="post"' in text, text[-600:]


def test_links_past_their_week_are_deleted_by_the_retention_job(ctx):
    db = ctx["db"]
    old, fresh = served(ctx), served(ctx)
    old_link, fresh_link = card(ctx, old["ticket"])[2], card(ctx, fresh["ticket"])[2]
    # The old visit, and its link, as if eight days ago.
    db.execute(f"UPDATE visit SET finished_at = finished_at - 8 * 86400 WHERE id = {old['id']}")
    db.execute(f"UPDATE feedback_link SET created_at = created_at - 8 * 86400 "
               f"WHERE visit_id = {old['id']}")
    db.cli("purge")
    assert links(ctx, old["id"]) == 0 and links(ctx, fresh["id"]) == 1
    assert ctx["srv"].request("GET", old_link)[0] == 404
    assert ctx["srv"].request("GET", fresh_link)[0] == 200


def test_an_unknown_link_is_not_found(ctx):
    status, _, page = ctx["srv"].request("GET", "/feedback/nothing-here-at-all")
    assert status == 404 and "no visit to answer for" in page.decode()


def test_bad_input_is_named(ctx):
    v = served(ctx)
    _, _, link = card(ctx, v["ticket"])
    status, page = public_post(ctx, link, {"comment": "no face chosen"})
    assert status == 422 and "Choose one of the five faces." in page, page
    status, page = public_post(ctx, link, {"score": "2", "comment": "x" * 2001})
    assert status == 422 and "too long" in page, page
    status, page = public_post(ctx, link, {"score": "2", "contact_wanted": "true",
                                           "contact_name": "Ana"})
    assert status == 422 and "phone number or an email address" in page, page
    status, page = public_post(ctx, link, {"score": "2", "contact_wanted": "true",
                                           "contact": "ana@example.org"})
    assert status == 422 and "Give your name" in page, page
    assert ctx["db"].sql(f"SELECT count(*) FROM feedback WHERE visit_id = {v['id']}")[0][0] == "0"


def test_the_kiosk_takes_todays_ticket_number(ctx):
    v = served(ctx)
    kiosk = ctx["kiosk"]
    status, _, page = ctx["srv"].request("GET", "/kiosk/KOS", headers={"Cookie": kiosk})
    assert status == 200 and 'name="ticket"' in page.decode()
    # The tablet is no staff's: no staff header, no way to the desk.
    assert "/desk/" not in page.decode() and "Log out" not in page.decode()
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]}, kiosk)
    assert status == 200 and 'name="score"' in page, page
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"], "step": "answer",
                                                    "score": "4"}, kiosk)
    assert status == 200 and "Thank you" in page and 'data-restart-s="' in page, page
    row = ctx["db"].sql(f"SELECT score, channel FROM feedback WHERE visit_id = {v['id']}")[0]
    assert row == ["4", "kiosk"], row
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]}, kiosk)
    assert status == 409 and "already has an answer" in page
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, kiosk)
    assert status == 422 and "no finished visit" in page, page


def test_a_screen_that_is_no_kiosk_says_so_and_writes_nothing(ctx):
    v = served(ctx)
    status, _, page = ctx["srv"].request("GET", "/kiosk/KOS")
    text = html.unescape(page.decode())
    assert status == 200 and "not set up as this library's feedback kiosk" in text, text
    assert "Library staff set it up from the desk." in text and 'name="ticket"' not in text
    _, _, page = ctx["srv"].request("GET", "/kiosk/KOS?lang=es")
    assert "no está configurada como el quiosco" in html.unescape(page.decode())
    tries = ctx["db"].sql("SELECT count(*) FROM kiosk_try")[0][0]
    before = answers(ctx)
    # Another site's form, or anyone on the internet: no kiosk cookie, or a made-up one.
    for cookie in (None, "__Host-fd_kiosk=made-up-token"):
        status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]}, cookie)
        assert status == 403 and "not set up as this library's" in html.unescape(page), page
        status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"], "step": "answer",
                                                        "score": "1"}, cookie)
        assert status == 403 and 'name="score"' not in page, page
    assert answers(ctx) == before
    assert ctx["db"].sql("SELECT count(*) FROM kiosk_try")[0][0] == tries
    # Kosciusko's tablet is no kiosk of Carnegie's.
    status, page = public_post(ctx, "/kiosk/CAR", {"ticket": "A1"}, ctx["kiosk"])
    assert status == 403 and "Carnegie" in page, page


def test_a_staff_session_in_the_same_browser_does_not_refuse_the_kiosk(ctx):
    v = served(ctx)
    cookies = ctx["kiosk"] + "; " + ctx["kos.staff.browser"]
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]}, cookies)
    assert status == 200 and 'name="score"' in page, page


def test_only_the_branchs_managers_set_up_or_retire_a_kiosk(ctx):
    srv = ctx["srv"]
    for login, branch in (("kos.vol", "KOS"), ("kos.staff", "KOS"), ("car.manager", "KOS")):
        assert page_post(ctx, f"/desk/{branch}/kiosk", login)[0] == 403, login
    _, _, page = srv.request("GET", "/desk/KOS/feedback",
                             headers={"Cookie": ctx["kos.staff.browser"]})
    assert "Use this tablet as the exit kiosk" not in page.decode()
    kid = ctx["db"].sql("SELECT max(id) FROM kiosk_device")[0][0]
    for login in ("kos.staff", "car.manager"):
        assert page_post(ctx, f"/desk/KOS/kiosks/{kid}/retire", login)[0] == 403, login
    assert ctx["db"].sql(f"SELECT retired_at FROM kiosk_device WHERE id = {kid}")[0][0] \
        in ("None", "")


def page_post(ctx, path, login, fields=None):
    """A staff form's post as login (a bearer token: no CSRF field needed)."""
    status, _, page = ctx["srv"].request(
        "POST", path, urllib.parse.urlencode(fields or {}),
        {"Content-Type": "application/x-www-form-urlencoded",
         "Authorization": "Bearer " + ctx[login]})
    return status, page.decode()


def test_tries_are_counted_per_kiosk(ctx):
    first, second = set_up_kiosk(ctx, "kos.manager"), set_up_kiosk(ctx, "kos.manager")
    for _ in range(6):
        assert public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, first)[0] == 422
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, first)
    assert status == 429 and "Too many tries" in page, page
    # The other tablet by the other door, on the same wifi (one address), still works.
    assert public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, second)[0] == 422


def test_a_retired_kiosk_stops_working(ctx):
    tablet = set_up_kiosk(ctx, "kos.manager")
    kid = ctx["db"].sql("SELECT max(id) FROM kiosk_device")[0][0]
    session = ctx["srv"].browser("kos.manager", PASSWORD)
    _, _, page = ctx["srv"].request("GET", "/desk/KOS/feedback", headers={"Cookie": session})
    assert f'action="/desk/KOS/kiosks/{kid}/retire"' in page.decode()
    assert public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, tablet)[0] == 422
    status, _ = page_post(ctx, f"/desk/KOS/kiosks/{kid}/retire", "kos.manager")
    assert status == 303, status
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": "A999"}, tablet)
    assert status == 403 and "not set up" in page, page
    _, _, page = ctx["srv"].request("GET", "/kiosk/KOS", headers={"Cookie": tablet})
    assert 'name="ticket"' not in page.decode()
    # Once retired, it is no kiosk to retire again.
    assert page_post(ctx, f"/desk/KOS/kiosks/{kid}/retire", "kos.manager")[0] == 404


def test_the_kiosk_address_in_lower_case_is_the_branchs(ctx):
    v = served(ctx)
    status, _, page = ctx["srv"].request("GET", "/kiosk/kos", headers={"Cookie": ctx["kiosk"]})
    assert status == 200 and "Kosciusko" in page.decode() and 'name="ticket"' in page.decode()
    status, page = public_post(ctx, "/kiosk/kos", {"ticket": v["ticket"]}, ctx["kiosk"])
    assert status == 200 and 'name="score"' in page, page


def test_a_contact_request_reaches_the_branch_manager_not_a_volunteer(ctx):
    v = served(ctx)
    _, _, link = card(ctx, v["ticket"])
    status, page = public_post(ctx, link, {
        "score": "2", "comment": "Nobody could find my hold", "contact_wanted": "true",
        "contact_name": "Ana Reyes", "contact": "ana@example.org",
        "via": "join"})  # not the browser's to say: the desk's card is the desk's channel
    assert status == 200 and "will contact you" in page, page
    srv = ctx["srv"]
    status, c = srv.api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.manager"])
    assert status == 200, c
    mine = [k for k in c["complaints"] if "Nobody could find my hold" in k["text"]]
    assert mine, c
    status, full = srv.api("GET", f"/api/v1/complaints/{mine[0]['id']}", token=ctx["kos.manager"])
    assert status == 200 and "Ana Reyes" in str(full), full
    # Which visit, who served it and the language to call back in, without asking again.
    assert f"ticket {v['ticket']}, served by Kos Staff, answered in English" in full["text"], full
    # It waits in the Branch Manager's "Needs you", leading to the complaint, until resolved.
    waiting = [i for i in needs(ctx, "kos.manager")["feedback_complaint"]["items"]
               if i["id"] == mine[0]["id"]]
    assert waiting and "contact Ana Reyes" in waiting[0]["text"], waiting
    assert "feedback_complaint" not in needs(ctx, "kos.staff")
    assert srv.api("POST", f"/api/v1/complaints/{mine[0]['id']}/resolve",
                   {"resolution": "Called back; the hold was found."},
                   token=ctx["kos.manager"])[0] == 200
    assert not [i for i in needs(ctx, "kos.manager")["feedback_complaint"]["items"]
                if i["id"] == mine[0]["id"]]
    # A volunteer may not read the branch's complaints, nor its answers.
    assert srv.api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.vol"])[0] == 403
    assert srv.api("GET", "/api/v1/branches/KOS/feedback", token=ctx["kos.vol"])[0] == 403
    # Nor Headquarters Staff: the branch's figures, not each person's answers and comments.
    assert srv.api("GET", "/api/v1/branches/KOS/feedback", token=ctx["hqstaff"])[0] == 403
    status, fb = srv.api("GET", "/api/v1/branches/KOS/feedback", token=ctx["kos.manager"])
    mine = [f for f in fb["feedback"] if f["visit_id"] == v["id"]]
    assert mine and mine[0]["channel"] == "desk" and mine[0]["contact_requested"] == "complaint"
    assert mine[0]["contact"]["name"] == "Ana Reyes", mine
    deadline = time.time() + 15
    while time.time() < deadline:
        mails = [m for m in ctx["smtp"].messages()
                 if "kos.manager@mmrls.example" in m["X-Rcpt-To"]]
        if mails:
            break
        time.sleep(0.1)
    assert mails and "asked to be contacted" in mails[0]["Subject"], mails
    # The email carries no personal data: the page shows it to who may read customers.
    assert "ana@example.org" not in mails[0].get_payload()


def needs(ctx, who):
    status, n = ctx["srv"].api("GET", "/api/v1/needs", token=ctx[who])
    assert status == 200, n
    return {k["kind"]: k for k in n["kinds"]}


def test_a_compliment_waits_on_the_managers_page_until_passed_on(ctx):
    v = served(ctx)
    _, _, link = card(ctx, v["ticket"])
    # Answered in Spanish: the manager is told so, to thank them in it.
    status, page = public_post(ctx, link + "?lang=es", {
        "score": "5", "comment": "Kind and quick", "contact_wanted": "true",
        "contact_name": "Lu Chen", "contact": "555-0142"})
    assert status == 200 and "se comunicará con usted" in page, page
    kinds = needs(ctx, "kos.manager")
    items = [i for i in kinds["compliment"]["items"] if "Kind and quick" in i["text"]]
    assert items and "Very good (5 of 5)" in items[0]["text"], kinds["compliment"]
    assert "from Lu Chen (555-0142), who answered in Spanish" in items[0]["text"], items
    # Not a complaint, and nothing for the desk staff or a volunteer to pass on.
    status, c = ctx["srv"].api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.manager"])
    assert not [k for k in c["complaints"] if "Kind and quick" in k["text"]], c
    for who in ("kos.staff", "kos.vol"):
        assert "compliment" not in needs(ctx, who) or \
            needs(ctx, who)["compliment"]["count"] == 0, who
    # Her page lists it with "Passed on", which takes it off.
    manager = ctx["srv"].browser("kos.manager", PASSWORD)
    status, _, body = ctx["srv"].request("GET", "/needs", headers={"Cookie": manager})
    page = body.decode()
    fid = items[0]["id"]
    assert status == 200 and f'action="/desk/KOS/compliments/{fid}/done"' in page, page[-2000:]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, _, _ = ctx["srv"].request(
        "POST", f"/desk/KOS/compliments/{fid}/done", urllib.parse.urlencode({"csrf": token}),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": manager})
    assert status == 303
    kinds = needs(ctx, "kos.manager")
    assert not [i for i in kinds["compliment"]["items"] if i["id"] == fid], kinds["compliment"]
    # Twice is refused: it is no longer waiting.
    status, _, _ = ctx["srv"].request(
        "POST", f"/desk/KOS/compliments/{fid}/done", urllib.parse.urlencode({"csrf": token}),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": manager})
    assert status == 404


def test_the_complaint_page_shows_whom_to_contact_to_the_manager_only(ctx):
    v = served(ctx)
    _, _, link = card(ctx, v["ticket"])
    public_post(ctx, link, {"score": "1", "comment": "Rude at the desk", "contact_wanted": "true",
                            "contact_name": "Sam Ortiz", "contact": "sam@example.org"})
    status, c = ctx["srv"].api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.manager"])
    cid = [k for k in c["complaints"] if "Rude at the desk" in k["text"]][0]["id"]
    status, _, body = ctx["srv"].request("GET", f"/complaints/{cid}",
                                         headers={"Cookie": ctx["srv"].browser(
                                             "kos.manager", PASSWORD)})
    page = body.decode()
    assert status == 200 and "Sam Ortiz, sam@example.org" in page, page[-1500:]
    assert "Nobody: from the customer&#39;s feedback" in page or \
        "Nobody: from the customer's feedback" in page, page[-1500:]
