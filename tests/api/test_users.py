"""Promotions and transfers: PATCH /api/v1/users/{login} and `frontdesk user set`
change a person's role, home branch, service start or details; who is in charge (CS-INCHARGE)
follows at once, only Headquarters' administrators may do it, bad input changes nothing, and
every change is in the audit log."""
import json

from harness import Db, Server, expect_error

PASSWORD = "correct horse battery"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    for code, name in [("ETH", "Ethel Library"), ("WAL", "Walnut Grove Library")]:
        db.cli("branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch, start in [
            ("director", "executive_director", "HQ", None),
            ("bsc", "branch_services_coordinator", "HQ", None),
            ("hq.staff", "hq_staff", "HQ", None),
            ("eth.manager", "branch_manager", "ETH", "2001-05-01"),
            ("eth.assistant", "assistant_librarian", "ETH", "2005-01-01"),
            ("eth.staff", "staff", "ETH", "2010-01-01"),
            ("eth.rising", "staff", "ETH", "2012-01-01"),
            ("eth.holder", "staff", "ETH", "2015-01-01"),
            ("eth.mover", "staff", "ETH", "2016-01-01"),
            ("eth.visitor", "branch_manager", "ETH", "1998-01-01"),
            ("wal.manager", "branch_manager", "WAL", "2000-01-01"),
            ("wal.assistant", "assistant_librarian", "WAL", "2011-01-01"),
            ("wal.staff", "staff", "WAL", "2014-01-01")]:
        ctx[login] = db.add_user(login, role, branch, service_start=start)
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def api(ctx, method, path, body=None, who="director"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def change(ctx, login, body, who="director"):
    return api(ctx, "PATCH", f"/api/v1/users/{login}", body, who)


def on(ctx, login, branch):
    status, body = api(ctx, "POST", "/api/v1/duty", {"branch": branch}, login)
    assert status == 200, body


def in_charge(ctx, branch):
    status, body = api(ctx, "GET", f"/api/v1/branches/{branch}/in-charge")
    assert status == 200, body
    return body["staff"]["login"] if body["staff"] else None


def user(ctx, login):
    status, body = api(ctx, "GET", "/api/v1/users")
    assert status == 200, body
    return next(u for u in body["users"] if u["login"] == login)


def audit(ctx, login, who="director"):
    return api(ctx, "GET", f"/api/v1/audit?staff={login}", who=who)


def test_a_promotion_to_branch_manager_puts_her_in_charge(ctx):
    on(ctx, "eth.assistant", "ETH")
    on(ctx, "eth.rising", "ETH")
    assert in_charge(ctx, "ETH") == "eth.assistant"
    status, body = change(ctx, "eth.rising", {"role": "branch_manager"})
    assert status == 200, body
    assert body == user(ctx, "eth.rising"), "the answer is the user as the list shows her"
    assert body["role"] == "branch_manager" and body["branch"] == "ETH", body
    assert in_charge(ctx, "ETH") == "eth.rising"
    # Back down to staff: the assistant librarian is in charge again, at once.
    assert change(ctx, "eth.rising", {"role": "staff"})[0] == 200
    assert in_charge(ctx, "ETH") == "eth.assistant"


def test_a_transfer_makes_the_new_branch_her_home_for_who_is_in_charge(ctx):
    on(ctx, "wal.assistant", "WAL")
    on(ctx, "eth.visitor", "WAL")
    # CS-INCHARGE: Walnut Grove's own assistant librarian before a visiting branch manager.
    assert in_charge(ctx, "WAL") == "wal.assistant"
    status, body = change(ctx, "eth.visitor", {"branch": "WAL"})
    assert status == 200 and body["branch"] == "WAL", body
    assert in_charge(ctx, "WAL") == "eth.visitor"
    status, wal = api(ctx, "GET", "/api/v1/users?branch=WAL")
    assert "eth.visitor" in [u["login"] for u in wal["users"]], wal
    status, eth = api(ctx, "GET", "/api/v1/users?branch=ETH")
    assert "eth.visitor" not in [u["login"] for u in eth["users"]], eth


def test_a_transfer_leaves_the_shift_under_way_as_it_is(ctx):
    on(ctx, "eth.mover", "ETH")
    _, before = api(ctx, "GET", "/api/v1/me", who="eth.mover")
    status, body = change(ctx, "eth.mover", {"branch": "WAL", "service_start": "2003-03-03"})
    assert status == 200 and (body["branch"], body["service_start"]) == ("WAL", "2003-03-03")
    _, after = api(ctx, "GET", "/api/v1/me", who="eth.mover")
    assert after["branch"] == "WAL" and after["on_duty"] == before["on_duty"], (before, after)
    assert after["on_duty"]["branch"] == "ETH"


def test_only_headquarters_administrators_may_change_an_account(ctx):
    for who in ("eth.manager", "hq.staff", "eth.staff"):
        e = expect_error(change(ctx, "eth.staff", {"phone": "662-555-0100"}, who), 403,
                         "forbidden")
        assert "may not change an account's role" in e["message"], e
    assert user(ctx, "eth.staff")["phone"] == ""
    # Any of the three administrators may, and for any role.
    status, body = change(ctx, "eth.staff", {"phone": "662-555-0100"}, "bsc")
    assert status == 200 and body["phone"] == "662-555-0100", body
    status, body = change(ctx, "hq.staff", {"role": "business_manager"}, "bsc")
    assert status == 200 and body["role"] == "business_manager", body
    assert change(ctx, "hq.staff", {"role": "hq_staff"}, "bsc")[0] == 200
    # Nobody changes her own role; her own details she may.
    e = expect_error(change(ctx, "director", {"role": "hq_staff"}), 403, "forbidden")
    assert "your own role" in e["message"], e
    assert user(ctx, "director")["role"] == "executive_director"
    status, body = change(ctx, "director", {"email": "director@mmrls.example"})
    assert status == 200 and body["email"] == "director@mmrls.example", body
    expect_error(change(ctx, "nobody.here", {"role": "staff"}), 404, "not_found")


def test_a_bad_role_is_refused_naming_the_field_and_nothing_changes(ctx):
    db = ctx["db"]
    db.cli("user", "add", "hq.nobranch", "--name", "No Branch", "--role", "hq_staff")
    before = db.snapshot()
    for body, field in [
            ({"role": "wizard"}, "role"),
            ({"role": 7}, "role"),
            ({"role": "staff", "branch": "NOPE"}, "branch"),
            ({"service_start": "2020-13-01"}, "service_start"),
            ({"service_start": "yesterday"}, "service_start"),
            ({"service_start": "2020-01-011"}, "service_start"),
            ({"name": ""}, "name"),
            ({"email": "not an address"}, "email"),
            ({"phone": "call me"}, "phone"),
            ({"login": "eth.renamed"}, "login"),
            ({"password": "a brand new password"}, "password"),
            ({"active": False}, "active"),
            # Valid alone, refused together: nothing of it is written.
            ({"role": "assistant_librarian", "email": "nope"}, "email")]:
        expect_error(change(ctx, "eth.staff", body), 422, "invalid", field=field)
    # A role outside Headquarters needs a home branch, as user add requires.
    e = expect_error(change(ctx, "hq.nobranch", {"role": "staff"}), 422, field="branch")
    assert "home branch" in e["message"], e
    status, _, _ = ctx["srv"].request("PATCH", "/api/v1/users/eth.staff", "{not json",
                                      {"Authorization": "Bearer " + ctx["director"],
                                       "Content-Type": "application/json"})
    assert status == 400
    assert db.snapshot() == before, "a refused change left something behind"
    status, body = change(ctx, "hq.nobranch", {"role": "staff", "branch": "WAL"})
    assert status == 200 and (body["role"], body["branch"]) == ("staff", "WAL"), body


def test_an_empty_change_changes_nothing_and_is_not_audited(ctx):
    db = ctx["db"]
    before = db.snapshot()
    status, body = change(ctx, "wal.staff", {})
    assert status == 200 and body == user(ctx, "wal.staff"), body
    # The same values again are no change either.
    status, body = change(ctx, "wal.staff", {"role": "staff", "branch": "WAL",
                                             "email": None})
    assert status == 200 and body["role"] == "staff", body
    assert db.snapshot() == before
    expect_error(change(ctx, "wal.staff", {}, "wal.manager"), 403, "forbidden")


def test_every_change_to_an_account_is_in_the_audit_log(ctx):
    status, made = api(ctx, "POST", "/api/v1/users", {
        "login": "eth.new", "name": "New Hire", "role": "page", "branch": "ETH"})
    assert status == 201, made
    assert change(ctx, "eth.new", {"role": "staff", "service_start": "2024-02-01"},
                  "bsc")[0] == 200
    assert change(ctx, "eth.new", {"email": "new@mmrls.example", "phone": "601-555-0101"})[0] \
        == 200
    assert change(ctx, "eth.new", {"role": "staff"})[0] == 200  # no change: no entry
    assert change(ctx, "eth.new", {"branch": "WAL"})[0] == 200
    assert api(ctx, "POST", "/api/v1/users/eth.new/deactivate", {})[0] == 200
    status, body = audit(ctx, "eth.new")
    assert status == 200, body
    entries = body["entries"]
    assert [(e["by"], e["action"]) for e in entries] == [
        ("director", "create"),
        ("bsc", "change: role page to staff; service_start " + made["service_start"] +
         " to 2024-02-01"),
        ("director", "change: email; phone"),
        ("director", "change: branch ETH to WAL"),
        ("director", "deactivate")], entries
    staff_id = ctx["db"].sql("SELECT id FROM staff WHERE login = 'eth.new'")[0][0]
    assert {(e["object"], e["key"]) for e in entries} == {("staff", staff_id)}
    assert all(e["at"].endswith("Z") and e["from"].startswith("127.0.0.1") for e in entries)
    # A branch manager reads her own branch's staff's changes, not another branch's.
    assert audit(ctx, "eth.new", "wal.manager")[0] == 200  # at Walnut Grove now
    expect_error(audit(ctx, "eth.new", "eth.manager"), 403, "forbidden")
    assert audit(ctx, "eth.staff", "eth.manager")[0] == 200
    expect_error(audit(ctx, "eth.new", "eth.staff"), 403, "forbidden")
    expect_error(audit(ctx, "nobody.here"), 404, "not_found")
    # The hash chain still holds.
    assert "intact" in ctx["db"].cli("audit", "verify").out


def test_a_demotion_to_volunteer_hands_over_what_she_held(ctx):
    on(ctx, "eth.manager", "ETH")
    on(ctx, "eth.holder", "ETH")
    status, req = api(ctx, "POST", "/api/v1/requests", {
        "branch": "ETH", "kind": "material", "text": "a field guide to moths"}, "eth.holder")
    assert status == 201, req
    status, inc = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "ETH", "occurred_at": "2026-01-05T15:00:00Z", "category": "vandalism",
        "narrative": "Pages torn from an atlas in the reading room."}, "eth.holder")
    assert status == 201, inc
    status, body = change(ctx, "eth.holder", {"role": "volunteer"})
    assert status == 200 and body["role"] == "volunteer", body
    # CS-DIFFICULT: a volunteer holds no incident report; what she held went to the person
    # in charge, and she is still on duty, now as a volunteer.
    status, held = api(ctx, "GET", "/api/v1/duty/held", who="eth.holder")
    assert held["on_duty"] is True, held
    assert held["requests"] == [] and held["incidents"] == [], held
    status, mine = api(ctx, "GET", "/api/v1/duty/held", who="eth.manager")
    assert req["id"] in [r["id"] for r in mine["requests"]], mine
    assert inc["id"] in [i["id"] for i in mine["incidents"]], mine
    got = next(h for h in mine["received"] if h["from"]["login"] == "eth.holder")
    assert "now a Volunteer" in got["note"], got
    status, r = api(ctx, "GET", f"/api/v1/requests/{req['id']}", who="eth.manager")
    assert any(h["action"] == "handed_over" and "now a Volunteer" in h["detail"]
               for h in r["history"]), r["history"]
    # A promotion back takes nothing back, and hands nothing over.
    assert change(ctx, "eth.holder", {"role": "staff"})[0] == 200
    assert api(ctx, "GET", "/api/v1/duty/held", who="eth.manager")[1]["requests"] == \
        mine["requests"]


