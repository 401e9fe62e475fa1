"""CS-ALT and CS-REFER over the API: a request closes as not fulfilled only after an
alternative was offered and it reached Headquarters; as customer declined once the customer
refused every alternative and the referral; as customer left at any time. And migration 13,
which let the table take those outcomes, keeps every request, alternative and event."""
import os
import time

import harness
from harness import Db, Server, expect_error

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "store",
                      "schema")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    for code, name in (("KOS", "Kosciusko"), ("CAR", "Carthage"), ("DUR", "Durant")):
        db.cli("branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("kos.staff", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.vol", "volunteer", "KOS"), ("car.staff", "staff", "CAR"),
                                ("dur.vol", "volunteer", "DUR"),
                                ("hq", "branch_services_coordinator", "HQ")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login, branch in [("kos.staff", "KOS"), ("kos.manager", "KOS"), ("kos.vol", "KOS"),
                          ("car.staff", "CAR"), ("dur.vol", "DUR")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    log = ctx["srv"].output()
    assert ctx["srv"].stop() < 3
    # CS-CONFIDENTIAL: a reference question's text never reaches the log.
    assert ctx.get("secret", "bankruptcy") not in log


def new(ctx, who="kos.staff", branch="KOS", kind="material", text="The new Grisham", **extra):
    status, body = ctx["srv"].api("POST", "/api/v1/requests", {
        "branch": branch, "kind": kind, "text": text, **extra}, token=ctx[who])
    assert status == 201, body
    return body


def do(ctx, rid, what, who="kos.staff", body=None):
    return ctx["srv"].api("POST", f"/api/v1/requests/{rid}/{what}", body or {}, token=ctx[who])


def avenues(error):
    return sorted(a["avenue"] for a in error["avenues_not_tried"])


def test_bad_requests_are_refused_naming_the_field(ctx):
    srv, t = ctx["srv"], ctx["kos.staff"]
    expect_error(srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "gossip",
                                                       "text": "x"}, token=t), 422, field="kind")
    expect_error(srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "material"},
                         token=t), 422, field="text")
    expect_error(srv.api("POST", "/api/v1/requests", {"branch": "NOPE", "kind": "material",
                                                       "text": "x"}, token=t), 404,
                 field="branch")
    # Another branch's records are not this desk's to touch (CS-SCOPE).
    expect_error(srv.api("POST", "/api/v1/requests", {"branch": "CAR", "kind": "material",
                                                       "text": "x"}, token=t), 403,
                 rule="CS-SCOPE")


def test_a_new_request_is_held_by_whoever_took_it(ctx):
    r = new(ctx)
    assert r["status"] == "open" and r["level"] == "desk"
    assert r["holder"]["login"] == "kos.staff" and r["held_by"] == "Kos Staff"
    assert [h["action"] for h in r["history"]] == ["created"]
    assert r["text_retain_until"] is None  # only reference questions are purged
    ctx["r"] = r["id"]


def test_not_fulfilled_without_an_alternative_is_refused(ctx):
    e = expect_error(do(ctx, ctx["r"], "close", body={"outcome": "not_fulfilled"}), 409,
                     "policy", rule="CS-ALT")
    assert avenues(e) == ["offer_alternative", "refer"]


def test_an_alternative_alone_is_not_enough(ctx):
    status, r = do(ctx, ctx["r"], "alternatives", body={"kind": "interlibrary_loan",
                                                         "note": "from Jackson"})
    assert status == 200 and r["alternatives"][0]["accepted"] is None, r
    e = expect_error(do(ctx, ctx["r"], "close", body={"outcome": "not_fulfilled"}), 409,
                     "policy", rule="CS-ALT")
    assert avenues(e) == ["refer"]
    expect_error(do(ctx, ctx["r"], "close", body={"outcome": "alternative_accepted"}), 409,
                 rule="CS-ALT")
    expect_error(do(ctx, ctx["r"], "alternatives", body={"kind": "magic"}), 422, field="kind")


