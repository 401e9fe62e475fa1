"""The card lookup at the desk, from the library's catalogue over SIP2 (the tests' own server,
sip2_acs.py): name, card status and items with due dates, a blocked card's reason in words,
for whom may read customers only, audited, nothing of it stored; a card only the catalogue
knows becomes a customer when the desk links it; a silent catalogue costs a lookup at most
2 s and the queue goes on meanwhile."""
import copy
import re
import threading
import time
from datetime import date, timedelta

import sip2_acs
from harness import Db, Server, SipServer, expect_error

PASSWORD = "catalogue lookups 2026"
RIVERA, OKAFOR, MUNOZ = "21000100000001", "21000100000002", "21000100000003"
UNKNOWN = "21000100000099"
RACED = [f"210001000002{n:02d}" for n in range(12)]
TITLES = ("The Overstory", "Braiding Sweetgrass", "The Nickel Boys", "Educated",
          "The Warmth of Other Suns", "Interpreter of Maladies", "Lonesome Dove",
          "Cien años de soledad")
ITEM_IDS = [f"310000000000{n:02d}" for n in (1, 2, 3, 4, 5, 6, 8, 10, 11)]


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    data = copy.deepcopy(sip2_acs.DEFAULT_DATA)
    for card in RACED:  # cards only the catalogue knows, for two desks at once
        data["patrons"][card] = {"name": f"Reader {card[-2:]}", "password": "0000",
                                 "blocks": [], "fines": [], "messages": []}
    ctx = {"db": db, "sip": SipServer(data)}
    for login, role in [("kos.manager", "branch_manager"), ("kos.staff", "staff"),
                        ("kos.vol", "volunteer"), ("kos.page", "page")]:
        ctx[login] = db.add_user(login, role, "KOS", password=PASSWORD)
    srv = ctx["srv"] = Server(db, config=ctx["sip"].ils_config())
    for login in ("kos.staff", "kos.vol", "kos.page"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    for login in ("kos.staff", "kos.vol", "kos.page"):
        ctx[login + ".browser"] = srv.browser(login, PASSWORD)
    return ctx


def teardown(ctx):
    try:
        assert ctx["srv"].stop() < 3
    finally:
        ctx["sip"].close()



def page(ctx, who, path):
    status, _, body = ctx["srv"].request("GET", path, headers={"Cookie": ctx[who + ".browser"]})
    return status, body.decode()


def panel(html):
    """The text of the "In the catalogue" panel, tags stripped; None when there is none."""
    m = re.search(r'<section class="card catalogue".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0))) if m else None


def catalogue_reads(ctx, card):
    """How many times the customer's account in the catalogue was shown (the audit log)."""
    status, audit = ctx["srv"].api("GET", f"/api/v1/audit?customer={card}",
                                   token=ctx["kos.manager"])
    assert status == 200, audit
    return sum(e["action"] == "catalogue" for e in audit["entries"])


def due_words(days):
    """A due date as the pages write it: "Mon, Dec 7" this year, "Jan 3, 2027" in another."""
    d = date.today() + timedelta(days=days)
    if d.year == date.today().year:
        return f"{d:%a}, {d:%b} {d.day}"
    return f"{d:%b} {d.day}, {d.year}"


def lookup(ctx, card, who="kos.staff"):
    return ctx["srv"].api("GET", f"/api/v1/customers/{card}", token=ctx[who])


def test_a_card_lookup_gives_name_status_and_items_with_due_dates(ctx):
    status, body = lookup(ctx, RIVERA)
    # frontdesk has no customer with this card: the catalogue's part answers for it.
    assert status == 200, body
    assert body["id"] is None and body["name"] == "Rivera, Ana", body
    cat = body["catalogue"]
    assert cat["state"] == "answered" and cat["known"] and not cat["partial"], cat
    assert cat["name"] == "Rivera, Ana" and not cat["blocked"] and cat["blocks"] == []
    assert cat["fines"] == "2.50" and cat["currency"] == "USD", cat
    out = {i["title"]: i for i in cat["items_out"]}
    assert set(out) == set(TITLES[:5]), out
    assert out["The Warmth of Other Suns"]["overdue"] is True
    assert [t for t, i in out.items() if i["overdue"]] == ["The Warmth of Other Suns"]
    assert out["The Overstory"]["due"].startswith(str(date.today() + timedelta(days=7))), out
    assert [h["title"] for h in cat["holds_ready"]] == ["Interpreter of Maladies"], cat
    assert cat["counts"]["charged"] == 5 and cat["counts"]["overdue"] == 1, cat["counts"]


def test_a_blocked_card_says_why_in_words(ctx):
    status, body = lookup(ctx, OKAFOR)
    assert status == 200, body
    cat = body["catalogue"]
    assert cat["blocked"] and {"card_lost", "excessive_fines"} <= set(cat["blocks"]), cat
    assert "Card reported lost" in cat["block_labels"], cat
    assert "Card reported lost. Please see a librarian." in cat["messages"], cat
    assert [i["title"] for i in cat["items_out"]] == ["Lonesome Dove"]


def test_an_unknown_card_is_not_found_in_plain_words(ctx):
    e = expect_error(lookup(ctx, UNKNOWN), 404, "not_found")
    assert "catalogue" in e["message"] and "_" not in e["message"], e


def test_volunteers_and_pages_are_refused_and_see_no_panel(ctx):
    for who in ("kos.vol", "kos.page"):
        expect_error(lookup(ctx, RIVERA, who), 403, "forbidden")
        status, html = page(ctx, who, "/desk/KOS")
        assert status == 200 and panel(html) is None and "Rivera" not in html


def test_the_lookup_is_in_the_customers_audit_log(ctx):
    status, body = ctx["srv"].api("GET", f"/api/v1/audit?customer={OKAFOR}",
                                  token=ctx["kos.manager"])
    assert status == 200, body
    entries = [(e["by"], e["action"]) for e in body["entries"]]
    assert ("kos.staff", "catalogue") in entries, entries
    # The refused lookups by the volunteer and the page left nothing.
    assert {by for by, _ in entries} == {"kos.staff"}, entries


def test_the_customer_page_shows_the_catalogue_panel(ctx):
    srv = ctx["srv"]
    status, body = srv.api("POST", "/api/v1/customers", {"card": OKAFOR,
                                                         "name": "Benedict Okafor"},
                           token=ctx["kos.staff"])
    assert status == 201, body
    status, html = page(ctx, "kos.staff", f"/customers/{body['id']}")
    text = panel(html)
    assert status == 200 and text, html
    assert "Blocked: Card reported lost; Owes too much in fines" in text, text
    assert "$45.00" in text and "Lonesome Dove" in text, text
    assert "card_lost" not in html and "excessive_fines" not in html
    # Rivera's items, with due dates in words and the overdue one marked.
    status, html = page(ctx, "kos.staff", f"/customers?q={RIVERA}")
    text = panel(html)
    assert status == 200 and text, html
    assert "Card valid" in text and "$2.50" in text, text
    assert f"The Overstory, due {due_words(7)}" in text, text
    assert re.search(r"The Warmth of Other Suns, due [^,]+, [A-Z][a-z]{2} \d+ Overdue", text), text
    # The hold waits at location KOS, this branch's code: the desk at KOS reads it as here.
    assert "Interpreter of Maladies, waiting here" in text, text
    # The register form is filled in with the catalogue's name: no typing.
    assert 'name="name" value="Rivera, Ana"' in html, html


def test_nothing_of_the_catalogue_is_stored(ctx):
    dump = ctx["db"].snapshot()
    for word in TITLES + tuple(ITEM_IDS):
        assert word not in dump, word
    assert "45.00" not in dump and "Please see a librarian" not in dump


def test_a_card_only_the_catalogue_knows_is_linked_to_a_visit(ctx):
    srv = ctx["srv"]
    status, visit = srv.api("POST", "/api/v1/branches/KOS/visits",
                            {"channel": "in_person", "customer_card": MUNOZ},
                            token=ctx["kos.staff"])
    assert status == 201, visit
    status, body = lookup(ctx, MUNOZ)
    assert status == 200 and body["id"] and body["name"] == "Muñoz, José", body
    assert body["phone"] == "" and body["email"] == "", body
    # A card holder of the library, not new to it: when they registered is the catalogue's.
    assert body["registered_at"] is None, body
    status, cust = page(ctx, "kos.staff", f"/customers/{body['id']}")
    assert status == 200 and "Registered with the library (in its catalogue)" in re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", cust)), cust
    status, audit = srv.api("GET", f"/api/v1/audit?customer={MUNOZ}", token=ctx["kos.manager"])
    actions = [e["action"] for e in audit["entries"]]
    assert actions[:2] == ["create from the catalogue", "visit"], actions
    # Served at the desk, the customer's account shows beside the visit.
    status, body = srv.api("POST", "/api/v1/branches/KOS/next", {}, token=ctx["kos.staff"])
    assert status == 200 and body["new_customer"] is False, body
    # The desk's page never waits for the catalogue: it carries where the panel comes from,
    # and asking it once is one audited read.
    reads = catalogue_reads(ctx, MUNOZ)
    status, html = page(ctx, "kos.staff", "/desk/KOS")
    assert status == 200 and "Cien años de soledad" not in html, html
    assert catalogue_reads(ctx, MUNOZ) == reads
    src = re.search(r'id="catalogue" data-src="([^"]+)"', html)
    assert src and src.group(1) == f"/desk/KOS/visits/{visit['id']}/catalogue", html
    status, html = page(ctx, "kos.staff", src.group(1))
    text = panel(html)
    assert status == 200 and text and "Cien años de soledad" in text, html
    assert catalogue_reads(ctx, MUNOZ) == reads + 1
    # Not for a volunteer, even at the desk she works; nor a visit not in the line.
    assert page(ctx, "kos.vol", src.group(1))[0] == 403
    assert page(ctx, "kos.staff", "/desk/KOS/visits/999999/catalogue")[0] == 404
    # A card neither knows is refused as before, naming the field.
    expect_error(srv.api("POST", "/api/v1/branches/KOS/visits",
                         {"channel": "in_person", "customer_card": UNKNOWN},
                         token=ctx["kos.staff"]), 404, field="customer_card")


def test_a_silent_catalogue_costs_at_most_two_seconds_and_the_queue_goes_on(ctx):
    srv, sip = ctx["srv"], ctx["sip"]
    sip.silent(True)
    result = {}

    def look():
        start = time.monotonic()
        result["answer"] = lookup(ctx, MUNOZ)
        result["took"] = time.monotonic() - start

    try:
        t = threading.Thread(target=look)
        t.start()
        time.sleep(0.2)
        reads = []
        while t.is_alive():
            start = time.monotonic()
            status, _ = srv.api("GET", "/api/v1/branches/KOS/queue", token=ctx["kos.vol"])
            reads.append(time.monotonic() - start)
            assert status == 200
            time.sleep(0.1)
        t.join()
    finally:
        sip.silent(False)
    status, body = result["answer"]
    assert result["took"] < 2.5, result
    assert status == 200 and body["catalogue"]["state"] == "not_answering", body
    assert "not answering" in body["catalogue"]["message"], body
    assert reads and max(reads) < 0.5, reads
    # The page says so in plain words, and the rest of it works.
    status, html = page(ctx, "kos.staff", f"/customers?q={UNKNOWN}")
    assert status == 200 and "Nobody found" in html
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the connection comes back by itself
        if lookup(ctx, MUNOZ)[1]["catalogue"]["state"] == "answered":
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the catalogue did not come back after it answered again")



def test_two_desks_registering_one_catalogue_card_at_once_link_one_customer(ctx):
    srv = ctx["srv"]
    srv.wait_ils_up()
    for card in RACED:
        start = threading.Barrier(2)
        got = [None, None]

        def add(i):
            start.wait()
            got[i] = srv.api("POST", "/api/v1/branches/KOS/visits",
                             {"channel": "in_person", "customer_card": card},
                             token=ctx["kos.staff"])

        threads = [threading.Thread(target=add, args=(i,)) for i in (0, 1)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        # Neither desk is refused: the one that came second links the first one's customer.
        assert [g[0] for g in got] == [201, 201], got
        ids = ctx["db"].sql(f"SELECT id FROM customer WHERE card = '{card}'")
        assert len(ids) == 1, ids
        linked = ctx["db"].sql(f"SELECT DISTINCT customer_id FROM visit WHERE id IN "
                               f"({got[0][1]['id']}, {got[1][1]['id']})")
        assert linked == ids, (linked, ids)
        status, audit = srv.api("GET", f"/api/v1/audit?customer={card}",
                                token=ctx["kos.manager"])
        actions = sorted(e["action"] for e in audit["entries"])
        assert actions == ["create from the catalogue", "visit", "visit"], actions


def test_a_card_frontdesk_lacks_while_the_catalogue_is_silent_says_so(ctx):
    srv, sip = ctx["srv"], ctx["sip"]
    srv.wait_ils_up()
    sip.silent(True)
    try:
        e = expect_error(srv.api("POST", "/api/v1/branches/KOS/visits",
                                 {"channel": "in_person", "customer_card": UNKNOWN},
                                 token=ctx["kos.staff"]), 404, field="customer_card")
    finally:
        sip.silent(False)
    assert e["message"] == ("frontdesk has no customer with that card, and the library "
                            "catalogue is not answering to say whether it knows it"), e
    # Once it answers again, a card it does not know is simply not found. (The request it
    # left unanswered takes the catalogue down when its own time runs out; then it is back.)
    srv.wait_ils_up(state="down")
    srv.wait_ils_up()
    e = expect_error(srv.api("POST", "/api/v1/branches/KOS/visits",
                             {"channel": "in_person", "customer_card": UNKNOWN},
                             token=ctx["kos.staff"]), 404, field="customer_card")
    assert "not answering" not in e["message"], e
