"""CS-CONFIDENTIAL: customers by card, role-based access, every read audited."""
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
