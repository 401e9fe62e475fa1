"""Joining the line from a phone: the join form (no login, its own cookie token), the ticket's
page with its place and status, the desk seeing it marked and removing it, leaving the line,
the bounds per device and per address, a closed branch, and refused input naming the field
with nothing written."""
import datetime
import html
import re
import time
import subprocess
import tempfile
import urllib.parse

from harness import Db, Server


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "SUN", "--name", "Sunday Shut")  # never open by its hours
    # The bounds' own branch: its address count is theirs alone.
    db.cli("branch", "add", "BND", "--name", "Bounds", "--hours", "mon-sun 00:00-24:00")
    # The IPv6 bound's own branch, and one open only two days from now (closed today).
    db.cli("branch", "add", "SIX", "--name", "Six", "--hours", "mon-sun 00:00-24:00")
    later = (datetime.date.today() + datetime.timedelta(days=2)).strftime("%a").lower()
    db.cli("branch", "add", "NXT", "--name", "Next Week", "--hours", f"{later} 09:00-17:00")
    # The acknowledgement figure's own branch: its report counts only that test's tickets.
    db.cli("branch", "add", "ACK", "--name", "Acknowledged", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    ctx["kos.staff"] = db.add_user("kos.staff", "staff", "KOS")
    ctx["kos.vol"] = db.add_user("kos.vol", "volunteer", "KOS")
    ctx["kos.page"] = db.add_user("kos.page", "page", "KOS")
    ctx["ack.staff"] = db.add_user("ack.staff", "staff", "ACK")
    ctx["ack.manager"] = db.add_user("ack.manager", "branch_manager", "ACK")
    # The tests' phones say their address as a proxy would: the loopback is trusted for it.
    # Six tickets an hour from one address, not the default thirty: the bound is reached soon.
    ctx["srv"] = Server(db, config="[server]\ntrusted_proxies = 127.0.0.1\n"
                        "[join]\nper_address_per_hour = 6\n")
    for login, branch in (("kos.staff", "KOS"), ("ack.staff", "ACK")):
        status, _ = ctx["srv"].api("POST", "/api/v1/duty", {"branch": branch, "desk": "2"},
                                   token=ctx[login])
        assert status in (200, 201), status
    for who in ("kos.vol", "kos.page"):
        assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"},
                              token=ctx[who])[0] in (200, 201), who
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


class Phone:
    """A phone's browser: keeps the cookies the server sets, as a browser does."""

    def __init__(self, srv, address=None):
        self.srv, self.cookies, self.address = srv, {}, address

    def go(self, method, path, form=None):
        h = {}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.address:
            h["X-Forwarded-For"] = self.address
        body = None
        if form is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(form)
        status, headers, data = self.srv.request(method, path, body, h)
        for c in headers.get_all("Set-Cookie") or []:
            name, value = c.split(";")[0].split("=", 1)
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return status, headers, html.unescape(data.decode())

    def join(self, code="KOS", **fields):
        status, _, page = self.go("GET", f"/join/{code}")
        m = re.search(r'name="token" value="([^"]+)"', page)
        if not m:
            return status, None, page
        form = {"token": m.group(1), "reason": "card", "language": "en", "first_name": ""}
        form.update(fields)
        return self.go("POST", f"/join/{code}", form)


def api(ctx, method, path, body=None):
    return ctx["srv"].api(method, path, {} if body is None and method == "POST" else body,
                          token=ctx["kos.staff"])


def queue_visit(ctx, ticket):
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    for group in ("waiting", "serving"):
        for v in q[group]:
            if v["ticket"] == ticket:
                return v
    return None


def ticket_of(page):
    return re.search(r'id="ticket">([A-Z]\d+)<', page).group(1)