def test_first_referral_goes_to_the_branch_manager_on_duty(ctx):
    status, r = do(ctx, ctx["r"], "escalate", body={"note": "I can find out!"})
    assert status == 200, r
    assert r["level"] == "branch" and r["holder"]["login"] == "kos.manager", r
    assert r["history"][-1]["action"] == "referred"
    assert "Kos Manager (Branch Manager)" in r["history"][-1]["detail"]
    # The manager finds it in her open requests; it has left the staff member's.
    _, mine = ctx["srv"].api("GET", "/api/v1/requests", token=ctx["kos.manager"])
    assert ctx["r"] in [x["id"] for x in mine["requests"]]
    _, mine = ctx["srv"].api("GET", "/api/v1/requests", token=ctx["kos.staff"])
    assert ctx["r"] not in [x["id"] for x in mine["requests"]]
    expect_error(do(ctx, ctx["r"], "escalate"), 409)  # no longer the staff member's


def test_the_checklist_counts_the_referral_to_the_person_in_charge(ctx):
    """Referred to the branch manager, the request's checklist says so and asks only for the
    step left (Headquarters), not "Refer it up" again."""
    _, r = ctx["srv"].api("GET", f"/api/v1/requests/{ctx['r']}", token=ctx["kos.manager"])
    assert [a["avenue"] for a in r["avenues_by_outcome"]["not_fulfilled"]] == ["refer_on"], r
    status, page = ctx["srv"].api("GET", f"/requests/{ctx['r']}", token=ctx["kos.manager"])
    assert status == 200
    assert "Not yet: Refer it up" not in page, page
    assert "Done: referred up to Kos Manager." in page
    assert "Not yet: Refer it on to Headquarters" in page
    # And the way back to the branch's desk, by the branch's name.
    assert '<a class="back" href="/desk/KOS">Back to the Kosciusko desk</a>' in page


def test_second_referral_goes_to_headquarters(ctx):
    status, r = do(ctx, ctx["r"], "escalate", who="kos.manager")
    assert status == 200 and r["level"] == "headquarters" and r["holder"] is None, r
    assert r["held_by"] == "Headquarters"
    expect_error(do(ctx, ctx["r"], "close", who="kos.manager",
                    body={"outcome": "not_fulfilled"}), 409)
    expect_error(do(ctx, ctx["r"], "escalate", who="hq"), 409)  # nowhere higher


def test_headquarters_may_then_close_it_not_fulfilled(ctx):
    _, mine = ctx["srv"].api("GET", "/api/v1/requests", token=ctx["hq"])
    assert ctx["r"] in [x["id"] for x in mine["requests"]]
    status, r = do(ctx, ctx["r"], "close", who="hq", body={"outcome": "not_fulfilled",
                                                           "note": "out of print"})
    assert status == 200 and r["status"] == "closed" and r["outcome"] == "not_fulfilled", r
    assert r["history"][-1]["by"] == "hq"
    expect_error(do(ctx, ctx["r"], "close", who="hq", body={"outcome": "fulfilled"}), 409)


def test_one_declined_offer_does_not_close_a_request_not_fulfilled(ctx):
    r = new(ctx)
    status, r = do(ctx, r["id"], "alternatives", body={"kind": "electronic_resource",
                                                       "accepted": False})
    assert status == 200, r
    e = expect_error(do(ctx, r["id"], "close", body={"outcome": "not_fulfilled"}), 409,
                     "policy", rule="CS-ALT")
    assert avenues(e) == ["refer"] and "Headquarters" in e["message"], e
    assert "not_fulfilled" not in e["message"]  # plain words
    _, r = ctx["srv"].api("GET", f"/api/v1/requests/{r['id']}", token=ctx["kos.staff"])
    assert r["status"] == "open" and r["outcome"] is None
    # What each outcome still needs, said for each.
    by = {o: sorted(a["avenue"] for a in left) for o, left in r["avenues_by_outcome"].items()}
    assert by == {"fulfilled": [], "alternative_accepted": ["offer_alternative"],
                  "not_fulfilled": ["refer"], "customer_declined": ["offer_referral"],
                  "customer_left": []}, by
    assert all(a["advice"] for left in r["avenues_by_outcome"].values() for a in left)


