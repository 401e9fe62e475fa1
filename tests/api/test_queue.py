"""The desk queue over the API: CS-INPERSON, CS-EQUAL, CS-ACK, CS-NEWCUST, CS-PHONE,
CS-HOURS, CS-ROVE and CS-CONFIDENTIAL on the board; live events."""
import re
import threading
import time
from datetime import datetime, timedelta, timezone

import harness
from harness import Db, Server, expect_error

NAMES = ["Kos Staff", "Kos Desk", "Kos Manager", "Kos Vol", "Car Staff", "Loretta Pickens"]
CARD = "21170000100017"


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def setup():
    db = Db()
    db.cli("init")
    # Open every hour of every day, so that the tests do not depend on the clock.
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "CAR", "--name", "Carthage", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "NOH", "--name", "No Hours")
    # The desk's actions: ACT keeps a walk-in waiting, ACN a line that next can empty.
    for code in ("ACT", "ACN"):
        db.cli("branch", "add", code, "--name", "Actions " + code, "--hours",
               "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.staff", "staff", "KOS"), ("kos.desk", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.vol", "volunteer", "KOS"), ("car.staff", "staff", "CAR"),
                                ("admin", "branch_services_coordinator", "KOS"),
                                ("noh.staff", "staff", "NOH")] + [
                                (f"{code.lower()}.{who}", role, code) for code in ("ACT", "ACN")
                                for who, role in (("staff", "staff"), ("vol", "volunteer"),
                                                  ("off", "staff"))]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login, branch in [("kos.staff", "KOS"), ("kos.desk", "KOS"), ("kos.manager", "KOS"),
                          ("kos.vol", "KOS"), ("car.staff", "CAR"), ("noh.staff", "NOH"),
                          ("act.staff", "ACT"), ("act.vol", "ACT"), ("acn.staff", "ACN"),
                          ("acn.vol", "ACN")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def visit(ctx, channel, who="kos.staff", branch="KOS", **extra):
    status, body = ctx["srv"].api("POST", f"/api/v1/branches/{branch}/visits",
                                  {"channel": channel, **extra}, token=ctx[who])
    assert status == 201, body
    return body


def queue(ctx, branch="KOS", who="kos.staff"):
    status, body = ctx["srv"].api("GET", f"/api/v1/branches/{branch}/queue", token=ctx[who])
    assert status == 200, body
    return body


def act(ctx, visit_id, action, who="kos.staff", body=None):
    return ctx["srv"].api("POST", f"/api/v1/visits/{visit_id}/{action}", body or {},
                          token=ctx[who])


def nxt(ctx, branch="KOS", who="kos.staff"):
    return ctx["srv"].api("POST", f"/api/v1/branches/{branch}/next", {}, token=ctx[who])


def finish_mine(ctx, branch="KOS", who="kos.staff"):
    """Finishes whomever who is serving at branch: one customer at a time."""
    for v in queue(ctx, branch, who)["serving"]:
        if (v["served_by"] or {}).get("login") == who:
            assert act(ctx, v["id"], "finish", who)[0] == 200


def drain(ctx, branch="KOS", who="kos.staff"):
    """Serves and finishes everyone waiting, so that a test starts from an empty line."""
    finish_mine(ctx, branch, who)
    while True:
        status, body = nxt(ctx, branch, who)
        if status == 204:
            return
        assert status == 200, body
        assert act(ctx, body["id"], "finish", who)[0] == 200


def test_phone_caller_first_is_served_after_two_later_walk_ins(ctx):
    phone = visit(ctx, "phone")
    time.sleep(1.05)
    a = visit(ctx, "in_person")
    b = visit(ctx, "in_person")
    order = [v["id"] for v in queue(ctx)["waiting"]]
    assert order == [a["id"], b["id"], phone["id"]], order
    status, first = nxt(ctx)
    assert status == 200 and first["id"] == a["id"] and first["state"] == "serving", first
    assert first["started_at"] and first["served_by"]["login"] == "kos.staff"
    for v, then in ((a, b), (b, phone), (phone, None)):
        status, body = act(ctx, v["id"], "finish")
        assert status == 200 and body["state"] == "finished", body
        if then:
            assert nxt(ctx)[1]["id"] == then["id"]
    assert nxt(ctx)[0] == 204  # nothing waits


def test_one_customer_at_a_time(ctx):
    # Serve next, Serve and Back from hold are refused while the worker serves someone,
    # naming whom; a colleague at the next desk is not held up.
    a = visit(ctx, "in_person")
    b = visit(ctx, "in_person")
    call = visit(ctx, "phone")
    assert nxt(ctx)[1]["id"] == a["id"]
    e = expect_error(nxt(ctx), 409, "conflict")
    assert e["message"] == (f"You are serving {a['ticket']}: finish with them before you "
                            f"serve {b['ticket']}."), e
    e = expect_error(act(ctx, b["id"], "start"), 409, "conflict")
    assert a["ticket"] in e["message"], e
    assert [v["id"] for v in queue(ctx)["waiting"]][:1] == [b["id"]]  # nothing moved
    assert "start" not in {v["id"]: v["actions"] for v in queue(ctx)["waiting"]}[b["id"]]
    # The colleague serves b meanwhile.
    status, body = nxt(ctx, who="kos.desk")
    assert status == 200 and body["id"] == b["id"], body
    assert act(ctx, b["id"], "finish", "kos.desk")[0] == 200
    # Serving a caller: ask them to hold to serve someone else; back from hold is refused
    # while serving that someone.
    assert act(ctx, a["id"], "finish")[0] == 200
    assert nxt(ctx)[1]["id"] == call["id"]
    assert act(ctx, call["id"], "hold")[0] == 200
    time.sleep(1.05)  # the walk-in comes after the hold began
    walk = visit(ctx, "in_person")
    assert nxt(ctx)[1]["id"] == call["id"]  # the caller on hold is picked up first
    assert act(ctx, call["id"], "hold")[0] == 200
    assert act(ctx, walk["id"], "start")[0] == 200
    e = expect_error(act(ctx, call["id"], "resume"), 409, "conflict")
    assert e["message"].startswith(f"You are serving {walk['ticket']}"), e
    assert act(ctx, walk["id"], "finish")[0] == 200
    status, body = act(ctx, call["id"], "resume")
    assert status == 200 and body["state"] == "serving", body
    # A caller being served: the refusal says to ask them to hold.
    other = visit(ctx, "in_person")
    e = expect_error(act(ctx, other["id"], "start"), 409, "conflict")
    assert "ask the caller to hold" in e["message"] and call["ticket"] in e["message"], e
    drain(ctx)


def test_tickets_and_waits(ctx):
    v = visit(ctx, "in_person")
    assert v["ticket"] == f"A{v['number']}" and v["number"] >= 4
    p = visit(ctx, "phone")
    assert p["ticket"].startswith("P")
    assert v["wait_s"] >= 0 and v["arrived_at"].endswith("Z")
    drain(ctx)


def test_customer_data_cannot_change_the_order(ctx):
    # CS-EQUAL: a known customer with a card and a new-customer flag is still served in turn.
    status, _ = ctx["srv"].api("POST", "/api/v1/customers", {"card": CARD,
                               "name": "Loretta Pickens"}, token=ctx["kos.staff"])
    assert status == 201
    plain = visit(ctx, "in_person")
    known = visit(ctx, "in_person", customer_card=CARD, new_customer=True, note="VIP")
    assert known["customer"] == {"card": CARD, "name": "Loretta Pickens"}
    assert [v["id"] for v in queue(ctx)["waiting"]] == [plain["id"], known["id"]]
    ctx["known"] = known
    drain(ctx)


def test_unknown_channel_is_refused(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/KOS/visits", {"channel": "fax"},
                                token=ctx["kos.staff"]), 422, field="channel")
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/KOS/visits", {},
                                token=ctx["kos.staff"]), 422, field="channel")
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/KOS/visits",
                                {"channel": "in_person", "customer_card": "99999999"},
                                token=ctx["kos.staff"]), 404, field="customer_card")
    assert queue(ctx)["waiting"] == []  # nothing half-written