def test_a_phone_joins_sees_its_place_and_is_called_at_its_desk(ctx):
    phone = Phone(ctx["srv"])
    # An English browser, asking to be served in Spanish: the ticket's pages speak it after.
    status, headers, _ = phone.join(first_name="Ana", reason="computers", language="es")
    assert status == 303, status
    where = headers["Location"]
    assert re.fullmatch(r"/ticket/[A-Za-z0-9_-]{43}", where), where
    status, _, page = phone.go("GET", where)
    assert status == 200 and "Personas delante de usted: 0" in page, page
    assert '<html lang="es">' in page
    ticket = ticket_of(page)
    v = queue_visit(ctx, ticket)
    assert v["joined"] == "phone" and v["first_name"] == "Ana", v
    assert v["language"] == "es", v
    assert v["reason"] == "computers" and v["channel"] == "in_person", v
    desk = ctx["srv"].request("GET", "/desk/KOS", None,
                              {"Authorization": "Bearer " + ctx["kos.staff"]})[2].decode()
    assert "Joined by phone: Ana" in desk, desk
    assert "speaks Spanish" in desk and "speaks English" not in desk, desk
    assert "Computers and printing" in desk
    # Someone else joins behind: one person ahead of them.
    other = Phone(ctx["srv"])
    status, headers, _ = other.join()
    assert status == 303
    assert "People ahead of you: 1" in other.go("GET", headers["Location"])[2]
    # Reopening the join page on the first phone shows its ticket, not a second one.
    status, headers, _ = phone.go("GET", "/join/KOS")
    assert status == 303 and headers["Location"] == where
    # The desk calls it: the status says whose turn, at which desk.
    status, served = api(ctx, "POST", "/api/v1/branches/KOS/next")
    assert status == 200 and served["ticket"] == ticket, served
    status, _, frag = phone.go("GET", where + "/status")
    assert status == 200 and "Es su turno — mostrador 2" in frag and 'role="alert"' in frag, frag
    # Called: the tone is still offered (it is what sounds the turn).
    assert 'id="sound"' in phone.go("GET", where)[2]
    # The board, in English, calls this ticket in the language its customer asked for.
    board = ctx["srv"].request("GET", "/board/KOS", None, {"Accept-Language": "en"})[2].decode()
    assert f'data-ticket="{ticket}" data-desk="2" data-lang="es"' in board, board
    assert api(ctx, "POST", f"/api/v1/visits/{served['id']}/finish")[0] == 200
    frag = phone.go("GET", where + "/status")[2]
    assert 'id="feedback"' in frag and "Gracias por visitar la biblioteca." in frag, frag
    answer_through_the_ticket(ctx, phone, where, served["id"])
    # The one behind leaves the line: gone from the desk's queue, counted as neither.
    status, headers2, _ = other.go("GET", "/join/KOS")
    assert status == 303
    status, _, _ = other.go("POST", headers2["Location"] + "/leave", {})
    assert status == 303
    frag = other.go("GET", headers2["Location"] + "/status")[2]
    assert 'data-state="left"' in frag and "You left the line." in frag, frag
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    assert not q["waiting"], q["waiting"]
    # A ticket that left cannot leave again, and says so by its page.
    assert other.go("POST", headers2["Location"] + "/leave", {})[0] == 303


def answer_through_the_ticket(ctx, phone, where, visit_id):
    """The finished ticket's button makes a feedback link (a POST: nothing is made by a GET)
    and the answer counts as from the join page, as the link records; once answered the ticket
    page thanks."""
    # The page's switch back to English: kept for the pages after it.
    page = phone.go("GET", where + "?lang=en")[2]
    assert '<html lang="en">' in page
    assert f'action="{where}/feedback"' in page and "Tell us how your visit went" in page, page
    assert phone.go("GET", where + "/feedback")[0] in (404, 405)
    status, headers, _ = phone.go("POST", where + "/feedback", {})
    link = headers["Location"]
    assert status == 303 and re.fullmatch(r"/feedback/[A-Za-z0-9_-]+", link), link
    status, _, form = phone.go("GET", link)
    assert status == 200 and 'name="score"' in form and 'name="via"' not in form, form
    # The page in Spanish and back by its switch: the answer still counts as from the join
    # page, which the link says, not the page's address.
    assert f'href="{link}?lang=es"' in form, form
    assert '<html lang="es">' in phone.go("GET", link + "?lang=es")[2]
    phone.go("GET", link + "?lang=en")
    status, _, _ = phone.go("POST", link, {"score": "5"})
    assert status in (200, 303), status
    rows = ctx["db"].sql(f"SELECT score, channel FROM feedback WHERE visit_id = {visit_id}")
    assert [tuple(map(str, r)) for r in rows] == [("5", "join")], rows
    page = phone.go("GET", where)[2]
    assert "Thank you for your answer." in page and "Tell us how" not in page, page
    # Finished: no tone to turn on, and no way back into the line (the visit happened).
    assert 'id="sound"' not in page and "plays a tone" not in page, page
    assert "Join the line again" not in page, page
    # A second link is refused: the ticket is shown again, saying it was answered.
    status, headers, _ = phone.go("POST", where + "/feedback", {})
    assert status == 303 and headers["Location"] == where, headers["Location"]
    assert int(ctx["db"].sql("SELECT count(*) FROM feedback_link WHERE visit_id = "
                             f"{visit_id}")[0][0]) == 1


