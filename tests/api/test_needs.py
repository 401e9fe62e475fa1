""""Needs you": what waits for each person, counted by kind and only for the roles a kind
applies to; a request referred up, a handover, becoming the person in charge, a call for the
person in charge and Headquarters' inbox each reach the right person and no other branch."""
import re
import time
from datetime import datetime, timedelta, timezone

from harness import Db, Server


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "SHT", "--name", "Shut Library", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch, start in [
            ("kos.staff", "staff", "KOS", None), ("kos.al", "assistant_librarian", "KOS", None),
            ("kos.manager", "branch_manager", "KOS", "2015-01-01"),
            ("kos.vol", "volunteer", "KOS", None), ("sht.al", "assistant_librarian", "SHT", None),
            ("director", "executive_director", None, None)]:
        ctx[login] = db.add_user(login, role, branch, service_start=start)
    srv = ctx["srv"] = Server(db)
    for login, branch in [("kos.staff", "KOS"), ("kos.al", "KOS"), ("kos.vol", "KOS"),
                          ("sht.al", "SHT")]:
        assert srv.api("POST", "/api/v1/duty", {"branch": branch}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    ctx["srv"].stop()


def api(ctx, method, path, body=None, who="kos.staff"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def needs(ctx, who):
    status, n = api(ctx, "GET", "/api/v1/needs", who=who)
    assert status == 200, n
    return {k["kind"]: k for k in n["kinds"]}, n["total"]


def test_a_referred_request_needs_the_person_in_charge_and_nobody_else(ctx):
    status, r = api(ctx, "POST", "/api/v1/requests",
                    {"branch": "KOS", "kind": "material", "text": "a large-print atlas"})
    assert status == 201, r
    kinds, _ = needs(ctx, "kos.al")
    assert kinds["referred"]["count"] == 0
    status, e = api(ctx, "POST", f"/api/v1/requests/{r['id']}/escalate", {"note": "over me"})
    assert status == 200 and e["holder"]["login"] == "kos.al", e
    kinds, total = needs(ctx, "kos.al")
    assert kinds["referred"]["count"] == 1 and total >= 1
    item = kinds["referred"]["items"][0]
    assert item["id"] == r["id"] and item["branch"] == "KOS"
    assert "a large-print atlas" in item["text"]
    # Not the one who referred it, and not another branch's assistant librarian.
    assert needs(ctx, "kos.staff")[0]["referred"]["count"] == 0
    assert needs(ctx, "sht.al")[0]["referred"]["count"] == 0
    ctx["request"] = r["id"]


def test_the_badge_and_page_say_so_in_words(ctx):
    status, page = api(ctx, "GET", "/needs", who="kos.al")
    assert status == 200
    assert 'id="needs-badge"' in page and "thing" in page and "need" in page
    assert "Referred to you" in page and f'href="/requests/{ctx["request"]}"' in page
    assert "a large-print atlas" in page and "at Kosciusko" in page
    status, page = api(ctx, "GET", "/needs", who="sht.al")
    assert "Nothing needs you now" in page and 'aria-label="Needs you: nothing now"' in page
    # The desk page carries the panel at its top.
    status, desk = api(ctx, "GET", "/desk/KOS", who="kos.al")
    assert status == 200 and 'id="needs"' in desk and "a large-print atlas" in desk


def test_kinds_follow_the_role(ctx):
    kinds, _ = needs(ctx, "kos.vol")
    # A volunteer never takes a difficult case, so is never fetched nor in charge.
    assert "fetch" not in kinds and "in_charge" not in kinds and "draft" not in kinds
    assert "judgement" not in kinds and "handed" in kinds
    staff = needs(ctx, "kos.staff")[0]
    assert "fetch" in staff and "judgement" not in staff
    hq = needs(ctx, "director")[0]
    for k in ("judgement", "complaint", "incident_overdue", "hq_request"):
        assert k in hq, hq.keys()


def test_a_call_for_the_person_in_charge_reaches_that_branch_only(ctx):
    status, f = api(ctx, "POST", "/api/v1/branches/KOS/fetch",
                    {"about": "complaint", "note": "a man upset about fines"}, who="kos.vol")
    assert status == 201, f
    kinds, _ = needs(ctx, "kos.al")
    assert [i["id"] for i in kinds["fetch"]["items"]] == [f["id"]]
    assert "a man upset about fines" in kinds["fetch"]["items"][0]["text"]
    assert needs(ctx, "sht.al")[0]["fetch"]["count"] == 0
    # The call asks for the person in charge (the assistant librarian here): a member of staff
    # on duty beside her may come too, but it is not hers to hear as "asks for you".
    staff, _ = needs(ctx, "kos.staff")
    assert staff["fetch"]["count"] == 0 and staff["fetch"]["items"] == [], staff["fetch"]
    status, page = api(ctx, "GET", "/needs", who="kos.staff")
    assert "asks for you" not in page and badge_count(page) == needs(ctx, "kos.staff")[1]
    # Headquarters hears only of the calls that went to it, not this one.
    assert f["id"] not in [i["id"] for i in needs(ctx, "director")[0]["fetch"]["items"]]
    # The most urgent kinds come first: a call before referrals before waiting customers.
    status, n = api(ctx, "GET", "/api/v1/needs", who="kos.al")
    order = [k["kind"] for k in n["kinds"]]
    assert order.index("fetch") < order.index("referred") < order.index("waiting"), order
    status, page = api(ctx, "GET", "/needs", who="kos.al")
    assert page.index("Asking for the person in charge") < page.index("Referred to you")
    assert api(ctx, "POST", f"/api/v1/fetches/{f['id']}/answer", {}, who="kos.al")[0] == 200
    assert needs(ctx, "kos.al")[0]["fetch"]["count"] == 0


def test_the_one_left_in_charge_after_a_handover_is_told(ctx):
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"}, who="kos.manager")[0] == 200
    assert needs(ctx, "kos.al")[0]["in_charge"]["count"] == 0
    status, r = api(ctx, "POST", "/api/v1/requests",
                    {"branch": "KOS", "kind": "material", "text": "a map of 1890"},
                    who="kos.manager")
    assert status == 201, r
    status, off = api(ctx, "POST", "/api/v1/duty/off", {"note": "ring Mr Hale at 3"},
                      who="kos.manager")
    assert status == 200, off
    kinds, _ = needs(ctx, "kos.al")
    assert kinds["in_charge"]["count"] == 1
    assert "Kos Manager clocked off" in kinds["in_charge"]["items"][0]["text"]
    assert kinds["handed"]["count"] == 1
    assert "1 request" in kinds["handed"]["items"][0]["text"]
    assert "ring Mr Hale at 3" in kinds["handed"]["items"][0]["text"]
    # The staff member is not in charge, and another branch is told nothing.
    assert needs(ctx, "kos.staff")[0]["in_charge"]["count"] == 0
    assert needs(ctx, "sht.al")[0]["handed"]["count"] == 0


def test_headquarters_inbox_counts_what_awaits_it(ctx):
    body = {"branch": "KOS", "situation": "A man sleeping in the reading room at closing",
            "decision": "Let him stay until the police check on him", "hq_reachable": False}
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "KOS"}, who="kos.manager")[0] == 200
    status, j = api(ctx, "POST", "/api/v1/judgements", body, who="kos.manager")
    assert status == 201, j
    kinds, total = needs(ctx, "director")
    assert [i["id"] for i in kinds["judgement"]["items"]] == [j["id"]] and total >= 1
    # Branch staff do not see Headquarters' inbox.
    assert "judgement" not in needs(ctx, "kos.manager")[0]
    status, page = api(ctx, "GET", "/hq", who="director")
    assert status == 200 and "Judgement calls to acknowledge" in page
    assert "A man sleeping in the reading room" in page
    assert "No complaints are waiting for the Executive Director" in page
    status, page = api(ctx, "GET", "/needs", who="director")
    label = "Needs you: 1 thing" if total == 1 else f"Needs you: {total} things"
    assert f'aria-label="{label}"' in page, page


