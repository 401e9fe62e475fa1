"""CS-CONFIDENTIAL: customers by card, role-based access, every read audited."""
import urllib.parse

from harness import Db, Server, expect_error

CARD = "21170000100017"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    for login, role in [("kos.manager", "branch_manager"), ("kos.staff", "staff"),
                        ("kos.sub", "substitute"), ("kos.vol", "volunteer"),
                        ("kos.page", "page")]:
        ctx[login] = db.add_user(login, role, "KOS")
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_staff_registers_a_customer(ctx):
    status, body = ctx["srv"].api("POST", "/api/v1/customers", {
        "card": CARD, "name": "Loretta Pickens", "phone": "662-289-0101"},
        token=ctx["kos.staff"])
    assert status == 201, body
    assert body["card"] == CARD and body["card_status"] == "active"
    assert body["registered_at"].endswith("Z")


def test_customer_holds_nothing_that_could_rank_them(ctx):
    # CS-EQUAL: no age, sex or history is accepted at all.
    expect_error(ctx["srv"].api("POST", "/api/v1/customers", {
        "card": "21170000100099", "name": "A B", "age": 71}, token=ctx["kos.staff"]), 422,
        field="age")


def test_lookup_by_card(ctx):
    status, body = ctx["srv"].api("GET", f"/api/v1/customers/{CARD}", token=ctx["kos.sub"])
    assert status == 200 and body["name"] == "Loretta Pickens"


def test_volunteers_and_pages_cannot_read_records(ctx):
    for who in ("kos.vol", "kos.page"):
        expect_error(ctx["srv"].api("GET", f"/api/v1/customers/{CARD}", token=ctx[who]), 403,
                     "forbidden")
        expect_error(ctx["srv"].api("POST", "/api/v1/customers", {"card": "99990001",
                                                                   "name": "X"},
                                    token=ctx[who]), 403)


def test_unknown_and_malformed_cards(ctx):
    expect_error(ctx["srv"].api("GET", "/api/v1/customers/99999999", token=ctx["kos.staff"]),
                 404, "not_found")
    expect_error(ctx["srv"].api("GET", "/api/v1/customers/12", token=ctx["kos.staff"]), 404)
    expect_error(ctx["srv"].api("GET", "/api/v1/customers/1'%20OR%20'1'='1",
                                token=ctx["kos.staff"]), 404)
    expect_error(ctx["srv"].api("POST", "/api/v1/customers", {"card": "21170000100017",
                                                               "name": "Again"},
                                token=ctx["kos.staff"]), 409)


def test_every_read_is_audited_with_who(ctx):
    srv = ctx["srv"]
    srv.api("GET", f"/api/v1/customers/{CARD}", token=ctx["kos.staff"])
    status, body = srv.api("GET", f"/api/v1/audit?customer={CARD}", token=ctx["kos.manager"])
    assert status == 200, body
    entries = [(e["by"], e["action"]) for e in body["entries"]]
    assert entries == [("kos.staff", "create"), ("kos.sub", "read"), ("kos.staff", "read")], \
        entries
    # A refused read is not a read: the volunteers' attempts left no entry.


def test_audit_is_for_managers_only(ctx):
    expect_error(ctx["srv"].api("GET", f"/api/v1/audit?customer={CARD}",
                                token=ctx["kos.staff"]), 403)


# Finding a customer: by words of the name, the start of a card, digits of a phone number.
ANN = {"card": "21170000200011", "name": "Ann Smith", "phone": "(662) 555-0142"}
ANNA = {"card": "21170000200029", "name": "Anna Smithers"}
BOB = {"card": "21170000200037", "name": "Bob Annis", "phone": "662-555-0177"}


def names_found(ctx, q, who="kos.staff"):
    status, body = ctx["srv"].api("GET", "/api/v1/customers?" + urllib.parse.urlencode({"q": q}),
                                  token=ctx[who])
    assert status == 200, body
    return [c["name"] for c in body["customers"]]