def test_a_request_closes_as_customer_declined_after_every_avenue_and_the_referral_were_refused(
        ctx):
    r = new(ctx)
    note = {"outcome": "customer_declined", "note": "wants the print edition only"}
    e = expect_error(do(ctx, r["id"], "close", body=note), 409, "policy", rule="CS-ALT")
    assert avenues(e) == ["offer_alternative", "offer_referral"]
    do(ctx, r["id"], "alternatives", body={"kind": "electronic_resource", "accepted": False})
    e = expect_error(do(ctx, r["id"], "close", body=note), 409, "policy", rule="CS-ALT")
    assert avenues(e) == ["offer_referral"] and "referral" in e["message"], e
    status, r2 = do(ctx, r["id"], "alternatives", body={"kind": "referral",
                                                        "note": "Jackson-Hinds library"})
    e = expect_error(do(ctx, r["id"], "close", body=note), 409, "policy", rule="CS-ALT")
    assert avenues(e) == ["ask_customer"]
    referral = r2["alternatives"][1]["id"]
    assert do(ctx, r["id"], f"alternatives/{referral}/answer", body={"accepted": False})[0] == 200
    # Every avenue refused: customer declined, with a note of what they said; still not
    # "not fulfilled", which needs Headquarters.
    expect_error(do(ctx, r["id"], "close", body={"outcome": "customer_declined"}), 422,
                 field="note")
    expect_error(do(ctx, r["id"], "close", body={"outcome": "customer_declined", "note": ""}),
                 422, field="note")
    expect_error(do(ctx, r["id"], "close", body={"outcome": "not_fulfilled"}), 409,
                 rule="CS-ALT")
    _, still = ctx["srv"].api("GET", f"/api/v1/requests/{r['id']}", token=ctx["kos.staff"])
    assert still["status"] == "open" and still["history"][-1]["action"] != "closed"
    status, r = do(ctx, r["id"], "close", body=note)
    assert status == 200 and r["status"] == "closed", r
    assert r["outcome"] == "customer_declined" and r["close_note"] == note["note"], r
    assert r["history"][-1]["detail"] == "Customer declined"


def test_an_accepted_offer_is_not_customer_declined(ctx):
    r = new(ctx)
    do(ctx, r["id"], "alternatives", body={"kind": "other_branch", "accepted": True})
    do(ctx, r["id"], "alternatives", body={"kind": "referral", "accepted": False})
    e = expect_error(do(ctx, r["id"], "close", body={"outcome": "customer_declined",
                                                      "note": "x"}), 409, rule="CS-ALT")
    assert "alternative accepted" in e["message"], e


def backdate(ctx, rid, seconds):
    """As though that much time had passed since everything that happened to the request."""
    ctx["db"].execute(f"UPDATE request SET created_at = created_at - {seconds} WHERE id = {rid}")
    ctx["db"].execute(f"UPDATE request_event SET at = at - {seconds} WHERE request_id = {rid}")


def test_a_customer_who_left_closes_the_request_and_stops_its_reminders(ctx):
    left = new(ctx, text="A book on beekeeping")
    still_open = new(ctx, text="A book on bee stings")
    # Nothing tried: a customer who walked away before an answer closes it all the same.
    status, r = do(ctx, left["id"], "close", body={"outcome": "customer_left"})
    assert status == 200 and r["status"] == "closed" and r["outcome"] == "customer_left", r
    assert r["close_note"] is None and r["history"][-1]["detail"] == "Customer left"
    # Untouched for longer than a reminder waits (8 open hours): the open one is reminded,
    # the closed one is not.
    for rid in (left["id"], still_open["id"]):
        backdate(ctx, rid, 9 * 3600)
    assert ctx["db"].cli("remind").out.startswith("1 reminder")
    for rid, reminded in ((left["id"], False), (still_open["id"], True)):
        _, r = ctx["srv"].api("GET", f"/api/v1/requests/{rid}", token=ctx["kos.staff"])
        assert any(h["action"] == "reminded" for h in r["history"]) is reminded, r["history"]
    assert ctx["db"].cli("remind").out.startswith("0 reminders")
    _, mine = ctx["srv"].api("GET", "/api/v1/requests", token=ctx["kos.staff"])
    assert left["id"] not in [x["id"] for x in mine["requests"]]
    expect_error(do(ctx, left["id"], "close", body={"outcome": "fulfilled"}), 409)
    assert do(ctx, still_open["id"], "close", body={"outcome": "fulfilled"})[0] == 200


