"""Nothing falls through the cracks: clocking off while holding work shows the
list first and hands it to the person in charge with a note; requests left untouched remind
their holder, then the person in charge, then Headquarters, in open hours only; a shift left
open after closing is ended and handed over."""
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

CHICAGO = ZoneInfo("America/Chicago")
CONFIG = "[reminders]\nrequest_untouched_hours = 1\n"


def local_date(days=0):
    return (datetime.now(CHICAGO) + timedelta(days=days)).strftime("%Y-%m-%d")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "SHT", "--name", "Shut Library", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "EVE", "--name", "Evening Library", "--hours", "mon-sun 00:00-00:01")
    ctx = {"db": db, "smtp": SmtpSink()}
    for login, role, branch in [("kos.staff", "staff", "KOS"), ("kos.desk", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("sht.staff", "staff", "SHT"), ("eve.staff", "staff", "EVE"),
                                ("bsc", "branch_services_coordinator", "KOS")]:
        ctx[login] = db.add_user(login, role, branch, email=login + "@mmrls.example",
                                 service_start="2020-01-01" if login == "kos.manager" else None)
    srv = ctx["srv"] = Server(db, config=CONFIG, smtp=ctx["smtp"])
    for login, branch in [("kos.staff", "KOS"), ("kos.desk", "KOS"), ("kos.manager", "KOS"),
                          ("sht.staff", "SHT")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def api(ctx, method, path, body=None, who="kos.staff"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def new_request(ctx, who="kos.staff", branch="KOS"):
    status, r = api(ctx, "POST", "/api/v1/requests", {
        "branch": branch, "kind": "material", "text": "a large-print atlas"}, who)
    assert status == 201, r
    return r["id"]


def test_clocking_off_with_work_in_hand_shows_it_and_hands_it_over(ctx):
    rid = new_request(ctx)
    status, v = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "phone"})
    status, v = api(ctx, "POST", f"/api/v1/visits/{v['id']}/callback", {
        "phone": "662-289-0101",
        "promised_at": (datetime.now(timezone.utc) + timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")})
    assert status == 200, v
    status, held = api(ctx, "GET", "/api/v1/duty/held")
    assert status == 200 and held["on_duty"] is True
    assert [r["id"] for r in held["requests"]] == [rid]
    assert [c["id"] for c in held["callbacks"]] == [v["id"]]
    assert held["to"]["login"] == "kos.manager", held  # in charge once kos.staff goes
    # Without a note nothing changes: the list comes back with whom it would go to.
    e = expect_error(api(ctx, "POST", "/api/v1/duty/off", {}), 422, field="note")
    assert [r["id"] for r in e["held"]["requests"]] == [rid], e
    assert [c["id"] for c in e["held"]["callbacks"]] == [v["id"]], e
    assert e["to"]["login"] == "kos.manager", e
    assert "holds 1 open request and 1 promised callback: they pass to Kos Manager" in \
        e["message"], e
    assert api(ctx, "GET", "/api/v1/duty/held")[1]["on_duty"] is True
    # The desk's clock-off button shows the same list and asks for the note.
    status, _, page = ctx["srv"].request(
        "POST", "/desk/KOS/duty/off", "", {"Authorization": "Bearer " + ctx["kos.staff"],
                                          "Content-Type": "application/x-www-form-urlencoded"})
    page = page.decode()
    assert status == 422 and "Before you clock off" in page, (status, page)
    assert f"Request {rid}" in page and "Handover note for Kos Manager" in page, page
    assert api(ctx, "GET", "/api/v1/duty/held")[1]["on_duty"] is True
    status, body = api(ctx, "POST", "/api/v1/duty/off",
                       {"note": "the atlas is on order; ring Mrs Pickens back at 3"})
    assert status == 200 and body["on_duty"] is False, body
    assert body["to"]["login"] == "kos.manager"
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="kos.manager")
    assert r["holder"]["login"] == "kos.manager", r
    assert any(h["action"] == "handed_over" and "ring Mrs Pickens" in h["detail"]
               for h in r["history"]), r["history"]
    status, mine = api(ctx, "GET", "/api/v1/duty/held", who="kos.manager")
    assert rid in [q["id"] for q in mine["requests"]]
    assert v["id"] in [c["id"] for c in mine["callbacks"]]
    got = mine["received"][0]
    assert got["from"]["login"] == "kos.staff" and "ring Mrs Pickens" in got["note"], mine
    assert (got["requests"], got["callbacks"]) == (1, 1)
    status, _, page = ctx["srv"].request("GET", "/desk/KOS",
                                         headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    # Said once, in the "Needs you" panel, with the note: not again in a card of its own.
    desk = page.decode()
    needs = desk[desk.index('id="needs"'):]
    assert desk.count("Handed to you") == 1 and "Handed to you" in needs, desk
    assert desk.count("ring Mrs Pickens") == 1 and "ring Mrs Pickens" in needs, desk
    # Nothing is left with the one who went.
    status, gone = api(ctx, "GET", "/api/v1/duty/held")
    assert gone["requests"] == [] and gone["callbacks"] == [] and gone["on_duty"] is False
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"})[0] == 200


def test_closing_up_shows_everything_still_open_at_the_branch(ctx):
    status, walk_in = api(ctx, "POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"})
    assert status == 201, walk_in
    rid = new_request(ctx)
    status, report = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "category": "theft", "narrative": "A laptop went missing from a study carrel."})
    assert status == 201, report
    status, o = api(ctx, "GET", "/api/v1/branches/KOS/open-items", who="kos.desk")
    assert status == 200, o
    assert walk_in["id"] in [v["id"] for v in o["visits"]], o
    assert rid in [r["id"] for r in o["requests"]], o
    assert [i["id"] for i in o["incidents"]] == [report["id"]], o
    status, _ = api(ctx, "POST", f"/api/v1/visits/{walk_in['id']}/start")
    assert api(ctx, "POST", f"/api/v1/visits/{walk_in['id']}/finish")[0] == 200
    status, o = api(ctx, "GET", "/api/v1/branches/KOS/open-items", who="kos.desk")
    assert walk_in["id"] not in [v["id"] for v in o["visits"]], o


def test_the_last_one_out_hands_over_to_headquarters(ctx):
    rid = new_request(ctx, "sht.staff", "SHT")
    status, body = api(ctx, "POST", "/api/v1/duty/off", {"note": "nobody else is in"},
                       "sht.staff")
    assert status == 200 and body["to"] is None, body
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="bsc")
    assert r["level"] == "headquarters" and r["holder"] is None, r