def test_a_waiting_ticket_has_no_feedback_link_and_an_unknown_one_is_not_found(ctx):
    phone = Phone(ctx["srv"])
    status, headers, _ = phone.join()
    where = headers["Location"]
    assert "Tell us how" not in phone.go("GET", where)[2]
    status, headers, _ = phone.go("POST", where + "/feedback", {})
    assert status == 303 and headers["Location"] == where
    assert phone.go("POST", "/ticket/AAAAAAAAAAAAAAAAAAAAAA/feedback", {})[0] == 404
    assert phone.go("POST", where + "/leave", {})[0] == 303


def qr_text(svg, tmp):
    """What a phone's camera reads from the page's QR code: its path drawn into a PGM image,
    read by zbarimg."""
    m = re.search(r'<svg class="qr"[^>]*viewBox="0 0 (\d+) \d+".*?<path fill="#000" d="([^"]*)"',
                  svg, re.S)
    side, scale = int(m.group(1)), 8
    dark = set()
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", m.group(2)):
        for i in range(int(run)):
            dark.add((int(x) + i, int(y)))
    rows = bytearray()
    for py in range(side * scale):
        for px in range(side * scale):
            rows.append(0 if (px // scale, py // scale) in dark else 255)
    path = f"{tmp}/qr.pgm"
    with open(path, "wb") as f:
        f.write(b"P5 %d %d 255\n" % (side * scale, side * scale) + bytes(rows))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", path], capture_output=True)
    return out.stdout.decode().strip()


def test_leaving_asks_first_and_then_the_phone_may_join_again(ctx):
    phone = Phone(ctx["srv"], "198.51.100.9")  # an address of its own: KOS's bound is six
    status, headers, _ = phone.join()
    assert status == 303
    where = headers["Location"]
    page = phone.go("GET", where)[2]
    ticket = ticket_of(page)
    # Waiting: the tone is offered, and "Leave the line" leads to a question, not the POST.
    assert 'id="sound"' in page and "Your phone plays a tone when it is your turn." in page
    assert re.search(rf'<a [^>]*href="{where}/leave">Leave the line</a>', page), page
    assert f'action="{where}/leave"' not in page, page
    status, _, ask = phone.go("GET", where + "/leave")
    assert status == 200 and "<h1>Leave the line?</h1>" in ask, ask
    assert "Your place will be lost." in ask, ask
    assert re.search(rf'<form method="post" action="{where}/leave"[^>]*><button [^>]*>'
                     r'Yes, leave</button></form>', ask), ask
    assert re.search(rf'<a [^>]*href="{where}">No, keep my place</a>', ask), ask
    # Asking leaves nothing: the ticket still waits.
    assert queue_visit(ctx, ticket) is not None
    # In the customer's language.
    ask = phone.go("GET", where + "/leave?lang=es")[2]
    assert '<html lang="es">' in ask and "¿Salir de la fila?" in ask, ask
    assert "Perderá su lugar." in ask and "Sí, salir" in ask, ask
    assert "No, mantener mi lugar" in ask, ask
    phone.go("GET", where + "?lang=en")
    # "Yes, leave": out of the line, the tone no longer offered, the way back in offered.
    assert phone.go("POST", where + "/leave", {})[0] == 303
    assert queue_visit(ctx, ticket) is None
    page = phone.go("GET", where)[2]
    assert "You left the line." in page, page
    assert 'id="sound"' not in page and "plays a tone" not in page, page
    assert re.search(r'<a [^>]*href="/join/KOS">Join the line again</a>', page), page
    # A ticket out of the line is not asked again: its page says where it stands.
    status, headers, _ = phone.go("GET", where + "/leave")
    assert status == 303 and headers["Location"] == where, (status, headers["Location"])
    # The join page then offers its form, not the old ticket, and takes a new one.
    status, _, form = phone.go("GET", "/join/KOS")
    assert status == 200 and 'name="token"' in form, (status, form)
    status, headers, _ = phone.join()
    assert status == 303 and headers["Location"] != where, (status, headers["Location"])
    again = phone.go("GET", headers["Location"])[2]
    assert ticket_of(again) != ticket and "People ahead of you" in again, again
    # An unknown secret is no ticket's, said on a page of its own.
    status, _, page = phone.go("GET", "/ticket/AAAAAAAAAAAAAAAAAAAAAA/leave")
    assert status == 404 and "There is no ticket at this address." in page, (status, page)
    drain(ctx)


def test_the_board_and_the_door_sign_show_the_way_to_the_join_page(ctx):
    # No [server] base_url configured: the listen address, as the board's own address.
    base = f"http://127.0.0.1:{ctx['srv'].port}"
    status, _, board = Phone(ctx["srv"]).go("GET", "/board/KOS")
    assert status == 200 and "Join the line from your phone" in board, board
    with tempfile.TemporaryDirectory() as tmp:
        url = qr_text(board, tmp)
        assert url == base + "/join/KOS", url
        status, _, sign = Phone(ctx["srv"]).go("GET", "/join/kos/sign")
        assert status == 200 and qr_text(sign, tmp) == url
    assert "<h1 class=\"sign-branch\">Kosciusko</h1>" in sign, sign
    assert url in sign and "@media print" not in sign  # the print layout is the stylesheet's
    langs = re.findall(r'<div class="sign-lang" lang="([a-z-]+)">', sign)
    assert langs and langs[0] == "en" and len(langs) == len(set(langs)), langs
    assert Phone(ctx["srv"]).go("GET", "/join/NOPE/sign")[0] == 404


def test_the_desk_removes_a_phone_ticket_and_the_phone_is_told(ctx):
    phone = Phone(ctx["srv"])
    status, headers, _ = phone.join()
    assert status == 303
    where = headers["Location"]
    v = queue_visit(ctx, ticket_of(phone.go("GET", where)[2]))
    assert "remove" in v["actions"], v
    status, body = api(ctx, "POST", f"/api/v1/visits/{v['id']}/remove")
    assert status == 200 and body["state"] == "removed", body
    frag = phone.go("GET", where + "/status")[2]
    assert "The desk removed this ticket. Please ask at the desk." in frag, frag
    # No tone to turn on for a ticket out of the line; the way back into it instead.
    page = phone.go("GET", where)[2]
    assert 'id="sound"' not in page and "plays a tone" not in page, page
    assert re.search(r'<a [^>]*href="/join/KOS">Join the line again</a>', page), page
    # A walk-in taken at the desk is not removed: it is served or a no-show.
    status, w = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"})
    assert status == 201 and "remove" not in w["actions"] and w["joined"] == "desk", w
    status, e = api(ctx, "POST", f"/api/v1/visits/{w['id']}/remove")
    assert status == 409, (status, e)
    assert api(ctx, "POST", "/api/v1/branches/KOS/next")[0] == 200
    assert api(ctx, "POST", f"/api/v1/visits/{w['id']}/finish")[0] == 200


def test_a_device_holds_one_ticket_and_an_address_a_few_an_hour(ctx):
    phone = Phone(ctx["srv"])
    assert phone.join("BND")[0] == 303
    # The same phone, its ticket cookie gone (another tab, cleared): still refused.
    phone.cookies.pop("__Host-fd_ticket")
    status, _, page = phone.join("BND")
    assert status == 409 and "This phone already has a ticket" in page, page
    # Other phones behind the same address (the tests' loopback): 6 an hour, then 429.
    statuses = [Phone(ctx["srv"]).join("BND")[0] for _ in range(6)]
    assert statuses == [303] * 5 + [429], statuses
    status, _, page = Phone(ctx["srv"]).join("BND")
    assert status == 429 and "Many tickets were taken from this network" in page
    # Another branch counts its own.
    assert Phone(ctx["srv"]).join("KOS")[0] == 303
    drain(ctx)


def test_a_customer_who_gave_up_unacknowledged_past_the_target_counts_as_a_miss(ctx):
    """CS-ACK: three phone tickets at a branch whose target is 60 s: one acknowledged after 20 s
    (met), one that left the line after waiting 5 minutes unacknowledged (missed), one the desk
    removed after 30 s (too soon to judge: not counted). The share is 1 of 2, not 1 of 1."""
    srv, db = ctx["srv"], ctx["db"]
    ids = {}
    for i, name in enumerate(("served", "left", "removed")):
        phone = Phone(srv, address=f"198.51.100.{71 + i}")
        status, headers, page = phone.join("ACK")
        assert status == 303, page
        ticket = ticket_of(phone.go("GET", headers["Location"])[2])
        q = srv.api("GET", "/api/v1/branches/ACK/queue", token=ctx["ack.staff"])[1]
        ids[name] = next(v["id"] for v in q["waiting"] if v["ticket"] == ticket)
        if name == "left":
            assert phone.go("POST", headers["Location"] + "/leave", {})[0] == 303
    for action, name in (("acknowledge", "served"), ("start", "served"), ("finish", "served"),
                         ("remove", "removed")):
        status, body = srv.api("POST", f"/api/v1/visits/{ids[name]}/{action}", {},
                               token=ctx["ack.staff"])
        assert status == 200, (action, body)
    # Their waits, as recorded ten minutes ago: counted from arrival, in open time.
    t = int(time.time()) - 600
    db.execute(f"UPDATE visit SET arrived_at = {t}, queue_at = {t}, acknowledged_at = {t + 20}, "
               f"started_at = {t + 30}, finished_at = {t + 200} WHERE id = {ids['served']}")
    for name, waited in (("left", 300), ("removed", 30)):
        db.execute(f"UPDATE visit SET arrived_at = {t}, queue_at = {t}, finished_at = "
                   f"{t + waited} WHERE id = {ids[name]}")
    rows = db.sql("SELECT state FROM visit WHERE id IN "
                  f"({ids['left']}, {ids['removed']}) ORDER BY id")
    assert [r[0] for r in rows] == ["left", "removed"], rows
    status, r = srv.api("GET", "/api/v1/reports/service?branch=ACK", token=ctx["ack.manager"])
    assert status == 200, r
    assert r["ack_target_met_pct"] == 50.0, r
    assert r["served"] == 1 and r["wait_to_ack_s"]["median"] == 20, r


def test_the_language_switch_keeps_the_pages_other_arguments_escaped(ctx):
    """The switch links to the same page with the same arguments, lang replaced; what the
    address held is encoded again, never written out as markup."""
    status, _, raw = ctx["srv"].request(
        "GET", "/join/KOS/sign?ticket=A3&note=a+b%22%3E%3Cx&lang=en&empty")
    page = html.unescape(raw.decode())
    assert status == 200 and b'"><x' not in raw, raw[:600]
    assert 'href="/join/KOS/sign?ticket=A3&note=a%20b%22%3E%3Cx&empty&lang=es"' in page, page
    # The language asked for is not kept beside the new one.
    assert "lang=en" not in re.search(r'<nav class="lang-switch".*?</nav>', page).group(0)


def drain(ctx):
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    for v in q["waiting"]:
        if "remove" in v["actions"]:
            assert api(ctx, "POST", f"/api/v1/visits/{v['id']}/remove")[0] == 200


def test_a_closed_branch_takes_no_ticket(ctx):
    phone = Phone(ctx["srv"])
    status, _, page = phone.go("GET", "/join/SUN")
    assert status == 200 and "The library is not taking tickets just now." in page, page
    assert 'name="token"' not in page
    # A forged post (no form token) is refused, and so is a closed branch's.
    status, _, _ = phone.go("POST", "/join/SUN", {"reason": "card"})
    assert status == 403
    assert phone.go("GET", "/join/NOPE")[0] == 404
    assert phone.go("GET", "/ticket/notaticketatall")[0] == 404


def test_refused_input_names_the_field_and_writes_nothing(ctx):
    before = len(api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]["waiting"])
    for fields, field in [({"reason": "gossip"}, "reason"), ({"language": "xx"}, "language"),
                          ({"first_name": "A" * 41}, "first_name"),
                          ({"first_name": "Ana\x07"}, "first_name")]:
        status, _, page = Phone(ctx["srv"]).join(**fields)
        assert status == 422, (fields, status)
        # Control characters are refused by the server's check of every input, first.
        assert f'id="{field}-error"' in page or f"{field} may not contain" in page, (fields,
                                                                                    page)
    assert len(api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]["waiting"]) == before