def test_alternative_accepted_needs_an_accepted_alternative(ctx):
    r = new(ctx)
    _, r = do(ctx, r["id"], "alternatives", body={"kind": "purchase_suggestion"})
    expect_error(do(ctx, r["id"], "close", body={"outcome": "alternative_accepted"}), 409,
                 rule="CS-ALT")
    do(ctx, r["id"], f"alternatives/{r['alternatives'][0]['id']}/answer",
       body={"accepted": True})
    status, r = do(ctx, r["id"], "close", body={"outcome": "alternative_accepted"})
    assert status == 200 and r["outcome"] == "alternative_accepted"


def test_fulfilled_any_time_and_unknown_outcomes(ctx):
    r = new(ctx)
    e = expect_error(do(ctx, r["id"], "close", body={"outcome": "gave_up"}), 422,
                     field="outcome")
    assert "customer_declined" in e["message"] and "customer_left" in e["message"]
    status, r = do(ctx, r["id"], "close", body={"outcome": "fulfilled"})
    assert status == 200 and r["outcome"] == "fulfilled"
    expect_error(ctx["srv"].api("GET", "/api/v1/requests/999999", token=ctx["kos.staff"]), 404)


def test_with_nobody_in_charge_the_first_referral_goes_to_headquarters(ctx):
    r = new(ctx, who="dur.vol", branch="DUR")
    status, r = do(ctx, r["id"], "escalate", who="dur.vol")
    assert status == 200 and r["level"] == "headquarters", r


def test_the_person_in_charge_refers_her_own_request_straight_to_hq(ctx):
    r = new(ctx, who="kos.manager")
    status, r = do(ctx, r["id"], "escalate", who="kos.manager")
    assert r["level"] == "headquarters", r


def test_reference_questions_are_confidential(ctx):
    r = new(ctx, kind="reference", text="books on bankruptcy law")
    assert r["text"] == "books on bankruptcy law"
    assert r["text_retain_until"] is not None  # purged after the retention period
    status, seen = ctx["srv"].api("GET", f"/api/v1/requests/{r['id']}", token=ctx["kos.vol"])
    assert status == 200 and seen["text"] is None and seen["text_hidden"] is True, seen
    # Another branch's staff do not see it at all (CS-SCOPE).
    expect_error(ctx["srv"].api("GET", f"/api/v1/requests/{r['id']}", token=ctx["car.staff"]),
                 403, rule="CS-SCOPE")
    for who in ("kos.manager", "hq", "kos.staff"):
        _, seen = ctx["srv"].api("GET", f"/api/v1/requests/{r['id']}", token=ctx[who])
        assert seen["text"] == "books on bankruptcy law", who
    _, listed = ctx["srv"].api("GET", "/api/v1/requests?branch=KOS", token=ctx["kos.vol"])
    assert "bankruptcy" not in str(listed)
    # Nor does it reach the server's log (checked when the server stops).
    ctx["secret"] = "bankruptcy"


def test_branch_list_shows_open_requests_with_their_age(ctx):
    time.sleep(1.1)
    status, body = ctx["srv"].api("GET", "/api/v1/requests?branch=KOS", token=ctx["kos.staff"])
    assert status == 200
    assert body["requests"] and all(x["status"] == "open" for x in body["requests"])
    assert all(x["age_s"] >= 1 for x in body["requests"])


def test_a_request_from_a_visit_carries_its_customer(ctx):
    srv = ctx["srv"]
    srv.api("POST", "/api/v1/customers", {"card": "21170000100041", "name": "Bobby Nance"},
            token=ctx["kos.staff"])
    _, v = srv.api("POST", "/api/v1/branches/KOS/visits",
                   {"channel": "in_person", "customer_card": "21170000100041"},
                   token=ctx["kos.staff"])
    r = new(ctx, visit=v["id"], kind="meeting_room", text="Room for Saturday")
    assert r["visit"] == v["id"] and r["customer"]["name"] == "Bobby Nance", r
    _, cv = srv.api("POST", "/api/v1/branches/CAR/visits", {"channel": "phone"},
                    token=ctx["car.staff"])
    expect_error(srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "other",
                                                       "text": "x", "visit": cv["id"]},
                         token=ctx["kos.staff"]), 422, field="visit")


