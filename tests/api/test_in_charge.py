"""CS-INCHARGE and CS-DIFFICULT over the API: clocking staff on and off at a branch changes
who is in charge exactly as docs/roles.md says."""
from harness import Db, Server, expect_error


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    ctx = {"db": db, "admin": db.add_user("boss", "branch_services_coordinator", "HQ")}
    ctx["srv"] = Server(db)
    srv, admin = ctx["srv"], ctx["admin"]
    status, _ = srv.api("POST", "/api/v1/branches", {"code": "ETH", "name": "Ethel Library",
                        "hours": "mon-fri 09:00-17:00"}, token=admin)
    assert status == 201
    # Staff of every branch role, made through the API, each with a token from the CLI.
    people = [("eth.manager", "branch_manager", "2001-05-01"),
              ("eth.assistant", "assistant_librarian", "2015-01-01"),
              ("eth.senior", "staff", "2003-01-01"), ("eth.junior", "staff", "2020-06-01"),
              ("eth.sub", "substitute", "1999-01-01"), ("eth.vol", "volunteer", "1990-01-01"),
              ("eth.page", "page", "1995-01-01")]
    for login, role, start in people:
        status, body = srv.api("POST", "/api/v1/users", {
            "login": login, "name": login.title(), "role": role, "branch": "ETH",
            "service_start": start}, token=admin)
        assert status == 201, body
        assert body["role"] == role and body["branch"] == "ETH"
        ctx[login] = db.cli("token", "create", login).out.strip()
    return ctx


def teardown(ctx):
    took = ctx["srv"].stop()
    assert took < 3, f"serve took {took:.1f} s to stop"


def on(ctx, login):
    status, body = ctx["srv"].api("POST", "/api/v1/duty", {"branch": "ETH"}, token=ctx[login])
    assert status == 200, body
    assert body["login"] == login and body["branch"] == "ETH"


def off(ctx, login):
    status, body = ctx["srv"].api("POST", "/api/v1/duty/off", {}, token=ctx[login])
    assert status == 200, body


def in_charge(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/branches/ETH/in-charge", token=ctx["admin"])
    assert status == 200, body
    who = body["staff"]["login"] if body["staff"] else None
    return who, body["level"], body["must_contact_hq"]


def test_nobody_on_duty_means_headquarters(ctx):
    assert in_charge(ctx) == (None, "headquarters", True)


def test_volunteers_and_pages_are_never_in_charge(ctx):
    on(ctx, "eth.vol")
    on(ctx, "eth.page")
    assert in_charge(ctx) == (None, "headquarters", True)


def test_a_substitute_alone_is_in_charge_and_must_contact_hq(ctx):
    on(ctx, "eth.sub")
    assert in_charge(ctx) == ("eth.sub", "substitute", True)


def test_permanent_staff_outrank_a_longer_serving_substitute(ctx):
    on(ctx, "eth.junior")
    assert in_charge(ctx) == ("eth.junior", "branch", False)


def test_the_longest_serving_staff_member(ctx):
    on(ctx, "eth.senior")
    assert in_charge(ctx) == ("eth.senior", "branch", False)


def test_assistant_librarian_over_staff(ctx):
    on(ctx, "eth.assistant")
    assert in_charge(ctx) == ("eth.assistant", "branch", False)


def test_branch_manager_over_everyone(ctx):
    on(ctx, "eth.manager")
    assert in_charge(ctx) == ("eth.manager", "branch", False)


def test_duty_list_shows_everyone_on(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/branches/ETH/duty", token=ctx["eth.vol"])
    assert status == 200
    assert sorted(p["login"] for p in body["on_duty"]) == sorted(
        ["eth.vol", "eth.page", "eth.sub", "eth.junior", "eth.senior", "eth.assistant",
         "eth.manager"])
    assert all(p["since"].endswith("Z") for p in body["on_duty"])


def test_branch_manager_clocks_off_assistant_takes_over(ctx):
    off(ctx, "eth.manager")
    assert in_charge(ctx) == ("eth.assistant", "branch", False)
    off(ctx, "eth.assistant")
    off(ctx, "eth.senior")
    assert in_charge(ctx) == ("eth.junior", "branch", False)


def test_last_permanent_off_leaves_substitute_with_hq_contact(ctx):
    off(ctx, "eth.junior")
    assert in_charge(ctx) == ("eth.sub", "substitute", True)
    off(ctx, "eth.sub")
    assert in_charge(ctx) == (None, "headquarters", True)


def test_clock_off_twice_is_refused(ctx):
    off(ctx, "eth.vol")
    expect_error(ctx["srv"].api("POST", "/api/v1/duty/off", {}, token=ctx["eth.vol"]), 409,
                 "conflict")


def test_me_shows_duty(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/me", token=ctx["eth.page"])
    assert status == 200 and body["on_duty"]["branch"] == "ETH", body
    status, body = ctx["srv"].api("GET", "/api/v1/me", token=ctx["eth.vol"])
    assert body["on_duty"] is None, body


def test_manager_clocks_another_on_but_staff_cannot(ctx):
    srv = ctx["srv"]
    status, body = srv.api("POST", "/api/v1/duty", {"branch": "ETH", "login": "eth.senior"},
                           token=ctx["eth.manager"])
    assert status == 200 and body["login"] == "eth.senior", body
    assert in_charge(ctx)[0] == "eth.senior"
    expect_error(srv.api("POST", "/api/v1/duty/off", {"login": "eth.senior"},
                         token=ctx["eth.junior"]), 403, "forbidden")
    assert in_charge(ctx)[0] == "eth.senior"


def test_moving_to_another_branch_clocks_off_here(ctx):
    srv = ctx["srv"]
    status, _ = srv.api("POST", "/api/v1/duty", {"branch": "HQ"}, token=ctx["eth.senior"])
    assert status == 200
    assert in_charge(ctx) == (None, "headquarters", True)


def test_unknown_branch_is_404_naming_the_field(ctx):
    expect_error(ctx["srv"].api("GET", "/api/v1/branches/NOPE/in-charge", token=ctx["admin"]),
                 404, "not_found")
    expect_error(ctx["srv"].api("POST", "/api/v1/duty", {"branch": "NOPE"},
                                token=ctx["eth.vol"]), 404, "not_found", field="branch")