def test_a_caller_is_not_started_while_walk_ins_wait(ctx):
    walk = visit(ctx, "in_person")
    call = visit(ctx, "phone")
    expect_error(act(ctx, call["id"], "start"), 409, "policy", rule="CS-INPERSON")
    # Asked to hold (a renewal), then back from hold at the front of the phone line.
    later = visit(ctx, "phone")
    status, held = act(ctx, call["id"], "hold")
    assert status == 200 and held["state"] == "on_hold", held
    q = queue(ctx)
    assert [v["id"] for v in q["on_hold"]] == [call["id"]]
    assert [v["id"] for v in q["waiting"]] == [walk["id"], later["id"]]
    # Back from hold waits for the walk-in who was there first (CS-INPERSON).
    expect_error(act(ctx, call["id"], "resume"), 409, "policy", rule="CS-INPERSON")
    expect_error(act(ctx, walk["id"], "hold"), 409, "conflict")  # walk-ins are not held
    assert nxt(ctx)[1]["id"] == walk["id"]
    assert act(ctx, walk["id"], "finish")[0] == 200
    # Then the desk picks the phone up again: the caller is served, not sent to the line.
    status, back = act(ctx, call["id"], "resume")
    assert status == 200 and back["state"] == "serving", back
    assert back["served_by"]["login"] == "kos.staff"
    assert [v["id"] for v in queue(ctx)["waiting"]] == [later["id"]]
    drain(ctx)


def test_a_caller_on_hold_is_served_before_walk_ins_who_came_later(ctx):
    early = visit(ctx, "in_person")
    call = visit(ctx, "phone")
    status, held = act(ctx, call["id"], "hold")
    assert status == 200 and held["state"] == "on_hold", held
    time.sleep(1.05)  # the walk-ins below join the line after the hold began
    later = visit(ctx, "in_person")
    last = visit(ctx, "in_person")
    # CS-INPERSON: the walk-in present when the hold began comes first, and the desk says so.
    e = expect_error(act(ctx, call["id"], "resume"), 409, "policy", rule="CS-INPERSON")
    assert "put on hold" in e["message"] and "came later wait" in e["message"], e
    status, first = nxt(ctx)
    assert status == 200 and first["id"] == early["id"], first
    assert act(ctx, early["id"], "finish")[0] == 200
    # Then the caller, still on hold, before the walk-ins who came after the hold.
    status, second = nxt(ctx)
    assert status == 200 and second["id"] == call["id"] and second["state"] == "serving", second
    assert act(ctx, call["id"], "finish")[0] == 200
    for v in (later, last):
        assert nxt(ctx)[1]["id"] == v["id"]
        assert act(ctx, v["id"], "finish")[0] == 200
    assert nxt(ctx)[0] == 204


def test_a_caller_back_from_hold_keeps_the_place_the_hold_gave_them(ctx):
    early = visit(ctx, "in_person")
    never_held = visit(ctx, "phone")
    call = visit(ctx, "phone")
    assert act(ctx, call["id"], "hold")[0] == 200
    time.sleep(1.05)
    later = visit(ctx, "in_person")
    expect_error(act(ctx, call["id"], "resume"), 409, "policy", rule="CS-INPERSON")
    # A caller never held still waits behind every walk-in.
    expect_error(act(ctx, never_held["id"], "start"), 409, "policy", rule="CS-INPERSON")
    assert nxt(ctx)[1]["id"] == early["id"]
    assert act(ctx, early["id"], "finish")[0] == 200
    # Only a walk-in who came after the hold waits now: the caller is taken back.
    status, body = act(ctx, call["id"], "resume")
    assert status == 200 and body["state"] == "serving", body
    # Asked to hold again while being served: the first hold's place is kept, so the desk can
    # take the caller back at once, before the walk-in who came meanwhile (the tester's flow).
    status, body = act(ctx, call["id"], "hold")
    assert status == 200 and body["state"] == "on_hold" and "resume" in body["actions"], body
    status, body = act(ctx, call["id"], "resume")
    assert status == 200 and body["state"] == "serving", body
    assert act(ctx, call["id"], "finish")[0] == 200
    expect_error(act(ctx, never_held["id"], "start"), 409, "policy", rule="CS-INPERSON")
    drain(ctx)


def test_callbacks_become_overdue(ctx):
    past = visit(ctx, "phone")
    future = visit(ctx, "phone")
    now = datetime.now(timezone.utc)
    # Half a minute ago is within the minute's grace for the clocks: promised, and overdue.
    status, body = act(ctx, past["id"], "callback", body={
        "phone": "662-289-0101", "promised_at": iso(now - timedelta(seconds=30))})
    assert status == 200 and body["state"] == "callback", body
    assert body["callback"]["overdue"] is True
    status, body = act(ctx, future["id"], "callback", body={
        "phone": "662-289-0102", "promised_at": iso(now + timedelta(hours=1))})
    assert body["callback"]["overdue"] is False
    cbs = {v["id"]: v["callback"]["overdue"] for v in queue(ctx)["callbacks"]}
    assert cbs == {past["id"]: True, future["id"]: False}
    expect_error(act(ctx, future["id"], "callback", body={"phone": "x"}), 409)  # over already
    status, body = act(ctx, past["id"], "callback-done")
    assert status == 200 and body["state"] == "finished" and body["callback"]["done_at"]
    act(ctx, future["id"], "callback-done")
    assert queue(ctx)["callbacks"] == []


