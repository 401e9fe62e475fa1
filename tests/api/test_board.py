"""The queue as the desk and the wall read it: the desk each ticket is called to, who serves,
the confirmations the server asks for (opening outside hours, the last person clocking off
while customers wait), a wait past the target, and the public board's own error page."""
import re
import time
import urllib.parse

from harness import Db, Server, expect_error


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00",
           "--ack-target-s", "5")
    # Never open by its hours: every opening is outside them.
    db.cli("branch", "add", "SUN", "--name", "Sunday Shut")
    ctx = {"db": db}
    for login, role, branch in [("kos.staff", "staff", "KOS"), ("kos.desk", "staff", "KOS"),
                                ("kos.vol", "volunteer", "KOS"), ("sun.staff", "staff", "SUN")]:
        ctx[login] = db.add_user(login, role, branch)
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def api(ctx, method, path, body=None, who="kos.staff"):
    return ctx["srv"].api(method, path, {} if body is None and method == "POST" else body,
                          token=ctx[who])


def page(ctx, path, who="kos.staff", form=None):
    """A desk page as the person who signed in sees it: (status, text)."""
    h = {"Authorization": "Bearer " + ctx[who]}
    if form is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    status, _, body = ctx["srv"].request("POST" if form is not None else "GET", path,
                                         None if form is None else urllib.parse.urlencode(form),
                                         h)
    return status, body.decode()


def drain(ctx, who="kos.staff"):
    # One customer at a time: whoever who serves is finished first.
    for v in api(ctx, "GET", "/api/v1/branches/KOS/queue", who=who)[1]["serving"]:
        if v["served_by"]["login"] == who:
            assert api(ctx, "POST", f"/api/v1/visits/{v['id']}/finish", who=who)[0] == 200
    while True:
        status, body = api(ctx, "POST", "/api/v1/branches/KOS/next", who=who)
        if status == 204:
            return
        assert status == 200, body
        assert api(ctx, "POST", f"/api/v1/visits/{body['id']}/finish", who=who)[0] == 200


def test_the_desk_said_when_clocking_on_is_where_the_ticket_is_called(ctx):
    status, d = api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "desk": "2"})
    assert status == 200 and d["desk"] == "2", d
    status, other = api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"}, who="kos.desk")
    assert status == 200 and other["desk"] is None, other
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"})
    assert status == 201, v
    status, served = api(ctx, "POST", "/api/v1/branches/KOS/next")
    assert status == 200 and served["desk"] == "2" and served["ticket"] == v["ticket"], served
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    assert [(s["ticket"], s["desk"]) for s in q["serving"]] == [(v["ticket"], "2")], q
    # The board says where to go; the desk page, who serves and where.
    status, _, board = ctx["srv"].request("GET", "/board/KOS")
    board = board.decode()
    assert status == 200 and f'data-ticket="{v["ticket"]}" data-desk="2"' in board, board
    assert re.search(r'class="call-desk">Desk 2<', board), board
    _, frag = page(ctx, "/desk/KOS/queue", who="kos.desk")
    assert "served by Kos Staff at desk 2" in frag, frag
    # Moving desks mid-shift keeps the shift and changes the desk.
    status, d2 = api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "desk": "Children's"})
    assert status == 200 and d2["desk"] == "Children's" and d2["since"] == d["since"], d2
    expect_error(api(ctx, "POST", "/api/v1/duty", {"branch": "KOS", "desk": "x" * 40}), 422,
                 field="desk")
    drain(ctx)


def test_a_desk_chosen_on_the_page_is_kept(ctx):
    status, _ = page(ctx, "/desk/KOS/duty/on", who="kos.desk", form={"desk": "3"})
    assert status == 303
    _, desk = page(ctx, "/desk/KOS", who="kos.desk")
    assert re.search(r"<td>Kos Desk</td><td>Staff</td><td>3</td>", desk), desk
    assert 'name="desk"' in desk and 'value="3"' in desk


