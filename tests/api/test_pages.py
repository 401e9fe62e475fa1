"""The staff web pages over real HTTP: login with the form, the desk page, escaping."""
import re
import urllib.parse

from harness import Db, Server

PASSWORD = "desk password 2026"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko <script>alert(1)</script>")
    db.add_user("kos.manager", "branch_manager", "KOS", password=PASSWORD)
    db.add_user("kos.sub", "substitute", "KOS")
    db.cli("user", "add", "kos.zed", "--name", "Ada Zed", "--role", "page", "--branch", "KOS")
    return {"db": db, "srv": Server(db)}


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def form_login(ctx, password=PASSWORD):
    srv = ctx["srv"]
    status, headers, body = srv.request("GET", "/login")
    assert status == 200
    pre = headers["Set-Cookie"].split(";")[0]
    csrf = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrf": csrf, "login": "kos.manager", "password": password})
    return srv.request("POST", "/login", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": pre})


def test_home_without_session_goes_to_login(ctx):
    status, headers, _ = ctx["srv"].request("GET", "/")
    assert status == 303 and headers["Location"] == "/login"
    status, headers, _ = ctx["srv"].request("GET", "/desk/KOS")
    assert status == 303 and headers["Location"] == "/login"


def test_login_form_without_its_csrf_cookie_is_refused(ctx):
    form = urllib.parse.urlencode({"csrf": "x", "login": "kos.manager", "password": PASSWORD})
    status, headers, _ = ctx["srv"].request("POST", "/login", form, {
        "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    assert "__Host-fd_session" not in (headers.get("Set-Cookie") or "")


def test_wrong_password_shows_the_form_again(ctx):
    status, _, body = form_login(ctx, "not the password")
    assert status == 401
    assert b"wrong login or password" in body


def test_login_then_desk_shows_who_is_in_charge(ctx):
    srv = ctx["srv"]
    status, headers, _ = form_login(ctx)
    assert status == 303 and headers["Location"] == "/", headers
    cookie = [c for c in headers.get_all("Set-Cookie") if c.startswith("__Host-fd_session=")]
    session = cookie[0].split(";")[0]
    ctx["cookie"] = session
    status, headers, _ = srv.request("GET", "/", headers={"Cookie": session})
    assert status == 303 and headers["Location"] == "/desk/KOS"
    status, _, body = srv.request("GET", "/desk/KOS", headers={"Cookie": session})
    assert status == 200
    assert b"In charge now" in body and b"Headquarters" in body  # nobody is on duty yet
    ctx["csrf"] = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()


def test_branch_name_is_escaped(ctx):
    _, _, body = ctx["srv"].request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b"<script>alert(1)</script>" not in body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_clock_on_from_the_page(ctx):
    srv = ctx["srv"]
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    status, headers, _ = srv.request("POST", "/desk/KOS/duty/on", "", {"Cookie": ctx["cookie"]})
    assert status == 403  # no CSRF token
    status, headers, _ = srv.request("POST", "/desk/KOS/duty/on", form, h)
    assert status == 303 and headers["Location"] == "/desk/KOS"
    _, _, body = srv.request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b"Kos Manager" in body and b"Branch Manager" in body and b"Clock off" in body


def test_desk_page_takes_a_walk_in_and_serves_it(ctx):
    srv = ctx["srv"]
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    _, _, body = srv.request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b"Serve next" in body and b"Answer the phone" in body
    assert b"this is Kos. How may I help you?" in body  # CS-PHONE, with the staff name
    form = urllib.parse.urlencode({"csrf": ctx["csrf"], "channel": "in_person",
                                   "note": "<b>bold</b>"})
    status, headers, _ = srv.request("POST", "/desk/KOS/visits", form, h)
    assert status == 303 and headers["Location"] == "/desk/KOS"
    status, headers, frag = srv.request("GET", "/desk/KOS/queue",
                                        headers={"Cookie": ctx["cookie"]})
    assert status == 200 and b'class="ticket">A1<' in frag, frag
    assert b"&lt;b&gt;bold&lt;/b&gt;" in frag and b"<b>bold</b>" not in frag
    visit_id = re.search(rb'id="visit-(\d+)"', frag).group(1).decode()
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    status, _, _ = srv.request("POST", f"/desk/KOS/visits/{visit_id}/start", form, h)
    assert status == 303
    status, _, body = srv.request("POST", f"/desk/KOS/visits/{visit_id}/start", form, h)
    assert status == 409 and b"only a waiting customer" in body
    status, _, _ = srv.request("POST", f"/desk/KOS/visits/{visit_id}/finish", form, h)
    assert status == 303
    _, _, frag = srv.request("GET", "/desk/KOS/queue", headers={"Cookie": ctx["cookie"]})
    assert f'id="visit-{visit_id}"'.encode() not in frag


def test_the_desk_marks_its_own_branch_in_the_branch_list(ctx):
    ctx["db"].cli("branch", "add", "CAR", "--name", "Carthage")
    _, _, body = ctx["srv"].request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    nav = re.search(rb'<nav class="branches".*?</nav>', body, re.S).group(0)
    # Markup passed as an escaped argument once showed as aria-current=&quot;page&quot;.
    assert b'<a href="/desk/KOS" aria-current="page">' in nav, nav
    assert b'<a href="/desk/CAR">Carthage</a>' in nav and b"&quot;" not in nav, nav


def test_a_request_from_a_visit_through_to_closing(ctx):
    srv = ctx["srv"]
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    form = urllib.parse.urlencode({"csrf": ctx["csrf"], "channel": "in_person"})
    srv.request("POST", "/desk/KOS/visits", form, h)
    _, _, frag = srv.request("GET", "/desk/KOS/queue", headers={"Cookie": ctx["cookie"]})
    link = re.search(rb'href="(/desk/KOS/requests\?visit=(\d+))#new"', frag)
    assert link, frag
    status, _, page = srv.request("GET", link.group(1).decode(), headers={"Cookie": ctx["cookie"]})
    assert status == 200 and b'name="visit" value="' + link.group(2) + b'"' in page
    form = urllib.parse.urlencode({"csrf": ctx["csrf"], "visit": link.group(2).decode(),
                                   "kind": "material", "text": "Large-print Agatha Christie"})
    status, headers, _ = srv.request("POST", "/desk/KOS/requests", form, h)
    assert status == 303 and headers["Location"].startswith("/requests/")
    where = headers["Location"]
    _, _, page = srv.request("GET", where, headers={"Cookie": ctx["cookie"]})
    assert b"Large-print Agatha Christie" in page and b"Not yet:" in page
    # People read the kind and the branch in words: "Request 1: Material", the branch's name.
    assert re.search(rb"<h1>Request \d+: Material</h1>", page) and b"by kos.manager: Material" \
        not in page and b": Material \xe2\x80\x94" in page, page
    assert b">Kosciusko &lt;script&gt;" in page and b">KOS&#39;s requests" not in page \
        and b">KOS's requests" not in page
    # Every outcome in words on the close form, never in snake_case.
    for value, words in [("not_fulfilled", "Not fulfilled"),
                         ("customer_declined", "Customer declined"),
                         ("customer_left", "Customer left")]:
        assert f'<option value="{value}">{words}</option>'.encode() in page, page
    assert b">not_fulfilled<" not in page and b">customer_declined<" not in page
    assert "Before “Customer declined”".encode() in page
    close = urllib.parse.urlencode({"csrf": ctx["csrf"], "outcome": "not_fulfilled"})
    status, _, page = srv.request("POST", where + "/close", close, h)
    assert status == 409 and b"every avenue must be tried" in page and b"Not yet:" in page
    offer = urllib.parse.urlencode({"csrf": ctx["csrf"], "kind": "interlibrary_loan",
                                    "accepted": "0"})
    assert srv.request("POST", where + "/alternatives", offer, h)[0] == 303
    # One declined offer is not "not fulfilled": Headquarters has not seen it.
    status, _, page = srv.request("POST", where + "/close", close, h)
    assert status == 409 and b"referred up to Headquarters" in page, status
    # Customer declined without a note: the screen again, naming what is missing.
    declined = urllib.parse.urlencode({"csrf": ctx["csrf"], "outcome": "customer_declined"})
    status, _, page = srv.request("POST", where + "/close", declined, h)
    assert status == 422 and b"needs a note" in page and b"Close the request" in page
    left = urllib.parse.urlencode({"csrf": ctx["csrf"], "outcome": "customer_left"})
    status, headers, _ = srv.request("POST", where + "/close", left, h)
    assert status == 303, status
    _, _, page = srv.request("GET", where, headers={"Cookie": ctx["cookie"]})
    assert b"closed: Customer left" in page and b"declined" in page
    _, _, mine = srv.request("GET", "/requests", headers={"Cookie": ctx["cookie"]})
    assert b"Large-print" not in mine  # closed: no longer open


def test_opening_hours_read_as_a_week_on_one_clock(ctx):
    ctx["db"].cli("branch", "add", "WIN", "--name", "Winona Library",
                  "--hours", "mon-thu 09:00-18:00,fri 09:00-17:30,sat 10:00-14:00")
    _, _, page = ctx["srv"].request("GET", "/desk/WIN", headers={"Cookie": ctx["cookie"]})
    week = "Monday to Thursday 9 am – 6 pm; Friday 9 am – 5:30 pm; Saturday 10 am – 2 pm; " \
        "Sunday closed"
    assert week.encode() in page, page
    assert b"mon-thu" not in page and b"09:00" not in page
    _, _, page = ctx["srv"].request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b"No advertised hours" in page


def test_handbook_search_and_acknowledge_at_the_desk(ctx):
    srv, db = ctx["srv"], ctx["db"]
    path = db.dir + "/circ.md"
    with open(path, "w") as f:
        f.write("# Circulation Policy\nApproved: 2019-03-18\n\n## Renewals\nRules: CS-ALT\n"
                "Items may be renewed twice.\n\nRationale: Others may be <waiting>.\n")
    db.cli("policy", "import", path)
    _, _, page = srv.request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b'action="/handbook"' in page  # the search box on every desk page
    status, _, page = srv.request("GET", "/handbook?q=renewal", headers={"Cookie": ctx["cookie"]})
    assert status == 200 and b"<mark>renewed</mark>" in page, page
    assert b"Others may be &lt;waiting&gt;." in page
    # A day as people write one: another year's with its year, never 2019-03-18.
    assert b"approved Mar 18, 2019" in page and b"2019-03-18" not in page, page
    link = re.search(rb'href="(/handbook/\d+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    status, headers, _ = srv.request("POST", link + "/acknowledge", form, h)
    assert status == 303
    _, _, page = srv.request("GET", link, headers={"Cookie": ctx["cookie"]})
    assert b"You have acknowledged this version" in page
    _, _, page = srv.request("GET", "/handbook?rule=CS-ALT", headers={"Cookie": ctx["cookie"]})
    assert b"Renewals" in page
    # The manager sees who at her branch has not read it: the substitute, not herself.
    assert b'<ul id="unread"><li>Kos Sub: ' in page, page
    assert b"Kos Manager: " not in page
    _, _, page = srv.request("GET", "/desk/KOS/complaints", headers={"Cookie": ctx["cookie"]})
    assert b'<option value="Circulation Policy: Renewals">' in page


def test_substitute_alone_shows_the_hq_warning(ctx):
    srv, db = ctx["srv"], ctx["db"]
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    # Walk-ins from the tests before still wait and she is alone: she confirms leaving them.
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    status, _, body = srv.request("POST", "/desk/KOS/duty/off", form, h)
    assert status == 422 and b"nobody else is on duty here" in body, (status, body)
    form = urllib.parse.urlencode({"csrf": ctx["csrf"], "leave_waiting": "1"})
    assert srv.request("POST", "/desk/KOS/duty/off", form, h)[0] == 303
    sub = db.cli("token", "create", "kos.sub").out.strip()
    assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=sub)[0] == 200
    _, _, body = srv.request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert b"Kos Sub" in body and b"Contact Headquarters" in body


def test_static_files_are_served_with_types(ctx):
    status, headers, body = ctx["srv"].request("GET", "/static/style.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and body
    status, headers, _ = ctx["srv"].request("GET", "/static/desk.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert ctx["srv"].request("GET", "/static/nope.css")[0] == 404


def test_the_people_page_reads_by_name_and_deactivating_needs_a_tick(ctx):
    srv = ctx["srv"]
    _, _, body = srv.request("GET", "/admin/users", headers={"Cookie": ctx["cookie"]})
    page = body.decode()
    # Sorted by name (Ada Zed's login sorts last), the add form folded away above the list.
    rows = page[page.index("<tbody>"):]
    assert rows.index("Ada Zed") < rows.index("Kos Manager") < rows.index("Kos Sub"), rows
    assert page.index("Add a person") < page.index('id="people"')
    assert "<details><summary><h2 id=\"add\">" in page
    assert "API token" not in page and "None (Headquarters)" not in page
    h = {"Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"}
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    status, _, body = srv.request("POST", "/admin/users/kos.zed/deactivate", form, h)
    assert status == 422 and b"Tick the box to confirm" in body, (status, body)
    _, _, body = srv.request("GET", "/admin/users", headers={"Cookie": ctx["cookie"]})
    row = re.search(rb'<tr id="user-kos.zed">.*?</tr>', body).group(0)
    assert b"Deactivated" not in row and b'name="confirm"' in row, row
    form = urllib.parse.urlencode({"csrf": ctx["csrf"], "confirm": "yes"})
    status, headers, _ = srv.request("POST", "/admin/users/kos.zed/deactivate", form, h)
    assert status == 303 and headers["Location"] == "/admin/users"
    _, _, body = srv.request("GET", "/admin/users", headers={"Cookie": ctx["cookie"]})
    assert b"Deactivated" in re.search(rb'<tr id="user-kos.zed">.*?</tr>', body).group(0)


def test_logout_form_ends_the_session(ctx):
    srv = ctx["srv"]
    form = urllib.parse.urlencode({"csrf": ctx["csrf"]})
    status, headers, _ = srv.request("POST", "/logout", form, {
        "Cookie": ctx["cookie"], "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303 and headers["Location"] == "/login"
    status, headers, _ = srv.request("GET", "/desk/KOS", headers={"Cookie": ctx["cookie"]})
    assert status == 303 and headers["Location"] == "/login"