def test_a_callback_promised_in_the_past_is_refused(ctx):
    call = visit(ctx, "phone")
    now = datetime.now(timezone.utc)
    e = expect_error(act(ctx, call["id"], "callback", body={
        "phone": "662-289-0101", "promised_at": iso(now - timedelta(minutes=2))}), 422,
        field="promised_at")
    assert e["message"] == "That time has passed: promise a time still to come.", e
    # Nothing half-written: the caller still waits, with no callback.
    q = queue(ctx)
    assert call["id"] in [v["id"] for v in q["waiting"]] and q["callbacks"] == []
    assert [v["callback"] for v in q["waiting"] if v["id"] == call["id"]] == [None]
    # The desk page's form says the same.
    status, _, page = ctx["srv"].request(
        "POST", f"/desk/KOS/visits/{call['id']}/callback", "phone=662-289-0101&minutes=-5",
        {"Authorization": "Bearer " + ctx["kos.staff"],
         "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 422 and b"That time has passed" in page, (status, page[:300])
    status, _, page = ctx["srv"].request(
        "POST", f"/desk/KOS/visits/{call['id']}/callback", "phone=662-289-0101&minutes=soon",
        {"Authorization": "Bearer " + ctx["kos.staff"],
         "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 422 and b"within how many minutes" in page, (status, page[:300])
    assert queue(ctx)["callbacks"] == []
    status, body = act(ctx, call["id"], "callback", body={
        "phone": "662-289-0101", "promised_at": iso(now + timedelta(minutes=15))})
    assert status == 200 and body["state"] == "callback", body
    assert act(ctx, call["id"], "callback-done")[0] == 200


def test_callback_needs_a_number_and_a_time(ctx):
    call = visit(ctx, "phone")
    expect_error(act(ctx, call["id"], "callback", body={"promised_at": iso(
        datetime.now(timezone.utc))}), 422, field="phone")
    expect_error(act(ctx, call["id"], "callback", body={"phone": "662-289-0101",
                                                        "promised_at": "soon"}), 422,
                 field="promised_at")
    drain(ctx)


def test_illegal_moves_are_refused_clearly(ctx):
    v = visit(ctx, "in_person")
    e = expect_error(act(ctx, v["id"], "finish"), 409, "conflict")
    assert "start" in e["message"]
    expect_error(act(ctx, v["id"], "no-show"), 409)
    expect_error(act(ctx, 999999, "start"), 404)
    expect_error(act(ctx, v["id"], "dance"), 404)
    # A visit of another branch, and desk work by someone not on duty there.
    e = expect_error(act(ctx, v["id"], "start", who="car.staff"), 403, rule="CS-SCOPE")
    assert "another branch" in e["message"] and "Carthage" in e["message"]
    ctx["srv"].api("POST", "/api/v1/duty/off", {}, token=ctx["kos.desk"])
    e = expect_error(act(ctx, v["id"], "acknowledge", who="kos.desk"), 409)
    assert "clock on" in e["message"]
    ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["kos.desk"])
    drain(ctx)


def test_volunteers_serve_the_queue_but_do_not_read_cards(ctx):
    v = visit(ctx, "in_person", who="kos.vol")
    assert v["customer"] is None
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/KOS/visits",
                                {"channel": "in_person", "customer_card": CARD},
                                token=ctx["kos.vol"]), 403)
    # CS-CONFIDENTIAL: a card a colleague linked is not shown to a volunteer either.
    known = visit(ctx, "in_person", customer_card=CARD)
    seen = {w["id"]: w["customer"] for w in queue(ctx, who="kos.vol")["waiting"]}
    assert seen[known["id"]] is None
    status, _, page = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["kos.vol"]})
    assert status == 200 and CARD not in page.decode() and "Pickens" not in page.decode()
    seen = {w["id"]: w["customer"] for w in queue(ctx)["waiting"]}
    assert seen[known["id"]]["card"] == CARD  # staff see whom they serve
    drain(ctx)


def test_one_seconds_queue_answer_is_not_shared_between_who_may_and_may_not_see_cards(ctx):
    known = visit(ctx, "in_person", customer_card=CARD)
    for first, second in [("kos.staff", "kos.vol"), ("kos.vol", "kos.staff")] * 3:
        seen = {who: {w["id"]: w["customer"] for w in queue(ctx, who=who)["waiting"]}
                for who in (first, second)}
        assert seen["kos.vol"][known["id"]] is None, seen
        assert seen["kos.staff"][known["id"]]["card"] == CARD, seen
    # Every change shows in the next answer, though it comes in the same second.
    for _ in range(3):
        before = queue(ctx)
        v = visit(ctx, "in_person")
        after = queue(ctx)
        assert v["id"] in [w["id"] for w in after["waiting"]], (before, after)
        assert act(ctx, v["id"], "acknowledge")[0] == 200
        assert [w["acknowledged_at"] for w in queue(ctx)["waiting"] if w["id"] == v["id"]] != [
            None]
    drain(ctx)


def test_phone_visit_shows_the_greeting(ctx):
    p = visit(ctx, "phone", who="kos.manager")
    g = p["greeting"]
    assert g.startswith("Good ") and "Kosciusko" in g and "this is Kos." in g, g
    assert "greeting" not in visit(ctx, "in_person")
    drain(ctx)