def backdate(ctx, rid, seconds):
    """As though that much time had passed since everything that happened to the request."""
    ctx["db"].execute(f"UPDATE request SET created_at = created_at - {seconds}, reminded_at = "
                      f"reminded_at - {seconds} WHERE id = {rid}")
    ctx["db"].execute(f"UPDATE request_event SET at = at - {seconds} WHERE request_id = {rid}")


def remind(ctx):
    """One pass, with serve's own settings (an hour a reminder level)."""
    import os
    return ctx["db"].cli("--config", os.path.join(ctx["db"].dir, "serve.conf"), "remind").out


def reminders_to(ctx, rid, count):
    msgs = ctx["smtp"].wait_for(count + ctx.get("mail_before", 0))
    return [m["To"] for m in msgs if f"Request {rid} " in m["Subject"]]


def test_an_untouched_request_reminds_its_holder_then_the_person_in_charge_then_hq(ctx):
    ctx["mail_before"] = len(ctx["smtp"].messages())
    rid = new_request(ctx, "kos.desk")
    assert remind(ctx).startswith("0 reminders"), "touched just now"
    backdate(ctx, rid, 3700)  # one open hour untouched
    assert remind(ctx).startswith("1 reminder")
    assert remind(ctx).startswith("0 reminders"), "the same level is not sent twice"
    backdate(ctx, rid, 3600)
    assert remind(ctx).startswith("1 reminder")
    backdate(ctx, rid, 3600)
    assert remind(ctx).startswith("1 reminder")
    backdate(ctx, rid, 3600)
    assert remind(ctx).startswith("0 reminders"), "Headquarters is the last level"
    to = reminders_to(ctx, rid, 3)
    assert [t.split("<")[-1].rstrip(">") for t in to] == [
        "kos.desk@mmrls.example", "kos.manager@mmrls.example", "bsc@mmrls.example"], to
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="kos.manager")
    assert [h["detail"][:12] for h in r["history"] if h["action"] == "reminded"] == [
        "reminder 1 o", "reminder 2 o", "reminder 3 o"], r["history"]
    # A touch starts the clock again, from the first level.
    status, body = api(ctx, "POST", f"/api/v1/requests/{rid}/escalate", {"note": "over to you"},
                       "kos.desk")
    assert status == 200, body
    assert remind(ctx).startswith("0 reminders")
    backdate(ctx, rid, 3700)
    assert remind(ctx).startswith("1 reminder")
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="kos.manager")
    assert [h["detail"][:12] for h in r["history"] if h["action"] == "reminded"][-1] == \
        "reminder 1 o", r["history"]


def test_no_reminder_counts_or_goes_out_while_the_branch_is_closed(ctx):
    rid = new_request(ctx, "kos.desk")
    ctx["db"].execute(f"UPDATE request SET branch_id = (SELECT id FROM branch WHERE code = 'SHT')"
                      f" WHERE id = {rid}")
    for day in (local_date(-1), local_date()):
        assert ctx["db"].cli("branch", "close", "SHT", day, "--reason", "flooded").code == 0
    backdate(ctx, rid, 5 * 3600)
    assert remind(ctx).startswith("0 reminders")
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="bsc")
    assert r["age_s"] >= 5 * 3600 and r["open_age_s"] < 60, r  # closed since yesterday


def test_a_shift_left_open_after_closing_is_ended_and_handed_over(ctx):
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "EVE"}, "eve.staff")[0] == 200
    rid = new_request(ctx, "eve.staff", "EVE")
    # Clocked on two days ago at a branch open one minute a day: it has closed since.
    ctx["db"].execute("UPDATE duty SET on_at = on_at - 172800 WHERE off_at IS NULL AND staff_id"
                      " = (SELECT id FROM staff WHERE login = 'eve.staff')")
    out = remind(ctx)
    assert "1 shift closed" in out, out
    status, held = api(ctx, "GET", "/api/v1/duty/held", who="eve.staff")
    assert held["on_duty"] is False and held["requests"] == [], held
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="bsc")
    assert r["level"] == "headquarters", r
    assert "0 shifts closed" in remind(ctx)


def test_an_account_deactivated_leaves_nothing_held(ctx):
    token = ctx["db"].add_user("kos.temp", "staff", "KOS")
    ctx["kos.temp"] = token
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"}, "kos.temp")[0] == 200
    rid = new_request(ctx, "kos.temp")
    status, body = api(ctx, "POST", "/api/v1/users/kos.temp/deactivate", {}, "kos.manager")
    assert status == 200, body
    status, r = api(ctx, "GET", f"/api/v1/requests/{rid}", who="kos.manager")
    assert r["holder"]["login"] == "kos.manager", r
    assert any(h["action"] == "handed_over" and "deactivated" in h["detail"]
               for h in r["history"]), r["history"]
