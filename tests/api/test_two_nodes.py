"""Stateless nodes: two `frontdesk serve` processes on one database behave as one desk.
Sessions, tokens, duty and login throttling all live in the database, so a load balancer may
send any request to either node."""
from harness import Db, Server, SmtpSink, expect_error

PASSWORD = "two nodes password"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    ctx["admin"] = db.add_user("admin", "branch_services_coordinator", "KOS")
    db.add_user("kos.staff", "staff", "KOS", password=PASSWORD)
    db.add_user("kos.other", "staff", "KOS", password=PASSWORD)
    db.add_user("director", "executive_director", "KOS", email="director@mmrls.example")
    ctx["smtp"] = SmtpSink()
    ctx["a"], ctx["b"] = Server(db, smtp=ctx["smtp"]), Server(db, smtp=ctx["smtp"])
    return ctx


def teardown(ctx):
    try:
        assert ctx["a"].stop() < 3
        assert ctx["b"].stop() < 3
    finally:
        ctx["smtp"].stop()


def login(srv, who, password=PASSWORD):
    status, headers, data = srv.request(
        "POST", "/api/v1/login", '{"login":"%s","password":"%s"}' % (who, password),
        {"Content-Type": "application/json"})
    return status, headers, data


def test_a_session_made_on_one_node_works_on_the_other(ctx):
    import json
    status, headers, data = login(ctx["a"], "kos.staff")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";")[0]
    csrf = json.loads(data)["csrf_token"]
    status, body = ctx["b"].api("GET", "/api/v1/me", cookie=cookie)
    assert status == 200 and body["login"] == "kos.staff"
    status, body = ctx["b"].api("POST", "/api/v1/duty", {"branch": "KOS"}, cookie=cookie,
                                csrf=csrf)
    assert status == 200, body
    ctx["cookie"], ctx["csrf"] = cookie, csrf


def test_duty_on_one_node_is_in_charge_on_the_other(ctx):
    status, body = ctx["a"].api("GET", "/api/v1/branches/KOS/in-charge", token=ctx["admin"])
    assert status == 200 and body["staff"]["login"] == "kos.staff", body


def test_logout_on_one_node_ends_the_session_on_both(ctx):
    status, _ = ctx["a"].api("POST", "/api/v1/logout", {}, cookie=ctx["cookie"],
                             csrf=ctx["csrf"])
    assert status == 200
    expect_error(ctx["b"].api("GET", "/api/v1/me", cookie=ctx["cookie"]), 401)


def test_an_account_made_on_one_node_logs_in_on_the_other(ctx):
    status, body = ctx["b"].api("POST", "/api/v1/users", {
        "login": "kos.new", "name": "New", "role": "page", "branch": "KOS",
        "password": PASSWORD}, token=ctx["admin"])
    assert status == 201, body
    assert login(ctx["a"], "kos.new")[0] == 200


def test_failed_logins_count_across_nodes(ctx):
    for i in range(5):
        node = ctx["a"] if i % 2 else ctx["b"]
        assert login(node, "kos.other", "wrong password!")[0] == 401
    assert login(ctx["a"], "kos.other")[0] == 429
    assert login(ctx["b"], "kos.other")[0] == 429


def test_a_visit_made_on_one_node_reaches_the_other_nodes_queue_and_stream(ctx):
    import json
    import time
    from test_queue import open_stream, read_event
    srv_a, srv_b = ctx["a"], ctx["b"]
    token = ctx["db"].cli("token", "create", "kos.other").out.strip()
    assert srv_a.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)[0] == 200
    conn, resp = open_stream(srv_b, token)
    try:
        start = time.monotonic()
        status, v = srv_a.api("POST", "/api/v1/branches/KOS/visits", {"channel": "phone"},
                              token=token)
        assert status == 201, v
        event = {}
        while event.get("visit") != v["id"]:
            data = read_event(resp, start + 5)
            assert data, "node B's stream got nothing"
            event = json.loads(data)
        assert time.monotonic() - start < 1.5
        status, q = srv_b.api("GET", "/api/v1/branches/KOS/queue", token=token)
        assert [w["id"] for w in q["waiting"]] == [v["id"]], q
    finally:
        conn.close()


def test_a_node_never_answers_with_a_queue_older_than_a_write_on_the_other(ctx):
    # Each node keeps its queue answers for the second they were made in: a visit written
    # on node A must still show on node B at once, even though B answered a moment before.
    token = ctx["db"].cli("token", "create", "kos.other").out.strip()
    for _ in range(5):
        assert ctx["b"].api("GET", "/api/v1/branches/KOS/queue", token=token)[0] == 200
        status, v = ctx["a"].api("POST", "/api/v1/branches/KOS/visits",
                                 {"channel": "in_person"}, token=token)
        assert status == 201, v
        status, q = ctx["b"].api("GET", "/api/v1/branches/KOS/queue", token=token)
        assert v["id"] in [w["id"] for w in q["waiting"]], q


def test_a_duty_or_a_deactivation_on_one_node_holds_on_the_other_at_once(ctx):
    # A node's request threads remember a token's staff while the database is unchanged:
    # the other node's write is a change, seen by the next request on every thread.
    token = ctx["db"].add_user("kos.memo", "staff", "KOS")
    desk = ctx["db"].cli("token", "create", "kos.other").out.strip()  # on duty at KOS
    status, v = ctx["a"].api("POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"},
                             token=desk)
    assert status == 201, v

    def moves():
        status, q = ctx["b"].api("GET", "/api/v1/branches/KOS/queue", token=token)
        assert status == 200, q
        return {w["id"]: w["actions"] for w in q["waiting"]}[v["id"]]
    for _ in range(6):
        assert moves() == []  # off duty: no moves
    assert ctx["a"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)[0] == 200
    for _ in range(6):
        assert "start" in moves()
    status, body = ctx["a"].api("POST", "/api/v1/users/kos.memo/deactivate", {},
                                token=ctx["admin"])
    assert status == 200 and body["active"] is False, body
    for _ in range(6):
        expect_error(ctx["b"].api("GET", "/api/v1/branches/KOS/queue", token=token), 401)


def test_each_notice_is_sent_once_by_one_of_the_nodes(ctx):
    import time
    token = ctx["db"].cli("token", "create", "kos.other").out.strip()
    ctx["a"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)
    for i in range(12):
        node = ctx["a"] if i % 2 else ctx["b"]
        status, c = node.api("POST", "/api/v1/complaints", {
            "branch": "KOS", "text": f"complaint number {i}"}, token=token)
        assert status == 201, c
        status, c = node.api("POST", f"/api/v1/complaints/{c['id']}/refer-director", {},
                             token=token)
        assert status == 200, c
    msgs = ctx["smtp"].wait_for(12, seconds=30)
    time.sleep(2)  # room for a duplicate to show, if there were one
    texts = sorted(m.get_payload().split("complaint number ")[1].split()[0]
                   for m in ctx["smtp"].messages() if "complaint number" in m.get_payload())
    assert texts == sorted(str(i) for i in range(12)), texts