def test_a_tour_can_be_given_to_any_customer(ctx):
    new = visit(ctx, "in_person", new_customer=True)
    assert new["new_customer"] is True
    # The tour is recorded while the customer is being served, not while they wait.
    e = expect_error(act(ctx, new["id"], "tour", body={"outcome": "given"}), 409, "conflict")
    assert "start the visit first" in e["message"] and "CS-NEWCUST" in e["message"], e
    assert act(ctx, new["id"], "start")[0] == 200
    status, body = act(ctx, new["id"], "tour", body={"outcome": "given"})
    assert status == 200 and body["tour"] == "given", body
    expect_error(act(ctx, new["id"], "tour", body={"outcome": "maybe"}), 422, field="outcome")
    # Given is the tour's last word.
    e = expect_error(act(ctx, new["id"], "tour", body={"outcome": "declined"}), 409, "conflict")
    assert "given the tour already" in e["message"] and "CS-NEWCUST" in e["message"], e
    assert act(ctx, new["id"], "finish")[0] == 200
    # CS-NEWCUST prompts a tour for new customers; it does not forbid one to anyone else.
    old = visit(ctx, "in_person")
    assert act(ctx, old["id"], "start")[0] == 200
    status, body = act(ctx, old["id"], "tour", body={"outcome": "offered"})
    assert status == 200 and body["tour"] == "offered" and body["new_customer"] is False, body
    # An offer may still be taken up or declined.
    assert "tour" in body["actions"], body
    status, body = act(ctx, old["id"], "tour", body={"outcome": "declined"})
    assert status == 200 and body["tour"] == "declined" and "tour" not in body["actions"], body
    assert act(ctx, old["id"], "finish")[0] == 200
    # Registered today counts as new without the flag.
    assert visit(ctx, "in_person", customer_card=CARD)["new_customer"] is True
    drain(ctx)


def test_a_visit_can_be_marked_new_afterwards(ctx):
    v = visit(ctx, "in_person")
    assert v["new_customer"] is False
    headers = {"Authorization": "Bearer " + ctx["kos.staff"]}
    _, _, frag = ctx["srv"].request("GET", "/desk/KOS/queue", headers=headers)
    assert f'id="v{v["id"]}-new"'.encode() in frag  # the desk's "Mark as a new customer" button
    status, body = act(ctx, v["id"], "new")
    assert status == 200 and body["new_customer"] is True and body["id"] == v["id"], body
    assert body["state"] == "waiting"
    # Pressed twice: refused as acknowledging twice is, and the visit stays new.
    e = expect_error(act(ctx, v["id"], "new"), 409, "conflict")
    assert "new already" in e["message"], e
    _, _, frag = ctx["srv"].request("GET", "/desk/KOS/queue", headers=headers)
    assert f'id="v{v["id"]}-new"'.encode() not in frag
    assert b"New customer</strong>" in frag  # the CS-NEWCUST prompt
    # Served and finished today: still the desk's to mark.
    done = visit(ctx, "in_person")
    finish_mine(ctx)
    status, body = nxt(ctx)
    assert body["id"] == v["id"], body
    status, body = ctx["srv"].request(
        "POST", f"/desk/KOS/visits/{done['id']}/new", "",
        {**headers, "Content-Type": "application/x-www-form-urlencoded"})[:2]
    assert status == 303, status
    assert [w["new_customer"] for w in queue(ctx)["waiting"] if w["id"] == done["id"]] == [True]
    assert act(ctx, v["id"], "finish")[0] == 200
    later = visit(ctx, "in_person")
    assert act(ctx, later["id"], "start")[0] == 200
    assert act(ctx, later["id"], "finish")[0] == 200
    status, body = act(ctx, later["id"], "new")
    assert status == 200 and body["state"] == "finished" and body["new_customer"] is True
    # A visit of an earlier day is not.
    ctx["db"].execute(f"UPDATE visit SET local_day = '2000-01-01' WHERE id = {v['id']}")
    e = expect_error(act(ctx, v["id"], "new"), 409, "conflict")
    assert "earlier day" in e["message"]
    expect_error(act(ctx, 999999, "new"), 404)
    drain(ctx)


def test_ack_overdue_and_no_show_with_return_to_place(ctx):
    srv = ctx["srv"]
    status, _ = srv.api("POST", "/api/v1/branches", {
        "code": "FST", "name": "Fast Targets", "hours": "mon-sun 00:00-24:00",
        "ack_target_s": 5, "no_show_after_s": 10}, token=ctx["admin"])
    assert status == 201
    srv.api("POST", "/api/v1/duty", {"branch": "FST"}, token=ctx["kos.desk"])
    first = visit(ctx, "in_person", who="kos.desk", branch="FST")
    second = visit(ctx, "in_person", who="kos.desk", branch="FST")
    third = visit(ctx, "in_person", who="kos.desk", branch="FST")
    status, called = nxt(ctx, "FST", "kos.desk")
    assert called["id"] == first["id"]
    e = expect_error(act(ctx, first["id"], "no-show", who="kos.desk"), 409)
    assert "time" in e["message"]
    status, _ = act(ctx, third["id"], "acknowledge", who="kos.desk")
    assert status == 200
    assert all(not v["ack_overdue"] for v in queue(ctx, "FST", "kos.desk")["waiting"])
    time.sleep(10.5)
    flags = {v["id"]: v["ack_overdue"] for v in queue(ctx, "FST", "kos.desk")["waiting"]}
    assert flags == {second["id"]: True, third["id"]: False}, flags
    status, body = act(ctx, first["id"], "no-show", who="kos.desk")
    assert status == 200 and body["state"] == "no_show", body
    assert [v["id"] for v in queue(ctx, "FST", "kos.desk")["no_shows"]] == [first["id"]]
    status, body = act(ctx, first["id"], "return", who="kos.desk")
    assert status == 200 and body["state"] == "waiting"
    waiting = [v["id"] for v in queue(ctx, "FST", "kos.desk")["waiting"]]
    assert waiting == [first["id"], second["id"], third["id"]], waiting
    drain(ctx, "FST", "kos.desk")
    srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["kos.desk"])


def test_opening_log_counts_late_openings(ctx):
    status, body = ctx["srv"].api("POST", "/api/v1/branches/KOS/open", {},
                                  token=ctx["kos.manager"])
    assert status == 201, body
    # Advertised from midnight: any opening now is late (unless it is exactly midnight).
    assert body["by"]["login"] == "kos.manager" and body["late_s"] >= 0
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/KOS/open", {},
                                token=ctx["kos.staff"]), 409)
    # A branch with no hours is closed today: opening it is confirmed (CS-HOURS).
    expect_error(ctx["srv"].api("POST", "/api/v1/branches/NOH/open", {},
                                token=ctx["noh.staff"]), 422, field="outside_hours")
    status, body = ctx["srv"].api("POST", "/api/v1/branches/NOH/open", {"outside_hours": True},
                                  token=ctx["noh.staff"])
    assert status == 201 and body["late_s"] is None and body["late"] is False
    assert queue(ctx)["today"]["opened"]["by"]["login"] == "kos.manager"