def test_board_code_is_case_insensitive_and_unknown_gets_the_boards_own_page(ctx):
    upper = ctx["srv"].request("GET", "/board/KOS")
    lower = ctx["srv"].request("GET", "/board/kos")
    assert upper[0] == lower[0] == 200
    assert b"<h1>Kosciusko</h1>" in lower[2] and b'id="clock"' in lower[2]
    assert b"Turn on sound" in lower[2]
    status, headers, body = ctx["srv"].request("GET", "/board/nope")
    text = body.decode()
    assert status == 404 and headers["Content-Type"].startswith("text/html"), (status, text)
    assert "There is no branch board at this address" in text, text
    # Not the staff error page: no sign-in bar, no way into the desk.
    assert 'class="bar"' not in text and "Back to the desk" not in text, text
    assert 'class="board"' in text


def test_opening_outside_hours_asks_for_a_confirmation(ctx):
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "SUN"}, who="sun.staff")[0] == 200
    e = expect_error(api(ctx, "POST", "/api/v1/branches/SUN/open", who="sun.staff"), 422,
                     field="outside_hours")
    assert "Sunday Shut is closed today" in e["message"], e
    # The desk's button: the box that says so is on the page, and the server wants it ticked.
    _, desk = page(ctx, "/desk/SUN", who="sun.staff")
    assert 'name="outside_hours"' in desk and "Sunday Shut is closed today" in desk, desk
    status, body = page(ctx, "/desk/SUN/open", who="sun.staff", form={})
    assert status == 422 and "closed today" in body, (status, body)
    status, _ = page(ctx, "/desk/SUN/open", who="sun.staff", form={"outside_hours": "1"})
    assert status == 303
    q = api(ctx, "GET", "/api/v1/branches/SUN/queue", who="sun.staff")[1]
    assert q["today"]["opened"]["outside_hours"] is True, q
    _, desk = page(ctx, "/desk/SUN", who="sun.staff")
    assert "Opened outside hours at" in desk and "Opened at" not in desk, desk
    assert "Closed now" in desk


def test_opening_in_hours_needs_no_confirmation(ctx):
    status, body = api(ctx, "POST", "/api/v1/branches/KOS/open")
    assert status == 201, body
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    assert q["today"]["opened"]["outside_hours"] is False, q


def test_the_last_on_duty_is_asked_before_leaving_customers_waiting(ctx):
    # Alone at SUN with a customer waiting.
    assert api(ctx, "POST", "/api/v1/branches/SUN/visits", {"channel": "in_person"},
               who="sun.staff")[0] == 201
    e = expect_error(api(ctx, "POST", "/api/v1/duty/off", who="sun.staff"), 422,
                     field="leave_waiting")
    assert "1 customer is waiting and nobody else is on duty here" in e["message"], e
    _, desk = page(ctx, "/desk/SUN", who="sun.staff")
    assert 'name="leave_waiting"' in desk, desk
    status, body = page(ctx, "/desk/SUN/duty/off", who="sun.staff", form={})
    assert status == 422 and "nobody else is on duty here" in body, (status, body)
    assert api(ctx, "GET", "/api/v1/duty/held", who="sun.staff")[1]["on_duty"] is True
    status, body = api(ctx, "POST", "/api/v1/duty/off", {"leave_waiting": True},
                       who="sun.staff")
    assert status == 200 and body["on_duty"] is False, body


def test_clocking_off_with_a_colleague_still_on_needs_no_confirmation(ctx):
    assert api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"})[0] == 201
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"}, who="kos.vol")[0] == 200
    status, body = api(ctx, "POST", "/api/v1/duty/off", who="kos.vol")
    assert status == 200, body
    drain(ctx)


def test_a_wait_past_the_target_is_flagged(ctx):
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"})
    assert status == 201 and v["past_wait_target"] is False, v
    # Acknowledged, so CS-ACK's own flag is off: the wait itself is what is flagged.
    assert api(ctx, "POST", f"/api/v1/visits/{v['id']}/acknowledge")[0] == 200
    time.sleep(6)  # KOS's target is 5 seconds
    q = api(ctx, "GET", "/api/v1/branches/KOS/queue")[1]
    w = [x for x in q["waiting"] if x["id"] == v["id"]][0]
    assert w["past_wait_target"] is True and w["ack_overdue"] is False, w
    _, frag = page(ctx, "/desk/KOS/queue")
    item = re.search(rf'<li class="visit[^"]*" id="visit-{v["id"]}">.*?</li>', frag, re.S)
    assert item and "past-target" in item.group(0), frag
    assert "Waiting longer than the 5-second target" in item.group(0), item.group(0)
    drain(ctx)


