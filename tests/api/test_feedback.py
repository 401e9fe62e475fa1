"""How was your visit today?: one answer per finished visit through its link, the exit kiosk by
ticket number, answers refused in the customer's words, and a contact request reaching the
Branch Manager (on her page and by email) but not a volunteer."""
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
    for login, role, email in [("kos.manager", "branch_manager", "kos.manager@mmrls.example"),
                               ("kos.staff", "staff", None), ("kos.vol", "volunteer", None)]:
        ctx[login] = db.add_user(login, role, "KOS", email=email, password=PASSWORD)
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    for login in ("kos.staff", "kos.vol", "kos.manager"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    ctx["kos.staff.browser"] = browser(ctx, "kos.staff")
    return ctx


teardown = stop_server_and_mail


def browser(ctx, login):
    srv = ctx["srv"]
    _, headers, body = srv.request("GET", "/login")
    pre = headers["Set-Cookie"].split(";")[0]
    token = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrf": token, "login": login, "password": PASSWORD})
    status, headers, _ = srv.request("POST", "/login", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": pre})
    assert status == 303
    return [c for c in headers.get_all("Set-Cookie") if "fd_session" in c][0].split(";")[0]


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


def public_post(ctx, path, fields):
    status, _, page = ctx["srv"].request(
        "POST", path, urllib.parse.urlencode(fields),
        {"Content-Type": "application/x-www-form-urlencoded"})
    return status, page.decode()


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
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]})
    assert status == 200 and 'name="score"' in page, page
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"], "step": "answer",
                                                    "score": "4"})
    assert status == 200 and "Thank you" in page and 'data-restart-s="' in page, page
    row = ctx["db"].sql(f"SELECT score, channel FROM feedback WHERE visit_id = {v['id']}")[0]
    assert row == ["4", "kiosk"], row
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": v["ticket"]})
    assert status == 409 and "already has an answer" in page
    status, page = public_post(ctx, "/kiosk/KOS", {"ticket": "A999"})
    assert status == 422 and "no finished visit" in page, page


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
    # A volunteer may not read the branch's complaints, nor its answers.
    assert srv.api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.vol"])[0] == 403
    assert srv.api("GET", "/api/v1/branches/KOS/feedback", token=ctx["kos.vol"])[0] == 403
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
    status, page = public_post(ctx, link, {
        "score": "5", "comment": "Kind and quick", "contact_wanted": "true",
        "contact_name": "Lu Chen", "contact": "555-0142"})
    assert status == 200 and "will contact you" in page, page
    kinds = needs(ctx, "kos.manager")
    items = [i for i in kinds["compliment"]["items"] if "Kind and quick" in i["text"]]
    assert items and "Very good (5 of 5)" in items[0]["text"], kinds["compliment"]
    assert "from Lu Chen (555-0142)" in items[0]["text"], items
    # Not a complaint, and nothing for the desk staff or a volunteer to pass on.
    status, c = ctx["srv"].api("GET", "/api/v1/complaints?branch=KOS", token=ctx["kos.manager"])
    assert not [k for k in c["complaints"] if "Kind and quick" in k["text"]], c
    for who in ("kos.staff", "kos.vol"):
        assert "compliment" not in needs(ctx, who) or \
            needs(ctx, who)["compliment"]["count"] == 0, who
    # Her page lists it with "Passed on", which takes it off.
    manager = browser(ctx, "kos.manager")
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
                                         headers={"Cookie": browser(ctx, "kos.manager")})
    page = body.decode()
    assert status == 200 and "Sam Ortiz, sam@example.org" in page, page[-1500:]
    assert "Nobody: from the customer&#39;s feedback" in page or \
        "Nobody: from the customer's feedback" in page, page[-1500:]