def test_an_ipv6_64_is_one_address_for_the_bound(ctx):
    # Ten phones from one /64 (a host is handed a whole /64): the bound of 6 holds for them.
    statuses = [Phone(ctx["srv"], f"2001:db8::{i:x}").join("SIX")[0] for i in range(1, 11)]
    assert statuses == [303] * 6 + [429] * 4, statuses
    # What is kept is the /64, not each address.
    rows = ctx["db"].sql("SELECT DISTINCT j.address FROM join_ticket j JOIN branch b ON "
                         "b.id = j.branch_id WHERE b.code = 'SIX'")
    assert rows == [["2001:db8::/64"]], rows
    # Another /64, and an IPv4 address, count their own.
    assert Phone(ctx["srv"], "2001:db8:0:1::1").join("SIX")[0] == 303
    assert Phone(ctx["srv"], "192.0.2.7").join("SIX")[0] == 303


def test_a_post_without_the_device_cookie_is_refused_and_makes_none(ctx):
    before = len(api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]["waiting"])
    phone = Phone(ctx["srv"])
    status, _, page = phone.go("GET", "/join/KOS")
    assert status == 200 and "__Host-fd_device" in phone.cookies
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    # The cookie dropped, as one would to lift the one-ticket bound: refused, in the
    # customer's words, and the refusal gives no new device cookie either.
    phone.cookies.pop("__Host-fd_device")
    status, headers, page = phone.go("POST", "/join/KOS", {"token": token, "reason": "card"})
    assert status == 422 and "did not keep our cookie" in page, (status, page)
    assert not any(c.startswith("__Host-fd_device=")
                   for c in headers.get_all("Set-Cookie") or []), headers
    assert "__Host-fd_ticket" not in phone.cookies
    assert len(api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]["waiting"]) == before
    # Its join page again (a GET) gives the phone its id, and then it takes its ticket.
    status, headers, _ = phone.join()
    assert status == 303, status
    assert phone.go("POST", headers["Location"] + "/leave", {})[0] == 303