def old_database():
    """A database as frontdesk made it before migration 13: migrations 1 to 12 run by hand,
    with a branch, staff, and requests with their alternatives and history."""
    db = Db()
    db.script("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "applied_at BIGINT NOT NULL)")
    folder = os.path.join(SCHEMA, harness.BACKEND)
    for name in sorted(os.listdir(folder)):
        if int(name[:3]) < 13:
            with open(os.path.join(folder, name)) as f:
                db.script(f.read())
            db.execute(f"INSERT INTO schema_migration VALUES ({int(name[:3])}, '{name}', 0)")
    # The branch row as schema 12 holds it: `branch add` writes columns added since.
    db.execute("INSERT INTO branch (code, name, time_zone, hours, created_at) VALUES ('KOS', "
               "'Kosciusko', 'America/Chicago', 'mon-sun 00:00-24:00', 0)")
    kos = db.sql("SELECT id FROM branch WHERE code = 'KOS'")[0][0]
    # The staff row as schema 12 holds it: today's program reads columns added since.
    db.execute("INSERT INTO staff (login, name, role, branch_id, service_start, created_at) "
               f"VALUES ('kos.staff', 'Kos Staff', 'staff', {kos}, '2020-01-01', 0)")
    staff = db.sql("SELECT id FROM staff WHERE login = 'kos.staff'")[0][0]
    t = int(time.time()) - 3600
    db.script(f"""
INSERT INTO request (id, branch_id, kind, text, text_retain_until, status, level, holder_id,
  created_by, created_at, outcome, closed_at, closed_by, close_note, reminded_level,
  reminded_at) VALUES
 (1, {kos}, 'material', 'A cookbook', NULL, 'open', 'desk', {staff}, {staff}, {t}, NULL, NULL,
  NULL, NULL, 1, {t + 60}),
 (2, {kos}, 'reference', 'books on bankruptcy law', {t + 86400}, 'closed', 'headquarters',
  NULL, {staff}, {t + 1}, 'not_fulfilled', {t + 90}, {staff}, 'out of print', 0, NULL),
 (3, {kos}, 'computer', 'Printer jammed', NULL, 'closed', 'branch', {staff}, {staff}, {t + 2},
  'fulfilled', {t + 30}, {staff}, '', 0, NULL),
 (4, {kos}, 'meeting_room', 'Room for Saturday', NULL, 'closed', 'desk', {staff}, {staff},
  {t + 3}, 'alternative_accepted', {t + 40}, {staff}, NULL, 0, NULL);
INSERT INTO request_alternative (id, request_id, kind, note, accepted, offered_by, offered_at,
  answered_at) VALUES
 (1, 2, 'interlibrary_loan', 'from Jackson', 0, {staff}, {t + 10}, {t + 20}),
 (2, 2, 'referral', '', NULL, {staff}, {t + 11}, NULL),
 (3, 4, 'other_branch', 'Carthage', 1, {staff}, {t + 12}, {t + 13});
INSERT INTO request_event (id, request_id, at, staff_id, action, detail) VALUES
 (1, 1, {t}, {staff}, 'created', 'material'),
 (2, 2, {t + 1}, {staff}, 'created', 'reference'),
 (3, 2, {t + 90}, {staff}, 'closed', 'not_fulfilled'),
 (4, 4, {t + 40}, NULL, 'reminded', 'reminder 1 of 3 to Kos Staff');
""")
    return db


