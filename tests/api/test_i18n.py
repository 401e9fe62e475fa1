"""The public's languages: the board answers in the browser's language (Accept-Language, its
q-values honoured) or the one its switch chose (a cookie), says when a closed branch opens
again in that language, and the desk page gives the phone greeting in English and, beneath,
in each other language."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from harness import Db, Server

CHICAGO = ZoneInfo("America/Chicago")
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    # Open only tomorrow, 9 to 5 (its zone is Chicago's, the default): closed now.
    tomorrow = DAYS[(datetime.now(CHICAGO) + timedelta(days=1)).weekday()]
    db.cli("branch", "add", "SHUT", "--name", "Shut Today", "--hours",
           tomorrow + " 09:00-17:00")
    ctx = {"db": db, "kos.staff": db.add_user("kos.staff", "staff", "KOS")}
    ctx["srv"] = Server(db)
    assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"},
                          token=ctx["kos.staff"])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def board(ctx, path="/board/KOS", **headers):
    status, h, body = ctx["srv"].request("GET", path, headers=headers)
    return status, h, body.decode()


def test_the_board_speaks_the_browsers_language(ctx):
    _, _, es = board(ctx, **{"Accept-Language": "es-MX,es;q=0.9,en;q=0.8"})
    assert '<html lang="es">' in es and "<h2 id=\"now\">Atendiendo ahora</h2>" in es, es
    assert 'href="/board/KOS?lang=en" lang="en" hreflang="en">English</a>' in es
    _, _, en = board(ctx, **{"Accept-Language": "fr, en;q=0.5"})
    assert '<html lang="en">' in en and "<h2 id=\"now\">Now serving</h2>" in en
    assert ">Español</a>" in en
    # Spanish refused outright (q=0), or a header that is no language: English.
    for header in ("es;q=0", "%%%, ;;q=x"):
        assert '<html lang="en">' in board(ctx, **{"Accept-Language": header})[2], header


def test_the_switch_is_kept_in_a_cookie_over_the_browsers_language(ctx):
    status, h, en = board(ctx, "/board/KOS?lang=en", **{"Accept-Language": "es"})
    assert status == 200 and '<html lang="en">' in en
    cookie = h["Set-Cookie"]
    assert cookie.startswith("__Host-fd_lang=en;") and "HttpOnly" in cookie, cookie
    _, _, again = board(ctx, **{"Accept-Language": "es", "Cookie": "__Host-fd_lang=en"})
    assert '<html lang="en">' in again
    _, _, es = board(ctx, **{"Accept-Language": "en", "Cookie": "__Host-fd_lang=es"})
    assert '<html lang="es">' in es
    # An unknown ?lang= changes nothing.
    status, h, _ = board(ctx, "/board/KOS?lang=xx", **{"Accept-Language": "es"})
    assert status == 200 and h["Set-Cookie"] is None


def test_a_called_ticket_carries_the_language_it_is_spoken_in(ctx):
    srv, token = ctx["srv"], ctx["kos.staff"]
    assert srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"},
                   token=token)[0] == 201
    assert srv.api("POST", "/api/v1/branches/KOS/next", {}, token=token)[0] == 200
    _, _, es = board(ctx, **{"Accept-Language": "es"})
    # No language said for the ticket: the board's own.
    assert re.search(r'<li class="call" data-ticket="A\d+" data-desk="[^"]*" data-lang="es">',
                     es), es
    # Every language's sentence is in the page, for board.js to say.
    assert 'data-desk="Turno {ticket}, por favor pase al mostrador {desk}."' in es
    assert 'data-desk="Ticket {ticket}, please go to desk {desk}."' in es


def test_a_closed_branch_says_when_it_opens_in_spanish(ctx):
    _, _, es = board(ctx, "/board/SHUT", **{"Accept-Language": "es"})
    assert ("La biblioteca está cerrada en este momento. Vuelve a abrir mañana a las "
            "9 a. m.</p>") in es, es
    _, _, en = board(ctx, "/board/SHUT")
    assert "The library is closed now. It opens again tomorrow at 9 am.</p>" in en, en


def test_the_board_error_page_is_in_spanish(ctx):
    status, _, es = board(ctx, "/board/NOWHERE", **{"Accept-Language": "es"})
    assert status == 404 and '<html lang="es">' in es
    assert "No hay una pantalla de turnos en esta dirección" in es


def test_the_desk_reads_the_greeting_in_english_and_spanish(ctx):
    status, _, body = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["kos.staff"],
                                                  "Accept-Language": "es"})
    page = body.decode()
    assert status == 200
    # The desk's page itself stays English; the greeting is given in both.
    assert re.search(r"<strong>Answer the phone:</strong> “Good (morning|afternoon|evening), "
                     r"Kosciusko, this is [^.]+\. How may I help you\?”", page), page
    assert re.search(r'<p lang="es">En español: “(Buenos días|Buenas tardes|Buenas noches), Kosciusko, le '
                     r"habla [^.]+\. ¿En qué le puedo ayudar\?”</p>", page), page