def test_search_by_name_words_card_and_phone(ctx):
    for c in (ANN, ANNA, BOB):
        assert ctx["srv"].api("POST", "/api/v1/customers", c, token=ctx["kos.staff"])[0] == 201
    assert names_found(ctx, "ann") == ["Ann Smith", "Anna Smithers", "Bob Annis"]
    assert names_found(ctx, "ANN SM") == ["Ann Smith", "Anna Smithers"]
    assert names_found(ctx, "smith ann") == ["Ann Smith", "Anna Smithers"]  # any order
    assert names_found(ctx, "smithe") == ["Anna Smithers"]
    assert names_found(ctx, "nn") == []  # the start of a word, not any part of it
    assert names_found(ctx, "2117000020") == ["Ann Smith", "Anna Smithers", "Bob Annis"]
    assert names_found(ctx, ANN["card"]) == ["Ann Smith"]
    assert names_found(ctx, "555-0142") == ["Ann Smith"]
    assert names_found(ctx, "6625550177") == ["Bob Annis"]  # punctuation aside
    assert names_found(ctx, "%") == [] and names_found(ctx, "a_n") == []  # no wildcards


def test_each_customer_found_is_an_audited_read(ctx):
    assert names_found(ctx, "ann smith", who="kos.sub") == ["Ann Smith", "Anna Smithers"]
    status, body = ctx["srv"].api("GET", f"/api/v1/audit?customer={ANN['card']}",
                                  token=ctx["kos.manager"])
    assert status == 200, body
    assert ("kos.sub", "found by search") in [(e["by"], e["action"]) for e in body["entries"]]
    # Bob was not among those found this time: nothing was read of him by kos.sub.
    status, body = ctx["srv"].api("GET", f"/api/v1/audit?customer={BOB['card']}",
                                  token=ctx["kos.manager"])
    assert "kos.sub" not in [e["by"] for e in body["entries"]]


def test_search_refusals(ctx):
    for who in ("kos.vol", "kos.page"):
        expect_error(ctx["srv"].api("GET", "/api/v1/customers?q=ann", token=ctx[who]), 403)
    expect_error(ctx["srv"].api("GET", "/api/v1/customers?q=%20", token=ctx["kos.staff"]), 422,
                 field="q")
    expect_error(ctx["srv"].api("GET", "/api/v1/customers", token=ctx["kos.staff"]), 422,
                 field="q")
    expect_error(ctx["srv"].api("GET", "/api/v1/customers?q=" + "a" * 101,
                                token=ctx["kos.staff"]), 422, field="q")


def test_a_customer_is_linked_to_a_request_taken_without_one(ctx):
    srv = ctx["srv"]
    for who in ("kos.staff", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[who])[0] == 200
    status, req = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                       "text": "A cookbook"},
                          token=ctx["kos.staff"])
    assert status == 201 and req["customer"] is None, req
    path = f"/api/v1/requests/{req['id']}/customer"
    expect_error(srv.api("POST", path, {"customer_card": ANN["card"]}, token=ctx["kos.vol"]),
                 403)
    expect_error(srv.api("POST", path, {"customer_card": "99999999"}, token=ctx["kos.staff"]),
                 404, field="customer_card")
    status, body = srv.api("POST", path, {"customer_card": ANN["card"]}, token=ctx["kos.staff"])
    assert status == 200 and body["customer"]["name"] == "Ann Smith", body
    # A link is never silently replaced.
    expect_error(srv.api("POST", path, {"customer_card": BOB["card"]}, token=ctx["kos.staff"]),
                 409, field="customer_card")
    status, body = srv.api("GET", f"/api/v1/audit?customer={ANN['card']}",
                           token=ctx["kos.manager"])
    assert ("kos.staff", "request") in [(e["by"], e["action"]) for e in body["entries"]]
    ctx["request"] = req["id"]


def page(ctx, who, path, form=None):
    headers = {"Authorization": "Bearer " + ctx[who]}
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        form = urllib.parse.urlencode(form)
    status, headers, body = ctx["srv"].request("POST" if form is not None else "GET", path,
                                               form, headers)
    return status, headers, body.decode()