def test_a_role_change_takes_effect_on_her_next_request(ctx):
    db, srv = ctx["db"], ctx["srv"]
    ctx["wal.session"] = db.add_user("wal.session", "staff", "WAL", password=PASSWORD)
    status, headers, data = srv.request(
        "POST", "/api/v1/login", json.dumps({"login": "wal.session", "password": PASSWORD}),
        {"Content-Type": "application/json"})
    assert status == 200, data
    cookie, csrf = headers["Set-Cookie"].split(";")[0], json.loads(data)["csrf_token"]
    new_user = {"login": "wal.hire", "name": "Wal Hire", "role": "page", "branch": "WAL"}
    expect_error(srv.api("POST", "/api/v1/users", new_user, cookie=cookie, csrf=csrf), 403)
    assert change(ctx, "wal.session", {"role": "branch_manager"})[0] == 200
    # The same session, the same token: the staff row is read again on every request.
    status, me = srv.api("GET", "/api/v1/me", cookie=cookie)
    assert status == 200 and me["role"] == "branch_manager", me
    status, me = srv.api("GET", "/api/v1/me", token=ctx["wal.session"])
    assert me["role"] == "branch_manager", me
    status, body = srv.api("POST", "/api/v1/users", new_user, cookie=cookie, csrf=csrf)
    assert status == 201, body
    assert change(ctx, "wal.session", {"role": "staff"})[0] == 200
    new_user["login"] = "wal.hire2"
    expect_error(srv.api("POST", "/api/v1/users", new_user, cookie=cookie, csrf=csrf), 403)
    expect_error(srv.api("POST", "/api/v1/users", new_user, token=ctx["wal.session"]), 403)