def request_schema_and_rows(db):
    """Everything migration 13 must keep: the rows, the columns, the indexes and the foreign
    keys of request and of the tables that refer to it."""
    tables = ("request", "request_alternative", "request_event")
    names = ", ".join(f"'{t}'" for t in tables)
    got = {t: db.sql(f"SELECT * FROM {t} ORDER BY id") for t in tables}
    if harness.BACKEND == "sqlite":
        got["indexes"] = db.sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = "
                                f"'index' AND tbl_name IN ({names}) ORDER BY name")
        for t in tables:
            got["columns " + t] = db.sql(f"SELECT * FROM pragma_table_xinfo('{t}')")
            got["keys " + t] = db.sql(f"SELECT * FROM pragma_foreign_key_list('{t}')")
    else:
        got["indexes"] = db.sql("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE "
                                f"tablename IN ({names}) ORDER BY indexname")
        got["columns"] = db.sql("SELECT table_name, column_name, data_type, is_nullable, "
                                "column_default FROM information_schema.columns WHERE "
                                f"table_name IN ({names}) ORDER BY table_name, "
                                "ordinal_position")
        got["keys"] = db.sql("SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) "
                             "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::"
                             f"text IN ({names}) ORDER BY 1, 2")
    return got


def refused(db, statement):
    try:
        db.execute(statement)
    except Exception:
        return True
    return False


def test_an_old_database_migrates_with_every_request_row_and_index_intact(ctx):
    db = old_database()
    before = request_schema_and_rows(db)
    assert len(before["request"]) == 4 and len(before["request_alternative"]) == 3
    assert len(before["request_event"]) == 4 and len(before["indexes"]) >= 6, before
    assert refused(db, "UPDATE request SET outcome = 'customer_left' WHERE id = 1")
    out = db.cli("init").out
    assert "migrations applied" in out, out  # 013, and those after it
    after = request_schema_and_rows(db)
    # A later migration (36) widened the report's index on (branch_id, created_at) into one
    # that also holds what the report counts: every other index is as it was.
    names = [i[0] for i in after["indexes"]]
    assert "request_report" in names and "request_branch_created" not in names, names
    for got in (before, after):
        got["indexes"] = [i for i in got["indexes"]
                          if i[0] not in ("request_branch_created", "request_report")]
    for what in before:
        assert after[what] == before[what], (what, before[what], after[what])
    if harness.BACKEND == "sqlite":
        assert db.sql("PRAGMA foreign_key_check") == []
        assert db.sql("PRAGMA integrity_check") == [["ok"]]
    # The new outcomes are taken now, and nothing else is.
    db.execute("UPDATE request SET outcome = 'customer_left', status = 'closed' WHERE id = 1")
    db.execute("UPDATE request SET outcome = 'customer_declined' WHERE id = 3")
    assert refused(db, "UPDATE request SET outcome = 'gave_up' WHERE id = 4")
    assert db.cli("init").out.startswith("database schema already up to date")
    import json
    report = json.loads(db.cli("report", "service", "--branch", "KOS").out)
    assert report["requests_by_outcome"] == {
        "open": 0, "fulfilled": 0, "alternative_accepted": 1, "not_fulfilled": 1,
        "customer_declined": 1, "customer_left": 1}, report["requests_by_outcome"]


def test_a_migration_that_would_leave_a_broken_reference_changes_nothing(ctx):
    if harness.BACKEND != "sqlite":
        return  # PostgreSQL checks every reference as it is made
    db = old_database()
    # A row referring to no request, slipped in behind the program's back.
    db.execute("INSERT INTO request_event (request_id, at, action) VALUES (99, 0, 'created')")
    before = db.snapshot()
    result = db.cli("init", expect=1)
    assert "request_event" in result.err and "nothing was changed" in result.err, result.err
    assert db.snapshot() == before
    assert db.sql("SELECT max(version) FROM schema_migration") == [["12"]]


def test_a_database_with_nothing_to_migrate_opens_whatever_its_rows_refer_to(ctx):
    if harness.BACKEND != "sqlite":
        return  # PostgreSQL checks every reference as it is made
    db = Db()
    db.cli("init")
    # The same stray row as above, in a database already up to date: init has nothing to do
    # and is not the place to judge the rows.
    db.execute("INSERT INTO request_event (request_id, at, action) VALUES (99, 0, 'created')")
    assert "up to date" in db.cli("init").out