def test_a_customer_waiting_past_the_target_and_a_callback_need_the_desk(ctx):
    status, b = api(ctx, "POST", "/api/v1/branches", {
        "code": "FST", "name": "Fast Targets", "hours": "mon-sun 00:00-24:00",
        "ack_target_s": 5}, who="director")
    assert status == 201, b
    ctx["fst.staff"] = ctx["db"].add_user("fst.staff", "staff", "FST")
    assert api(ctx, "POST", "/api/v1/duty", {"branch": "FST"}, who="fst.staff")[0] == 200
    status, v = api(ctx, "POST", "/api/v1/branches/FST/visits", {"channel": "in_person"},
                    who="fst.staff")
    assert status == 201, v
    assert needs(ctx, "fst.staff")[0]["waiting"]["count"] == 0
    time.sleep(6)
    waiting = needs(ctx, "fst.staff")[0]["waiting"]
    assert [i["id"] for i in waiting["items"]] == [v["id"]], waiting
    # Named as the desk names the ticket, and linked to its row on the desk.
    assert waiting["items"][0]["text"].startswith("Walk-in A1, waiting"), waiting
    status, page = api(ctx, "GET", "/needs", who="fst.staff")
    assert f'href="/desk/FST#visit-{v["id"]}"' in page and "Ticket 1" not in page
    status, desk = api(ctx, "GET", "/desk/FST", who="fst.staff")
    assert f'id="visit-{v["id"]}"' in desk
    # Kosciusko's desk is not told of another branch's line.
    assert needs(ctx, "kos.al")[0]["waiting"]["count"] == 0
    status, call = api(ctx, "POST", "/api/v1/branches/FST/visits", {"channel": "phone"},
                       who="fst.staff")
    promised = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, cb = api(ctx, "POST", f"/api/v1/visits/{call['id']}/callback",
                     {"phone": "662-289-0101", "promised_at": promised}, who="fst.staff")
    assert status == 200, cb
    callbacks = needs(ctx, "fst.staff")[0]["callback"]
    assert [i["id"] for i in callbacks["items"]] == [call["id"]], callbacks
    assert "662-289-0101" in callbacks["items"][0]["text"]
    assert needs(ctx, "kos.al")[0]["callback"]["count"] == 0