def test_user_set_at_the_command_line(ctx):
    db = ctx["db"]
    out = db.cli("user", "set", "--help").out
    assert "user set LOGIN" in out and "--service-start" in out, out
    for args in (["user", "set"], ["user", "set", "wal.staff"],
                 ["user", "set", "wal.staff", "--colour", "blue"],
                 ["user", "set", "wal.staff", "eth.staff", "--role", "staff"]):
        r = db.cli(*args, expect=2)
        assert "usage" in r.err, r.err
    r = db.cli("user", "set", "wal.staff", "--role", "wizard", expect=1)
    assert len(r.err.strip().splitlines()) == 1 and "role" in r.err, r.err
    r = db.cli("user", "set", "nobody.here", "--role", "staff", expect=1)
    assert "no such user" in r.err, r.err
    r = db.cli("user", "set", "wal.staff", "--role", "assistant_librarian", "--branch", "ETH",
               "--phone", "601-555-0199")
    assert r.out.strip() == ("changed wal.staff: role staff to assistant_librarian; "
                             "branch WAL to ETH; phone"), r.out
    got = user(ctx, "wal.staff")
    assert (got["role"], got["branch"], got["phone"]) == (
        "assistant_librarian", "ETH", "601-555-0199"), got
    assert db.cli("user", "set", "wal.staff", "--phone", "601-555-0199").out.strip() == \
        "wal.staff: nothing to change"
    # Audited as the administrator at the command line.
    _, body = audit(ctx, "wal.staff")
    last = body["entries"][-1]
    assert (last["by"], last["from"]) == (None, "command line"), last
    assert last["action"].startswith("change: role staff to assistant_librarian"), last