def test_the_spanish_join_page_speaks_spanish_about_a_refused_field(ctx):
    for fields, field, said in [
            ({"first_name": "A" * 41}, "first_name",
             "Escriba su nombre con 40 letras como máximo o déjelo en blanco."),
            ({"reason": "gossip"}, "reason", "Elija el motivo de su visita."),
            ({"language": "xx"}, "language", "Elija un idioma de la lista.")]:
        phone = Phone(ctx["srv"])
        phone.go("GET", "/join/KOS?lang=es")
        status, _, page = phone.join(**fields)
        assert status == 422, (fields, status)
        error = re.search(rf'id="{field}-error">([^<]*)<', page)
        assert error and error.group(1) == said, (field, page)
        assert "Revise el formulario" in page or '<html lang="es">' in page, page
        assert "is required" not in page and "characters" not in page, page


def test_a_closed_branch_says_when_it_opens_again_in_the_page_language(ctx):
    phone = Phone(ctx["srv"])
    es = phone.go("GET", "/join/NXT?lang=es")[2]
    opens = re.search(r'<p id="opens">([^<]*)</p>', es)
    assert opens, es
    # "Vuelve a abrir el miércoles 2 de diciembre a las 9 a. m.": the public's words, not the
    # staff pages' "Mon, Nov 30".
    assert re.fullmatch(r"Vuelve a abrir el \w+ \d+ de \w+ a las 9 a\. m\.", opens.group(1)), \
        opens.group(1)
    en = phone.go("GET", "/join/NXT?lang=en")[2]
    opens = re.search(r'<p id="opens">([^<]*)</p>', en).group(1)
    assert re.fullmatch(r"It opens again on \w+ \d+ \w+ at 9 am\.", opens), opens