def board_stream(ctx, code):
    """The board's public event stream, opened with no login: (connection, response)."""
    conn = ctx["srv"].connection()
    conn.request("GET", f"/board/{code}/events")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Content-Type"] == "text/event-stream"
    conn.sock.settimeout(5)
    return conn, resp


def read_until_change(resp, deadline):
    """Every line read up to and including the next 'event: change' message."""
    lines, block = [], []
    while time.monotonic() < deadline:
        line = resp.readline().decode()
        if not line:
            break
        lines.append(line)
        if line.strip():
            block.append(line)
        elif "event: change\n" in block:
            return lines
        else:
            block = []
    return lines


def test_the_board_hears_a_call_within_a_second_and_nothing_private(ctx):
    conn, resp = board_stream(ctx, "kos")  # typed by hand, as the board's own address is
    try:
        assert resp.readline().startswith(b"retry:")
        start = time.monotonic()
        status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits",
                        {"channel": "in_person", "note": "Loretta Pickens' holds"})
        assert status == 201, v
        lines = read_until_change(resp, start + 5)
        took = time.monotonic() - start
        assert "event: change\n" in lines, lines
        assert took < 1.0, f"the board heard of it after {took:.2f} s"
        # CS-CONFIDENTIAL: only that something changed; no visit, ticket, kind or name.
        text = "".join(lines)
        assert "data: {}" in text, text
        for secret in (str(v["id"]), v["ticket"], "visit", "Pickens", "KOS"):
            assert secret not in text, (secret, text)
        # Serving it is heard as well: the board fetches its page and shows the call.
        start = time.monotonic()
        status, served = api(ctx, "POST", "/api/v1/branches/KOS/next")
        assert status == 200 and served["id"] == v["id"], served
        assert "event: change\n" in read_until_change(resp, start + 5)
        assert time.monotonic() - start < 1.0
        board = ctx["srv"].request("GET", "/board/KOS")[2].decode()
        assert f'data-ticket="{v["ticket"]}"' in board, board
    finally:
        conn.close()
    drain(ctx)
    # An unknown branch has no stream; a desk's stream still needs a login.
    assert ctx["srv"].request("GET", "/board/NOPE/events")[0] == 404
    assert ctx["srv"].request("GET", "/api/v1/branches/KOS/events")[0] == 401


def test_the_board_counts_those_in_the_library_as_the_desk_does(ctx):
    drain(ctx)
    board = ctx["srv"].request("GET", "/board/KOS")[2].decode()
    assert re.search(r'id="waiting-count">0</span> waiting in the library · '
                     r'<span id="estimate">no wait</span> for anyone arriving now', board), board
    made = [api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": c})[1]
            for c in ("in_person", "in_person", "phone")]
    board = ctx["srv"].request("GET", "/board/KOS")[2].decode()
    # Two in the room; the caller is not, and is not counted as if they were.
    assert 'id="waiting-count">2</span> waiting in the library' in board, board
    # Served in no time so far: under a minute, but not "no wait" with two ahead.
    assert re.search(r'<span id="estimate">a wait of (about \d+ min|under a minute)'
                     r'</span>', board), board
    _, frag = page(ctx, "/desk/KOS/queue")
    assert re.search(r'id="waiting-words">2 waiting in the library, 1 phone caller\. '
                     r'<span id="estimate">Someone arriving now would wait (about \d+ '
                     r'minutes?|under a minute)\.</span>', frag), frag
    assert "newcomer" not in frag and " min<" not in frag.split("<h3>")[0]
    assert made[2]["ticket"].startswith("P")
    drain(ctx)