def test_roving_help_counts(ctx):
    for n in (1, 2):
        status, body = ctx["srv"].api("POST", "/api/v1/branches/KOS/roving", {},
                                      token=ctx["kos.vol"])
        assert status == 201 and body["roving_helps_today"] == n
    assert queue(ctx)["today"]["roving_helps"] == 2
    assert queue(ctx)["today"]["served"] >= 3


def test_board_shows_tickets_never_names(ctx):
    a = visit(ctx, "in_person", customer_card=CARD, note="Loretta Pickens' holds")
    b = visit(ctx, "in_person")
    nxt(ctx)
    status, headers, body = ctx["srv"].request("GET", "/board/KOS")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert a["ticket"] in page and b["ticket"] in page
    for name in NAMES + [CARD, "Pickens"]:
        assert name not in page, f"{name} is on the board"
    assert 'id="waiting-count">1<' in page
    assert ctx["srv"].request("GET", "/board/NOPE")[0] == 404
    drain(ctx)


def read_event(resp, deadline):
    """The next 'event: queue' data line from an open event stream, or None."""
    event = None
    while time.monotonic() < deadline:
        line = resp.readline().decode()
        if not line:
            return None
        if line.startswith("event: "):
            event = line[7:].strip()
        elif line.startswith("data: ") and event == "queue":
            return line[6:].strip()
    return None


def open_stream(srv, token, branch="KOS"):
    conn = srv.connection()
    conn.request("GET", f"/api/v1/branches/{branch}/events",
                 headers={"Authorization": "Bearer " + token})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Content-Type"] == "text/event-stream"
    assert resp.readline().startswith(b"retry:")
    conn.sock.settimeout(5)
    return conn, resp


def test_event_stream_delivers_a_new_visit_within_a_second(ctx):
    import json
    conn, resp = open_stream(ctx["srv"], ctx["kos.desk"])
    try:
        start = time.monotonic()
        v = visit(ctx, "in_person")
        event = None
        # Changes made just before the stream opened may still be on their way: skip them.
        while event is None or event["visit"] != v["id"]:
            data = read_event(resp, start + 5)
            assert data, "no event arrived"
            event = json.loads(data)
        took = time.monotonic() - start
        assert event["kind"] == "visit.created" and event["branch"] == "KOS"
        assert took < 1.0, f"the event took {took:.2f} s"
    finally:
        conn.close()
    drain(ctx)