def badge_count(page):
    """The number the header's "Needs you" badge shows (0 for "nothing now")."""
    m = re.search(r'id="needs-badge"[^>]*aria-label="Needs you: (\d+) things?"', page)
    if m:
        return int(m.group(1))
    assert 'aria-label="Needs you: nothing now"' in page, page[:2000]
    return 0


def test_the_badge_on_every_page_counts_what_needs_lists(ctx):
    # Something of most kinds is waiting by now; one more goes up to Headquarters.
    status, r = api(ctx, "POST", "/api/v1/requests",
                    {"branch": "KOS", "kind": "material", "text": "a county atlas"})
    assert status == 201, r
    for who in ("kos.staff", "kos.al"):
        status, e = api(ctx, "POST", f"/api/v1/requests/{r['id']}/escalate",
                        {"note": "higher"}, who=who)
        assert status == 200, e
    seen = {}
    for who in ("kos.staff", "kos.al", "kos.manager", "kos.vol", "sht.al", "director",
                "fst.staff"):
        _, total = needs(ctx, who)
        seen[who] = total
        # A plain page, the desk and the list itself show the same count as the API.
        for path in ("/handbook", "/requests", "/needs"):
            status, page = api(ctx, "GET", path, who=who)
            assert status == 200, (who, path)
            assert badge_count(page) == total, (who, path, total)
    # Counts that could pass by being none: the desk and Headquarters are waited for.
    assert seen["kos.al"] >= 1 and seen["fst.staff"] >= 2 and seen["director"] >= 1, seen
    # The desk's queue refresh is a fragment: no header, so no badge to count.
    status, part = api(ctx, "GET", "/desk/KOS/queue", who="kos.al")
    assert status == 200 and "needs-badge" not in part
