"""A refused form comes back on the page it was posted from, for the same person with the same
rights, with the refusal at the top and the typed values kept for the page's script; without a
same-site page to go back to, the plain refusal page answers."""
import html
import json
import re

from harness import Db, Server

PASSWORD = "form refusals 2026"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.manager", "branch_manager", "KOS"),
                                ("kos.vol", "volunteer", "KOS")]:
        ctx[login] = db.add_user(login, role, branch, password=PASSWORD)
    srv = ctx["srv"] = Server(db)
    for login in ("kos.manager", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def session(ctx, login):
    status, headers, data = ctx["srv"].request(
        "POST", "/api/v1/login", json.dumps({"login": login, "password": PASSWORD}),
        {"Content-Type": "application/json"})
    assert status == 200, data
    return headers["Set-Cookie"].split(";")[0], json.loads(data)["csrf_token"]


def post(ctx, login, path, fields, referer):
    import urllib.parse
    cookie, csrf = session(ctx, login)
    h = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    if referer is not None:
        h["Referer"] = referer
    body = urllib.parse.urlencode([("csrf", csrf), *fields])
    return ctx["srv"].request("POST", path, body, h)


def here(ctx, path):
    return f"http://127.0.0.1:{ctx['srv'].port}{path}"


def kept(body):
    m = re.search(rb'<div hidden id="kept" ([^>]*)>', body)
    assert m, body[-600:]
    attrs = dict((k.decode(), html.unescape(v.decode()))
                 for k, v in re.findall(rb'data-([a-z]+)="([^"]*)"', m.group(1)))
    attrs["values"] = json.loads(attrs["values"])
    return attrs


def test_a_refused_form_comes_back_on_its_page_with_what_was_typed(ctx):
    # A walk-in with a card number that is not one, from the desk page.
    status, _, body = post(ctx, "kos.manager", "/desk/KOS/visits",
                           [("channel", "in_person"), ("customer_card", "no card!"),
                            ("note", "Ada <Lovelace> wants a call")], here(ctx, "/desk/KOS"))
    assert status == 422, body[:300]
    assert b"That did not work" not in body
    assert b"Serve next" in body  # the desk page itself, not the bare refusal page
    m = re.search(rb'class="refusal".*?<p>(.*?)</p>', body)
    assert m and b"card" in m.group(1).lower(), body[:2000]
    k = kept(body)
    assert k["action"] == "/desk/KOS/visits" and k["field"] == "customer_card"
    assert ["customer_card", "no card!"] in k["values"]
    assert ["note", "Ada <Lovelace> wants a call"] in k["values"]
    assert not any(name == "csrf" for name, _ in k["values"])
    assert b"Ada <Lovelace>" not in body  # kept values are escaped like any other text


def test_the_page_shown_again_keeps_its_own_query(ctx):
    status, _, body = post(ctx, "kos.manager", "/desk/KOS/visits", [("channel", "in_person"), ("customer_card", "no card!")],
                           here(ctx, "/handbook?q=telephone"))
    assert status == 422
    assert b'value="telephone" autofocus' in body
    assert kept(body)["action"] == "/desk/KOS/visits"


def test_without_a_page_to_go_back_to_the_refusal_stands_alone(ctx):
    for referer in (None, "http://elsewhere.example/desk/KOS", here(ctx, "/no/such/page"),
                    here(ctx, "/api/v1/me")):
        status, _, body = post(ctx, "kos.manager", "/desk/KOS/visits",
                               [("channel", "in_person"), ("customer_card", "no card!")], referer)
        assert status == 422, referer
        assert b"That did not work" in body and b'id="kept"' not in body, referer


def test_a_page_the_person_may_not_open_is_not_shown_to_carry_a_refusal(ctx):
    # A volunteer may not open Headquarters' page: her refusal comes alone, and /hq's
    # contents stay unseen.
    status, _, body = post(ctx, "kos.vol", "/desk/KOS/visits", [("channel", "in_person"), ("customer_card", "no card!")],
                           here(ctx, "/hq"))
    assert status == 422
    assert b"That did not work" in body and b'id="kept"' not in body


def test_passwords_are_not_kept(ctx):
    status, _, body = post(ctx, "kos.manager", "/desk/KOS/visits",
                           [("channel", "in_person"), ("customer_card", "no card!"),
                            ("password", "secret words")],
                           here(ctx, "/desk/KOS"))
    assert b"secret words" not in body
