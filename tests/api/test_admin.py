"""Branches and users made through the API, who may make them, and bad input refused with
nothing half-written."""
from harness import Db, Server, expect_error

ROLES = ["executive_director", "business_manager", "branch_services_coordinator", "hq_staff",
         "branch_manager", "assistant_librarian", "staff", "substitute", "volunteer", "page"]


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    ctx = {"db": db, "director": db.add_user("director", "executive_director", "HQ")}
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_director_adds_a_branch(ctx):
    status, body = ctx["srv"].api("POST", "/api/v1/branches", {
        "code": "WAL", "name": "Walnut Grove Library", "time_zone": "America/Chicago",
        "hours": "tue-fri 10:00-17:00, sat 09:00-12:00", "phone": "601-253-2483"},
        token=ctx["director"])
    assert status == 201, body
    assert body["code"] == "WAL" and body["hours_text"] == "tue-fri 10:00-17:00,sat 09:00-12:00"
    status, body = ctx["srv"].api("GET", "/api/v1/branches/WAL", token=ctx["director"])
    assert status == 200 and body["name"] == "Walnut Grove Library"


def test_duplicate_branch_is_409(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/branches", {"code": "WAL", "name": "Again"},
                                token=ctx["director"]), 409, "conflict")


def test_bad_branch_fields_name_the_field(ctx):
    srv, t = ctx["srv"], ctx["director"]
    expect_error(srv.api("POST", "/api/v1/branches", {"code": "X Y", "name": "n"}, token=t),
                 422, field="code")
    expect_error(srv.api("POST", "/api/v1/branches", {"code": "TZ1", "name": "n",
                                                       "time_zone": "Mars/Olympus"}, token=t),
                 422, field="time_zone")
    expect_error(srv.api("POST", "/api/v1/branches", {"code": "HR1", "name": "n",
                                                       "hours": "mon 18:00-09:00"}, token=t),
                 422, field="hours")
    expect_error(srv.api("POST", "/api/v1/branches", {"code": "NM1", "name": ""}, token=t),
                 422, field="name")
    for code in ("TZ1", "HR1", "NM1"):
        assert srv.api("GET", f"/api/v1/branches/{code}", token=t)[0] == 404


def test_users_in_every_role(ctx):
    srv = ctx["srv"]
    for role in ROLES:
        login = "u." + role.replace("_", "")[:20]
        status, body = srv.api("POST", "/api/v1/users", {
            "login": login, "name": role.title(), "role": role, "branch": "WAL",
            "email": f"{login}@example.org"}, token=ctx["director"])
        assert status == 201, body
        assert body["role"] == role and body["active"] is True
        assert set(body) >= {"login", "name", "role"}
    status, body = srv.api("GET", "/api/v1/users?branch=WAL", token=ctx["director"])
    assert sorted(u["role"] for u in body["users"]) == sorted(ROLES)


def test_unknown_role_refused_and_nothing_written(ctx):
    srv = ctx["srv"]
    expect_error(srv.api("POST", "/api/v1/users", {"login": "wiz", "name": "Wiz",
                                                    "role": "wizard", "branch": "WAL"},
                         token=ctx["director"]), 422, field="role")
    expect_error(srv.api("POST", "/api/v1/users", {"login": "nob", "name": "Nob",
                                                    "role": "staff"},
                         token=ctx["director"]), 422, field="branch")
    expect_error(srv.api("POST", "/api/v1/users", {"login": "shortpw", "name": "S",
                                                    "role": "staff", "branch": "WAL",
                                                    "password": "short"},
                         token=ctx["director"]), 422, field="password")
    _, body = srv.api("GET", "/api/v1/users", token=ctx["director"])
    logins = {u["login"] for u in body["users"]}
    assert not logins & {"wiz", "nob", "shortpw"}


def test_branch_manager_manages_only_her_own_branch_below_her(ctx):
    srv, db = ctx["srv"], ctx["db"]
    mgr = db.cli("token", "create", "u.branchmanager").out.strip()
    status, body = srv.api("POST", "/api/v1/users", {"login": "wal.new", "name": "New Staff",
                                                      "role": "staff", "branch": "WAL"},
                           token=mgr)
    assert status == 201, body
    expect_error(srv.api("POST", "/api/v1/users", {"login": "wal.mgr2", "name": "M",
                                                    "role": "branch_manager", "branch": "WAL"},
                         token=mgr), 403, "forbidden")
    expect_error(srv.api("POST", "/api/v1/users", {"login": "hq.new", "name": "H",
                                                    "role": "staff", "branch": "HQ"},
                         token=mgr), 403, "forbidden")


def test_staff_may_not_add_users_or_branches(ctx):
    staff = ctx["db"].cli("token", "create", "u.staff").out.strip()
    expect_error(ctx["srv"].api("POST", "/api/v1/users", {"login": "x2", "name": "X",
                                                           "role": "page", "branch": "WAL"},
                                token=staff), 403)
    expect_error(ctx["srv"].api("POST", "/api/v1/branches", {"code": "X2", "name": "X"},
                                token=staff), 403)


def test_duplicate_login_is_409(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/users", {"login": "wal.new", "name": "Dup",
                                                           "role": "page", "branch": "WAL"},
                                token=ctx["director"]), 409, "conflict")