def test_volunteers_and_pages_see_a_phone_ticket_but_not_the_first_name(ctx):
    phone = Phone(ctx["srv"], "198.51.100.3")  # the loopback has met KOS's bound by now
    status, headers, _ = phone.join(first_name="Marisol", reason="computers")
    assert status == 303
    ticket = ticket_of(phone.go("GET", headers["Location"])[2])
    for who, sees in (("kos.staff", True), ("kos.vol", False), ("kos.page", False)):
        q = ctx["srv"].api("GET", "/api/v1/branches/KOS/queue", token=ctx[who])[1]
        v = next(v for v in q["waiting"] if v["ticket"] == ticket)
        assert v["joined"] == "phone" and v["reason"] == "computers", (who, v)
        assert v["first_name"] == ("Marisol" if sees else None), (who, v)
        desk = ctx["srv"].request("GET", "/desk/KOS", None,
                                  {"Authorization": "Bearer " + ctx[who]})[2].decode()
        assert "Joined by phone" in desk, (who, desk)
        assert ("Marisol" in desk) == sees, (who, desk)
    assert phone.go("POST", headers["Location"] + "/leave", {})[0] == 303


def null(value):
    return value in ("None", "")


def test_purge_forgets_first_names_devices_addresses_and_feedback_contacts(ctx):
    db = ctx["db"]
    # A ticket served and answered with a request to be contacted, and one that left.
    served = Phone(ctx["srv"], "198.51.100.4")
    status, headers, _ = served.join(first_name="Purga")
    served_at = headers["Location"]
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/next")
    assert status == 200 and v["first_name"] == "Purga", v
    assert api(ctx, "POST", f"/api/v1/visits/{v['id']}/finish")[0] == 200
    status, headers, _ = served.go("POST", served_at + "/feedback", {})
    link = headers["Location"].split("?")[0]
    status, _, _ = served.go("POST", link, {"score": "5", "contact_wanted": "1",
                                            "contact_name": "Purga Doe",
                                            "contact": "purga@example.org"})
    assert status in (200, 303), status
    left = Phone(ctx["srv"], "198.51.100.5")
    status, headers, _ = left.join(first_name="Ida")
    left_id = queue_visit(ctx, ticket_of(left.go("GET", headers["Location"])[2]))["id"]
    assert left.go("POST", headers["Location"] + "/leave", {})[0] == 303
    fresh = Phone(ctx["srv"], "198.51.100.6")
    assert fresh.join(first_name="Nueva")[0] == 303
    # Time passes for the first two: past the customer retention and the day of the bounds.
    ids = f"({v['id']}, {left_id})"
    db.execute(f"UPDATE visit SET finished_at = 1, arrived_at = 1 WHERE id IN {ids}")
    db.execute(f"UPDATE join_ticket SET created_at = 1 WHERE visit_id IN {ids}")
    db.execute(f"UPDATE feedback SET at = 1 WHERE visit_id = {v['id']}")
    out = db.cli("purge").out
    assert "customer of 2 visits" in out and "device and address of 2 phone tickets" in out, out
    assert "contact of 1 feedback answer" in out, out
    for row in db.sql(f"SELECT first_name FROM visit WHERE id IN {ids}"):
        assert null(row[0]), row
    rows = db.sql(f"SELECT device_hash, address FROM join_ticket WHERE visit_id IN {ids}")
    assert rows and all(null(d) and null(a) for d, a in rows), rows
    rows = db.sql(f"SELECT contact_name, contact, score FROM feedback WHERE visit_id = {v['id']}")
    assert null(rows[0][0]) and null(rows[0][1]) and rows[0][2] == "5", rows
    # The fresh ticket keeps its name, device and address; nothing is purged twice.
    rows = db.sql("SELECT j.address FROM join_ticket j JOIN visit v ON v.id = j.visit_id "
                  "WHERE v.first_name = 'Nueva'")
    assert rows == [["198.51.100.6"]], rows
    out = db.cli("purge").out
    assert "customer of 0 visits" in out and "contact of 0 feedback answers" in out, out
    drain(ctx)