def test_a_new_visit_is_announced_at_its_commit_to_every_listening_node(ctx):
    """PostgreSQL: the other nodes' streams wake on the NOTIFY sent with each queue event,
    its payload the event's id (SQLite's nodes poll for new events instead)."""
    import subprocess
    if harness.BACKEND != "postgresql":
        return
    node = subprocess.Popen(["psql", "-X", "-Atq", "-v", "ON_ERROR_STOP=1", ctx["db"].url],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        node.stdin.write("LISTEN frontdesk_queue;\nSELECT 'listening';\n")
        node.stdin.flush()
        assert node.stdout.readline().strip() == "listening"
        v = visit(ctx, "in_person")
        # psql shows the notices that came in when it runs its next command.
        out = node.communicate("SELECT 'after';\n", timeout=10)[0]
    finally:
        node.kill()
        node.wait()
    event = ctx["db"].sql(f"SELECT id FROM queue_event WHERE visit_id = {v['id']} "
                          "AND kind = 'visit.created'")[0][0]
    assert f'notification "frontdesk_queue" with payload "{event}" received' in out, out
    drain(ctx)


def test_event_stream_is_per_branch_and_needs_a_login(ctx):
    import json
    expect_error(ctx["srv"].api("GET", "/api/v1/branches/KOS/events"), 401)
    expect_error(ctx["srv"].api("GET", "/api/v1/branches/NOPE/events", token=ctx["kos.staff"]),
                 404)
    conn, resp = open_stream(ctx["srv"], ctx["car.staff"], "CAR")
    try:
        visit(ctx, "in_person")  # at KOS: not for CAR's listeners
        c = visit(ctx, "in_person", who="car.staff", branch="CAR")
        deadline = time.monotonic() + 5
        event = {}
        while event.get("visit") != c["id"]:
            data = read_event(resp, deadline)
            assert data, "no event arrived"
            event = json.loads(data)
            assert event["branch"] == "CAR", event
    finally:
        conn.close()
    drain(ctx)
    drain(ctx, "CAR", "car.staff")


def test_a_listener_leaving_leaves_the_others_of_its_branch_and_others_listening(ctx):
    # The hub keeps listeners by branch: one closing must take only itself out of its branch's
    # list, and each branch's event still reaches that branch's remaining listeners alone.
    import json
    srv = ctx["srv"]
    gone = open_stream(srv, ctx["kos.staff"])
    kos = open_stream(srv, ctx["kos.desk"])
    car = open_stream(srv, ctx["car.staff"], "CAR")
    try:
        gone[0].close()
        time.sleep(0.3)  # the server notices the closed stream at its next write at the latest
        k = visit(ctx, "in_person")
        c = visit(ctx, "in_person", who="car.staff", branch="CAR")
        for (conn, resp), want, branch in ((kos, k, "KOS"), (car, c, "CAR")):
            deadline = time.monotonic() + 5
            event = {}
            while event.get("visit") != want["id"]:
                data = read_event(resp, deadline)
                assert data, f"{branch}'s listener missed its branch's event"
                event = json.loads(data)
                assert event["branch"] == branch, event
    finally:
        for conn, _ in (kos, car):
            conn.close()
    drain(ctx)
    drain(ctx, "CAR", "car.staff")


def test_many_listeners_do_not_hold_threads(ctx):
    # More listeners than the server has threads (2), and it still answers.
    streams = [open_stream(ctx["srv"], ctx["kos.staff"]) for _ in range(8)]
    try:
        status, _ = ctx["srv"].api("GET", "/healthz")
        assert status == 200
        v = visit(ctx, "in_person")
        for conn, resp in streams:
            assert read_event(resp, time.monotonic() + 5), "a listener missed the event"
    finally:
        for conn, _ in streams:
            conn.close()
    drain(ctx)


# The desk's actions: every visit lists the moves the policy allows its reader now
# ("actions"); each of them succeeds and every other is refused, and the desk page draws
# exactly those. ACT keeps a walk-in waiting; ACN has a line that next can empty. Each has a
# staff member and a volunteer on duty, and a staff member who is not ("off").
DESK_ACTIONS = ["acknowledge", "start", "finish", "hold", "resume", "callback", "callback-done",
                "no-show", "return", "tour", "new", "renewal"]
PARTS = ("waiting", "serving", "on_hold", "callbacks", "no_shows")


def staff(branch, who="staff"):
    return f"{branch.lower()}.{who}"


def action_body(action):
    if action == "callback":
        return {"phone": "662-555-0199",
                "promised_at": iso(datetime.now(timezone.utc) + timedelta(hours=1))}
    return {"outcome": "offered"} if action == "tour" else {}


def listed(ctx, branch, who):
    """{visit id: its actions} in the branch's queue, as who reads it."""
    q = queue(ctx, branch, staff(branch, who))
    return {v["id"]: v["actions"] for part in PARTS for v in q[part]}


def actions_of(ctx, visit_id, branch, who="staff"):
    return listed(ctx, branch, who).get(visit_id)


def on(ctx, branch, channel, **extra):
    return visit(ctx, channel, staff(branch), branch, **extra)["id"]


def do(ctx, visit_id, branch, action):
    status, body = act(ctx, visit_id, action, staff(branch), action_body(action))
    assert status == 200, (action, body)
    return body


def called(ctx):
    """At ACN, its line emptied first: a walk-in called with next a moment ago."""
    drain(ctx, "ACN", staff("ACN"))
    v = on(ctx, "ACN", "in_person")
    status, body = nxt(ctx, "ACN", staff("ACN"))
    assert status == 200 and body["id"] == v, body
    return v, "ACN"


def called_long_ago(ctx):
    visit_id, branch = called(ctx)
    ctx["db"].execute(f"UPDATE visit SET called_at = called_at - 3600 WHERE id = {visit_id}")
    # A write, so that no queue answer made before the change is served again.
    assert ctx["srv"].api("POST", f"/api/v1/branches/{branch}/roving", {},
                          token=ctx[staff(branch)])[0] == 201
    return visit_id, branch


def phone_alone(ctx):
    drain(ctx, "ACN", staff("ACN"))
    return on(ctx, "ACN", "phone"), "ACN"


def phone_served(ctx):
    visit_id, branch = phone_alone(ctx)
    finish_mine(ctx, branch, staff(branch))
    do(ctx, visit_id, branch, "start")
    return visit_id, branch


def on_hold(ctx):
    v = on(ctx, "ACT", "phone")
    do(ctx, v, "ACT", "hold")
    return v, "ACT"


def served_by_hand(ctx):
    finish_mine(ctx, "ACT", staff("ACT"))
    v = on(ctx, "ACT", "in_person")
    do(ctx, v, "ACT", "start")
    return v, "ACT"


def no_show(ctx):
    visit_id, branch = called_long_ago(ctx)
    do(ctx, visit_id, branch, "no-show")
    return visit_id, branch


def callback(ctx):
    v = on(ctx, "ACT", "phone")
    do(ctx, v, "ACT", "callback")
    return v, "ACT"


def free(ctx):
    """ACT's and ACN's staff member serves nobody: one customer at a time."""
    for branch in ("ACT", "ACN"):
        finish_mine(ctx, branch, staff(branch))


def toured(outcome):
    """A walk-in being served whose tour was recorded as outcome."""
    def make(ctx):
        v, branch = served_by_hand(ctx)
        assert act(ctx, v, "tour", staff(branch), {"outcome": outcome})[0] == 200
        return v, branch
    return make


# Each state of a visit, how to bring one about, and the moves a staff member on duty has.
STATES = [
    ("a walk-in waiting", lambda ctx: (on(ctx, "ACT", "in_person"), "ACT"),
     ["acknowledge", "start", "new"]),
    ("a new customer waiting: the tour once they are served",
     lambda ctx: (on(ctx, "ACT", "in_person", new_customer=True), "ACT"),
     ["acknowledge", "start"]),
    ("a phone caller with a walk-in ahead (CS-INPERSON: not Serve)",
     lambda ctx: (on(ctx, "ACT", "phone"), "ACT"),
     ["acknowledge", "hold", "callback", "new", "renewal"]),
    ("a phone caller with nobody in the library ahead", phone_alone,
     ["acknowledge", "start", "hold", "callback", "new", "renewal"]),
    ("a caller on hold since before a walk-in's turn", on_hold,
     ["callback", "new", "renewal"]),
    ("served, called with next a moment ago: not Did not come yet", called,
     ["finish", "tour", "new"]),
    ("served, called with next an hour ago", called_long_ago,
     ["finish", "no-show", "tour", "new"]),
    ("served, not called with next: never Did not come", served_by_hand,
     ["finish", "tour", "new"]),
    ("served, offered a tour: it may still be given or declined", toured("offered"),
     ["finish", "tour", "new"]),
    ("served, given the tour: no second tour", toured("given"), ["finish", "new"]),
    ("a phone caller being served: no tour, no Did not come", phone_served,
     ["finish", "hold", "callback", "new", "renewal"]),
    ("a no-show", no_show, ["return"]),
    ("a callback promised: marked new once talked with", callback, ["callback-done"]),
]


def test_each_visit_lists_exactly_the_moves_that_succeed(ctx):
    # A walk-in keeps waiting at ACT throughout: the phone callers there come after her.
    on(ctx, "ACT", "in_person")
    for what, make, allowed in STATES:
        free(ctx)
        visit_id, branch = make(ctx)
        assert actions_of(ctx, visit_id, branch) == allowed, what
        # Every desk action on a visit in this state: those listed succeed, no other does.
        for action in DESK_ACTIONS:
            free(ctx)
            visit_id, branch = make(ctx)
            status, body = act(ctx, visit_id, action, staff(branch), action_body(action))
            if action in allowed:
                assert status == 200, (what, action, body)
                # The answer to a move lists the moves after it, as the queue does.
                now = actions_of(ctx, visit_id, branch)
                assert now is None or body["actions"] == now, (what, action, body)
            else:
                assert status == 409, (what, action, status, body)
    drain(ctx, "ACN", staff("ACN"))


def test_a_new_visit_and_next_answer_with_their_actions(ctx):
    drain(ctx, "ACN", staff("ACN"))
    walk_in = visit(ctx, "in_person", staff("ACN"), "ACN")
    phone = visit(ctx, "phone", staff("ACN"), "ACN")
    assert walk_in["actions"] == ["acknowledge", "start", "new"], walk_in
    assert phone["actions"] == ["acknowledge", "hold", "callback", "new", "renewal"], phone
    assert phone["actions"] == actions_of(ctx, phone["id"], "ACN")
    status, body = nxt(ctx, "ACN", staff("ACN"))
    assert body["id"] == walk_in["id"] and body["actions"] == ["finish", "tour", "new"], body
    # The walk-in is being served: nobody in the library waits before the caller now, but
    # the one serving finishes with the walk-in first (one customer at a time).
    assert "start" not in actions_of(ctx, phone["id"], "ACN")
    assert act(ctx, walk_in["id"], "finish", staff("ACN"))[0] == 200
    assert "start" in actions_of(ctx, phone["id"], "ACN")
    drain(ctx, "ACN", staff("ACN"))


def test_a_volunteer_has_the_moves_of_staff_and_nobody_off_duty_has_any(ctx):
    made = [make(ctx) for _, make, _ in STATES]
    free(ctx)  # staff serving nobody, as the volunteers: the same moves
    for who in ("staff", "vol", "off", "staff", "off", "vol"):
        for branch in ("ACT", "ACN"):
            mine = {v: a for v, a in listed(ctx, branch, who).items()
                    if (v, branch) in made}
            # ACN's line was emptied between, and whom staff served was finished
            assert len(mine) >= (3 if branch == "ACT" else 1), (who, branch, mine)
            # Volunteers and pages work the queue (the matrix) as staff do; someone not
            # clocked on at the branch works none of its visits.
            want = {v: [] if who == "off" else a for v, a in listed(ctx, branch, "staff").items()
                    if (v, branch) in made}
            assert mine == want, (who, branch)
    for action in DESK_ACTIONS:
        visit_id, branch = made[0]
        e = expect_error(act(ctx, visit_id, action, staff(branch, "off"), action_body(action)),
                         409)
        assert "clock on" in e["message"], e
    drain(ctx, "ACN", staff("ACN"))


def page_actions(page, branch):
    """{visit id: the desk actions its forms post} from a desk's queue fragment."""
    return {int(v): re.findall(rf'action="/desk/{branch}/visits/{v}/([a-z-]+)"', item)
            for v, item in re.findall(r'<li class="visit[^"]*" id="visit-(\d+)">(.*?)</li>',
                                      page, re.S)}


def fragment(ctx, branch, who="staff"):
    status, _, frag = ctx["srv"].request(
        "GET", f"/desk/{branch}/queue",
        headers={"Authorization": "Bearer " + ctx[staff(branch, who)]})
    assert status == 200
    return frag.decode()


def test_the_desk_page_draws_exactly_the_visits_actions(ctx):
    for _, make, _ in STATES:
        make(ctx)
    for who in ("staff", "vol", "off"):
        for branch in ("ACT", "ACN"):
            drawn = page_actions(fragment(ctx, branch, who), branch)
            assert drawn == listed(ctx, branch, who), (who, branch)
            assert any(drawn.values()) == (who != "off"), (who, branch)
    drain(ctx, "ACN", staff("ACN"))


def test_the_page_no_longer_offers_what_the_policy_refuses(ctx):
    phone, _ = STATES[2][1](ctx)
    by_hand, _ = served_by_hand(ctx)
    just_called, _ = called(ctx)
    page = fragment(ctx, "ACT")
    drawn = page_actions(page, "ACT")
    # No Serve for a phone caller while a walk-in waits; the row says why instead.
    assert "start" not in drawn[phone] and f'id="v{phone}-start"' not in page
    assert re.search(rf'id="v{phone}-turn">After the \d+ customers? waiting in the library: '
                     r'ask the caller to hold, or offer a callback \(CS-INPERSON\)', page), page
    # Serving someone by hand: Serve waits until they are finished, and the row says whom.
    assert re.search(rf'id="v{phone}-busy">Serve once you have finished with A\d+<', page)
    # No "Did not come" for someone being served who was not called with next.
    assert "no-show" not in drawn[by_hand] and f'id="v{by_hand}-no-show' not in page
    # Called with next a moment ago: not yet, and the page says so.
    page = fragment(ctx, "ACN")
    assert "no-show" not in page_actions(page, "ACN")[just_called]
    assert f'id="v{just_called}-no-show-later"' in page
    drain(ctx, "ACN", staff("ACN"))


def test_the_page_offers_a_tour_while_serving_and_new_only_to_someone_talked_with(ctx):
    waiting = on(ctx, "ACT", "in_person", new_customer=True)
    served, _ = served_by_hand(ctx)
    promised, _ = callback(ctx)
    page = fragment(ctx, "ACT")
    drawn = page_actions(page, "ACT")
    # CS-NEWCUST: a tour is recorded while the customer is being served, not while they wait.
    assert "tour" not in drawn[waiting] and f'id="tour{waiting}"' not in page
    assert "tour" in drawn[served]
    # The outcomes are the API's, in plain words.
    options = re.search(rf'<select id="tour{served}" name="outcome">(.*?)</select>', page)
    assert options, page
    assert re.findall(r'<option value="([a-z]+)">([^<]+)</option>', options.group(1)) == [
        ("offered", "Offered a tour"), ("given", "Given the tour"),
        ("declined", "Declined the tour")], options.group(1)
    # A caller promised a callback is marked new while someone talks with them, not before.
    assert "new" not in drawn[promised] and f'id="v{promised}-new"' not in page
    e = expect_error(act(ctx, promised, "new", staff("ACT")), 409, "conflict")
    assert "while you are talking with them" in e["message"], e
    # The page's own form records the tour; given, it is not offered again.
    status = ctx["srv"].request(
        "POST", f"/desk/ACT/visits/{served}/tour", "outcome=given",
        {"Authorization": "Bearer " + ctx[staff("ACT")],
         "Content-Type": "application/x-www-form-urlencoded"})[0]
    assert status == 303, status
    page = fragment(ctx, "ACT")
    assert "tour" not in page_actions(page, "ACT")[served] and f'id="tour{served}"' not in page
    e = expect_error(act(ctx, served, "tour", staff("ACT"), {"outcome": "declined"}), 409)
    assert "given the tour already" in e["message"], e


def kos_fragment(ctx, who="kos.staff"):
    status, _, frag = ctx["srv"].request("GET", "/desk/KOS/queue",
                                         headers={"Authorization": "Bearer " + ctx[who]})
    assert status == 200
    return frag.decode()


def test_the_desk_says_whom_next_takes_and_why_a_caller_is_or_is_not_next(ctx):
    # The tester's walk: a caller asked to hold while the desk finished with the customer in
    # the library; walk-ins came meanwhile.
    drain(ctx)
    drain(ctx, who="kos.desk")
    first = visit(ctx, "in_person")
    assert nxt(ctx)[1]["id"] == first["id"]
    call = visit(ctx, "phone")
    frag = kos_fragment(ctx, "kos.desk")
    assert f'id="v{call["id"]}-turn"' not in frag  # nobody in the library waits before it
    assert act(ctx, call["id"], "hold")[0] == 200
    time.sleep(1.05)
    a2, a3 = visit(ctx, "in_person"), visit(ctx, "in_person")
    frag = kos_fragment(ctx)
    # Serve next names whom it takes, and why it is not the first walk-in listed.
    assert f'id="next" class="primary big" accesskey="n">Serve next: {call["ticket"]}<' in frag
    assert re.search(rf'id="next-why">{call["ticket"]} is on hold and is taken first: the '
                     r'caller was asked to hold before the customers now waiting in the '
                     r'library came \(CS-INPERSON\)', frag), frag
    assert re.search(rf'id="v{call["id"]}-turn">Picked up next: asked to hold before the 2 '
                     r'customers waiting in the library came', frag), frag
    # While the desk still serves the first customer: Back from hold waits for that, and the
    # row says so.
    assert re.search(rf'id="v{call["id"]}-busy">Serve once you have finished with '
                     rf'{first["ticket"]}<', frag), frag
    assert act(ctx, first["id"], "finish")[0] == 200
    status, back = act(ctx, call["id"], "resume")
    assert status == 200 and back["state"] == "serving", back
    # Asked to hold once more, then back: served again at once, never below the walk-ins.
    assert act(ctx, call["id"], "hold")[0] == 200
    frag = kos_fragment(ctx)
    assert f'Serve next: {call["ticket"]}<' in frag
    assert "Not yet acknowledged" not in frag.split(f'id="visit-{call["id"]}"')[1].split("</li>")[0]
    status, back = act(ctx, call["id"], "resume")
    assert status == 200 and back["state"] == "serving", back
    assert act(ctx, call["id"], "finish")[0] == 200
    frag = kos_fragment(ctx)
    assert f'Serve next: {a2["ticket"]}<' in frag and 'id="next-why"' not in frag
    # A caller never held, with walk-ins waiting: the row says they come first.
    later = visit(ctx, "phone")
    frag = kos_fragment(ctx)
    assert re.search(rf'id="v{later["id"]}-turn">After the 2 customers waiting in the library: '
                     r'ask the caller to hold, or offer a callback \(CS-INPERSON\)', frag), frag
    assert a3["ticket"].startswith("A")
    drain(ctx)


def test_a_caller_is_offered_only_what_applies_to_a_caller(ctx):
    drain(ctx)
    call = visit(ctx, "phone", new_customer=True)
    frag = kos_fragment(ctx)
    row = frag.split(f'id="visit-{call["id"]}"')[1].split("</li>")[0]
    assert '<label for="cb%d">Number to call</label>' % call["id"] in row, row
    status, served = nxt(ctx)
    assert served["id"] == call["id"]
    ctx["db"].execute(f"UPDATE visit SET called_at = called_at - 3600 WHERE id = {call['id']}")
    visit(ctx, "in_person")  # a write, so that no cached answer is served again
    status, body = act(ctx, call["id"], "new")
    frag = kos_fragment(ctx)
    row = frag.split(f'id="visit-{call["id"]}"')[1].split("</li>")[0]
    # A caller is on the line: not "Did not come", and no tour of a building they are not in.
    assert "no-show" not in row and 'class="inline tour"' not in row, row
    e = expect_error(act(ctx, call["id"], "no-show"), 409, "conflict")
    assert "on the line" in e["message"], e
    e = expect_error(act(ctx, call["id"], "tour", body={"outcome": "given"}), 409, "conflict")
    assert "not to a caller" in e["message"], e
    # The tag and the button read differently.
    walk = visit(ctx, "in_person")
    frag = kos_fragment(ctx)
    row = frag.split(f'id="visit-{walk["id"]}"')[1].split("</li>")[0]
    assert ">Mark as a new customer</button>" in row and "flag new" not in row, row
    drain(ctx)


def test_finished_today_counts_those_finished(ctx):
    drain(ctx)
    count = lambda: int(re.search(r'id="finished-today">Finished today: (\d+)<', ctx["srv"].request(
        "GET", "/desk/KOS", headers={"Authorization": "Bearer " + ctx["kos.staff"]})[2].decode())
        .group(1))
    before = count()
    assert before == queue(ctx)["today"]["served"]
    v = visit(ctx, "in_person")
    assert nxt(ctx)[1]["id"] == v["id"]
    assert count() == before  # being served is not finished yet
    assert act(ctx, v["id"], "finish")[0] == 200
    assert count() == before + 1


# Each request thread remembers a bearer token's staff and the queue's stamp while the
# database is unchanged (store_memo.c). A change made behind the server's back, by another
# process, must show in the very next read on every thread: a read that answered from memory
# would keep the old moves and the old view.
def test_a_duty_or_role_changed_by_another_process_shows_in_the_next_queue_read(ctx):
    db, srv = ctx["db"], ctx["srv"]
    status, _ = srv.api("POST", "/api/v1/customers", {"card": CARD, "name": "Loretta Pickens"},
                        token=ctx["car.staff"])
    assert status in (201, 409)
    v = visit(ctx, "in_person", who="car.staff", branch="CAR", customer_card=CARD)

    def seen():
        return {w["id"]: w for w in queue(ctx, "CAR", "car.staff")["waiting"]}[v["id"]]
    for _ in range(6):  # every thread has read it, and remembers
        assert "start" in seen()["actions"] and seen()["customer"]["card"] == CARD
    db.execute("UPDATE duty SET off_at = on_at WHERE off_at IS NULL AND staff_id = "
               "(SELECT id FROM staff WHERE login = 'car.staff')")
    for _ in range(6):  # off duty: no moves at the branch
        assert seen()["actions"] == []
    assert srv.api("POST", "/api/v1/duty", {"branch": "CAR"}, token=ctx["car.staff"])[0] == 200
    for _ in range(6):
        assert "start" in seen()["actions"]
    # CS-CONFIDENTIAL: made a volunteer, the same token no longer reads the card.
    db.cli("user", "set", "car.staff", "--role", "volunteer")
    try:
        for _ in range(6):
            assert seen()["customer"] is None
    finally:
        db.cli("user", "set", "car.staff", "--role", "staff")
    assert seen()["customer"]["card"] == CARD
    drain(ctx, "CAR", "car.staff")