def test_find_page_lists_matches_and_offers_registration_when_none(ctx):
    status, _, html = page(ctx, "kos.staff", "/customers?q=smith")
    assert status == 200, html
    assert "Ann Smith" in html and "Anna Smithers" in html and "Bob Annis" not in html
    assert "Register a new customer" not in html
    status, _, html = page(ctx, "kos.staff", "/customers?q=Nora+Quill")
    assert status == 200 and "Nobody found" in html
    assert 'name="name" value="Nora Quill"' in html  # what was typed, ready to register
    status, _, html = page(ctx, "kos.staff", "/customers?q=21170000300019")
    assert 'name="card" value="21170000300019"' in html
    assert page(ctx, "kos.vol", "/customers?q=smith")[0] == 403


def test_quick_registration_lands_on_the_new_customer(ctx):
    status, headers, html = page(ctx, "kos.staff", f"/customers?request={ctx['request']}",
                                 form={"name": "Nora Quill", "card": "21170000300019",
                                       "phone": "662-555-0190"})
    assert status == 303, html
    where = headers["Location"]
    assert where.startswith("/customers/") and where.endswith(f"?request={ctx['request']}")
    status, _, html = page(ctx, "kos.staff", where)
    assert status == 200 and "Nora Quill" in html and "662-555-0190" in html
    assert "Restrictions in force" in html
    # The request the search came from has Ann already: no "Link" offered to be refused.
    assert f'action="/requests/{ctx["request"]}/customer"' not in html
    ctx["nora"] = where.split("?")[0]


def test_customer_page_history_and_audit_only_for_managers(ctx):
    status, _, html = page(ctx, "kos.staff", ctx["nora"])
    assert "History" not in html and "Who read this record" not in html
    status, _, html = page(ctx, "kos.manager", ctx["nora"])
    assert status == 200 and "History" in html and "Who read this record" in html
    assert "<td>Kos Staff</td><td>registered them</td>" in html, html
    assert page(ctx, "kos.page", ctx["nora"])[0] == 403
    assert page(ctx, "kos.staff", "/customers/999999")[0] == 404


def test_links_to_the_customer_from_a_request_and_the_card_only_for_those_allowed(ctx):
    status, _, html = page(ctx, "kos.staff", f"/requests/{ctx['request']}")
    assert status == 200 and '<a href="/customers/' in html and "Ann Smith" in html
    status, _, html = page(ctx, "kos.vol", "/desk/KOS")
    assert status == 200 and 'name="customer_card"' not in html
    status, _, html = page(ctx, "kos.staff", "/desk/KOS")
    assert status == 200 and 'name="customer_card"' in html


def test_history_has_the_customers_visits_for_managers(ctx):
    srv = ctx["srv"]
    status, visit = srv.api("POST", "/api/v1/branches/KOS/visits",
                            {"channel": "in_person", "customer_card": ANN["card"]},
                            token=ctx["kos.staff"])
    assert status == 201, visit
    status, body = srv.api("GET", f"/api/v1/customers/{ANN['card']}/history",
                           token=ctx["kos.manager"])
    assert status == 200, body
    assert [(v["id"], v["branch"], v["channel"]) for v in body["visits"]] == \
        [(visit["id"], "KOS", "in_person")]
    assert [q["id"] for q in body["requests"]] == [ctx["request"]]
    status, body = srv.api("GET", "/api/v1/customers?q=ann+smith", token=ctx["kos.manager"])
    ann = [c for c in body["customers"] if c["card"] == ANN["card"]][0]
    status, _, html = page(ctx, "kos.manager", f"/customers/{ann['id']}")
    assert "<h3>Visits</h3><p>In person at Kosciusko," in html, html
    status, _, html = page(ctx, "kos.staff", f"/customers/{ann['id']}")
    assert "Visits" not in html  # CS-NOBIAS: the desk sees restrictions in force only
    # The way back: the reader's own branch desk, by its name.
    assert '<a class="back" href="/desk/KOS">Back to the Kosciusko desk</a>' in html
    # The desk's queue links the visit to the customer for those who may read customers.
    status, _, html = page(ctx, "kos.staff", "/desk/KOS/queue")
    assert status == 200 and f'href="/customers/{ann["id"]}">Ann Smith</a>' in html, html
    status, _, html = page(ctx, "kos.vol", "/desk/KOS/queue")
    assert status == 200 and "Ann Smith" not in html and "/customers/" not in html
