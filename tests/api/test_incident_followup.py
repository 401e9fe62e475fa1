"""CS-INCIDENT after the signature: Headquarters (the Executive Director, the Business Manager,
the Branch Services Coordinator) reviews a signed report, gives follow-up tasks with an owner
and a due day, the owner marks hers done, and the report closes once they are; the HQ inbox and
"Needs you" show what awaits review and which tasks are due, and stop once they are dealt with."""
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from harness import Db, Server, SmtpSink, stop_server_and_mail, expect_error

ZONE = ZoneInfo("America/Chicago")


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    for code, name in (("KOS", "Kosciusko"), ("CAR", "Carthage")):
        db.cli("branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00",
               "--tz", "America/Chicago")
    ctx = {"db": db}
    for login, role, branch, email in [
            ("director", "executive_director", "HQ", "director@mmrls.example"),
            ("coordinator", "branch_services_coordinator", "HQ", "bsc@mmrls.example"),
            ("hq.staff", "hq_staff", "HQ", None),
            ("kos.staff", "staff", "KOS", None),
            ("kos.manager", "branch_manager", "KOS", "kos.manager@mmrls.example"),
            ("kos.vol", "volunteer", "KOS", None),
            ("car.manager", "branch_manager", "CAR", None)]:
        ctx[login] = db.add_user(login, role, branch, email=email)
    ctx["smtp"] = SmtpSink()
    srv = ctx["srv"] = Server(db, smtp=ctx["smtp"])
    for login in ("kos.staff", "kos.manager", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


teardown = stop_server_and_mail


def api(ctx, method, path, body=None, who="director"):
    return ctx["srv"].api(method, path, body, token=ctx[who])


def today(days=0):
    return (datetime.now(timezone.utc).astimezone(ZONE).date() + timedelta(days=days)).isoformat()


def a_report(ctx):
    """A theft at KOS by its staff member, told to Headquarters and signed."""
    now = datetime.now(timezone.utc).astimezone(ZONE)
    when = max(now - timedelta(minutes=5), now.replace(hour=0, minute=0, second=1))
    status, r = api(ctx, "POST", "/api/v1/incidents", {
        "branch": "KOS", "occurred_at": when.astimezone(timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ"), "category": "vandalism",
        "narrative": "The book return was pried open overnight."}, who="kos.staff")
    assert status == 201, r
    return r["id"]


def sign(ctx, iid):
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/hq-notified",
                    {"taken_by": "coordinator"}, who="kos.staff")
    assert status == 200, r
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/sign", {"typed_name": "Kos Staff"},
                    who="kos.staff")
    assert status == 200 and r["status"] == "signed", r
    return r


def needs(ctx, who):
    status, n = api(ctx, "GET", "/api/v1/needs", who=who)
    assert status == 200, n
    return {k["kind"]: k for k in n["kinds"]}


def test_a_draft_is_not_reviewed_and_takes_no_task(ctx):
    iid = ctx["draft"] = a_report(ctx)
    e = expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/review", {}), 409, "conflict")
    assert "draft" in e["message"], e
    expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/tasks", {
        "kind": "repair", "owner": "kos.manager", "due_on": today(1)}), 409, "conflict")
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert status == 200 and r["review"] is None and r["tasks"] == [] and r["closed"] is None


def test_a_signed_report_awaits_review_on_the_hq_inbox_and_in_needs(ctx):
    iid = ctx["r"] = a_report(ctx)
    sign(ctx, iid)
    kinds = needs(ctx, "director")
    assert iid in [i["id"] for i in kinds["incident_review"]["items"]], kinds
    status, n = api(ctx, "GET", "/api/v1/needs", who="director")
    # The header's badge counts the same (one read: needs_count).
    status, page = api(ctx, "GET", "/hq")
    assert status == 200 and "Reports awaiting review" in page
    assert f'href="/incidents/{iid}#follow-up"' in page and "Kosciusko, report" in page
    # HQ staff and branch people review nothing.
    assert "incident_review" not in needs(ctx, "hq.staff")
    assert "incident_review" not in needs(ctx, "kos.manager")


def test_only_the_three_hq_roles_review(ctx):
    iid = ctx["r"]
    for who in ("hq.staff", "kos.manager", "kos.staff"):
        expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/review", {}, who=who), 403)
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/review",
                    {"note": "Ask for the footage and fix the return."})
    assert status == 200, r
    assert r["review"]["by"]["login"] == "director" and r["review"]["note"].startswith("Ask")
    expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/review", {}), 409, "conflict")
    assert iid not in [i["id"] for i in needs(ctx, "director")["incident_review"]["items"]]


def test_a_task_names_an_owner_who_may_take_it_and_a_day_not_past(ctx):
    iid = ctx["r"]
    path = f"/api/v1/incidents/{iid}/tasks"
    expect_error(api(ctx, "POST", path, {"kind": "repair", "owner": "car.manager",
                                         "due_on": today(1)}), 422, field="owner")
    expect_error(api(ctx, "POST", path, {"kind": "repair", "owner": "kos.vol",
                                         "due_on": today(1)}), 422, field="owner")
    expect_error(api(ctx, "POST", path, {"kind": "repair", "owner": "kos.manager",
                                         "due_on": today(-1)}), 422, field="due_on")
    expect_error(api(ctx, "POST", path, {"kind": "paint", "owner": "kos.manager",
                                         "due_on": today(1)}), 422, field="kind")
    expect_error(api(ctx, "POST", path, {"kind": "repair", "owner": "kos.manager",
                                         "due_on": today()}, who="kos.manager"), 403)


def test_a_task_with_owner_and_due_day_is_emailed_to_its_owner(ctx):
    iid = ctx["r"]
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/tasks", {
        "kind": "repair", "description": "Replace the book return's lock",
        "owner": "kos.manager", "due_on": today()})
    assert status == 201, r
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/tasks", {
        "kind": "camera_footage", "owner": "coordinator", "due_on": today(7)})
    assert status == 201, r
    repair, footage = r["tasks"]
    assert repair["owner"]["login"] == "kos.manager" and repair["due_on"] == today()
    assert repair["kind"] == "repair" and repair["done"] is None
    assert footage["kind"] == "camera_footage" and footage["due_on"] == today(7)
    ctx["repair"], ctx["footage"] = repair["id"], footage["id"]
    mail = [m for m in ctx["smtp"].wait_for(4)
            if m["X-Rcpt-To"] == "kos.manager@mmrls.example" and "Follow-up task" in m["Subject"]]
    assert mail, [m["Subject"] for m in ctx["smtp"].messages()]
    # The report itself rides along as its PDF, as the signed report's own email has it.
    text = mail[0].get_payload()[0] if mail[0].is_multipart() else mail[0]
    body = text.get_payload(decode=True).decode()
    assert "Replace the book return's lock" in body and f"/incidents/{iid}" in body


def test_a_task_due_today_needs_its_owner_only(ctx):
    kinds = needs(ctx, "kos.manager")
    assert [i["id"] for i in kinds["task_due"]["items"]] == [ctx["r"]], kinds
    assert kinds["task_due"]["items"][0]["text"].startswith("Repair: Replace") and \
        kinds["task_due"]["items"][0]["text"].endswith("due today")
    # The footage is due next week: not yet the coordinator's to worry about.
    assert needs(ctx, "coordinator")["task_due"]["count"] == 0
    assert needs(ctx, "kos.staff")["task_due"]["count"] == 0
    status, page = api(ctx, "GET", "/hq")
    assert "Follow-up tasks due" in page and f'#task-{ctx["repair"]}"' in page
    assert f'#task-{ctx["footage"]}"' not in page


def test_close_is_refused_naming_the_open_tasks(ctx):
    e = expect_error(api(ctx, "POST", f"/api/v1/incidents/{ctx['r']}/close", {}), 409,
                     "conflict")
    assert "Repair" in e["message"] and "Camera footage" in e["message"], e


def test_the_owner_marks_hers_done_and_someone_else_at_the_branch_may_not(ctx):
    path = f"/api/v1/incident-tasks/{ctx['repair']}/done"
    for who in ("kos.staff", "kos.vol", "hq.staff"):
        e = expect_error(api(ctx, "POST", path, {}, who=who), 409, "conflict")
        assert "owner" in e["message"], e
    status, r = api(ctx, "POST", path, {"note": "New lock fitted."}, who="kos.manager")
    assert status == 200, r
    done = [t for t in r["tasks"] if t["id"] == ctx["repair"]][0]["done"]
    assert done["by"]["login"] == "kos.manager" and done["note"] == "New lock fitted."
    expect_error(api(ctx, "POST", path, {}, who="kos.manager"), 409, "conflict")
    assert needs(ctx, "kos.manager")["task_due"]["count"] == 0
    status, page = api(ctx, "GET", "/hq")
    assert f'#task-{ctx["repair"]}"' not in page
    # Headquarters marks a task done too: the footage came in early.
    status, r = api(ctx, "POST", f"/api/v1/incident-tasks/{ctx['footage']}/done", {},
                    who="director")
    assert status == 200, r
    expect_error(api(ctx, "POST", "/api/v1/incident-tasks/999999/done", {}), 404)


def test_a_closed_report_takes_no_task(ctx):
    iid = ctx["r"]
    expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/close", {}, who="kos.manager"), 403)
    status, r = api(ctx, "POST", f"/api/v1/incidents/{iid}/close",
                    {"note": "Lock replaced; footage kept."}, who="coordinator")
    assert status == 200 and r["closed"]["by"]["login"] == "coordinator", r
    e = expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/tasks", {
        "kind": "trespass_letter", "owner": "kos.manager", "due_on": today(1)}), 409, "conflict")
    assert "closed" in e["message"], e
    expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/close", {}), 409, "conflict")


def test_the_report_page_shows_the_follow_up_in_words(ctx):
    status, page = api(ctx, "GET", f"/incidents/{ctx['r']}", who="kos.manager")
    assert status == 200 and 'id="follow-up"' in page
    assert "Reviewed by Director" in page and "Ask for the footage" in page
    assert "Repair" in page and "Camera footage" in page and "Closed by" in page
    assert "camera_footage" not in page and "task-form" not in page


def test_the_command_line_follows_a_report_up_too(ctx):
    iid = a_report(ctx)
    db = ctx["db"]
    r = db.cli("incident", "review", str(iid), expect=1)
    assert "draft" in r.err, r.err
    sign(ctx, iid)
    assert "reviewed, open" in db.cli("incident", "review", str(iid), "--note", "Read.").out
    r = db.cli("incident", "task", str(iid), "--kind", "trespass_letter", "--owner", "kos.staff",
               "--due-on", today(2), "--description", "Letter for the man who broke the return")
    assert f"trespass_letter, kos.staff, due {today(2)}" in r.out, r.out
    task = int(r.out.split("task ")[1].split(":")[0])
    r = db.cli("incident", "close", str(iid), expect=1)
    assert "Trespass letter (Kos Staff" in r.err, r.err
    assert ", done" in db.cli("incident", "task-done", str(task)).out
    assert "reviewed, closed" in db.cli("incident", "close", str(iid)).out
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert r["closed"]["by"] is None and r["tasks"][0]["done"]["by"] is None, r


def form(ctx, path, fields, who="director"):
    """A page's form, posted as the browser posts it."""
    return ctx["srv"].request("POST", path, urlencode(fields), {
        "Authorization": "Bearer " + ctx[who],
        "Content-Type": "application/x-www-form-urlencoded"})


def test_an_hq_owner_who_sorts_first_is_offered_and_takes_the_task(ctx):
    """Abbott of Headquarters sorts before Kosciusko's staff: the report's branch comes first on
    the owner picker, and nobody of Headquarters drops off it for that."""
    db = ctx["db"]
    db.cli("user", "add", "abbott", "--name", "Abbott", "--role",
           "branch_services_coordinator", "--branch", "HQ")
    # An id past 2^31: PostgreSQL must read the owner of the due-task list as a bigint.
    db.execute("UPDATE staff SET id = 3000000001 WHERE login = 'abbott'")
    ctx["abbott"] = db.cli("token", "create", "abbott").out.strip()
    iid = ctx["abbott.report"] = a_report(ctx)
    sign(ctx, iid)
    status, page = api(ctx, "GET", f"/incidents/{iid}")
    assert status == 200, page
    picker = page.split('name="owner"')[1].split("</select>")[0]
    owners = re.findall(r'<option value="([^"]+)"', picker)
    # Kosciusko's own first, then Headquarters; each once; nobody of another branch.
    assert owners == ["kos.manager", "kos.staff", "abbott", "coordinator", "director",
                      "hq.staff"], owners
    status, headers, body = form(ctx, f"/incidents/{iid}/tasks", {
        "kind": "camera_footage", "owner": "abbott", "due_on": today()})
    assert status == 303 and headers["Location"] == f"/incidents/{iid}#follow-up", body
    status, r = api(ctx, "GET", f"/api/v1/incidents/{iid}")
    assert [t["owner"]["login"] for t in r["tasks"]] == ["abbott"], r
    kinds = needs(ctx, "abbott")
    assert [i["id"] for i in kinds["task_due"]["items"]] == [iid], kinds
    status, page = api(ctx, "GET", "/hq")
    assert status == 200 and f'#task-{r["tasks"][0]["id"]}"' in page


def test_a_branch_zone_the_system_does_not_know_is_named_not_guessed(ctx):
    """A time zone gone bad behind the program's back: adding a task and the owner's "Needs
    you" say which, and the report's page still offers a task from the UTC day on."""
    db, iid = ctx["db"], ctx["abbott.report"]
    db.execute("UPDATE branch SET time_zone = 'Mars/Olympus' WHERE code = 'KOS'")
    try:
        e = expect_error(api(ctx, "POST", f"/api/v1/incidents/{iid}/tasks", {
            "kind": "repair", "owner": "kos.manager", "due_on": today(1)}), 409, "conflict")
        assert "Kosciusko's time zone 'Mars/Olympus'" in e["message"], e
        e = expect_error(api(ctx, "GET", "/api/v1/needs", who="abbott"), 409, "conflict")
        assert "'Mars/Olympus'" in e["message"], e
        status, page = api(ctx, "GET", f"/incidents/{iid}")
        utc_day = datetime.now(timezone.utc).date().isoformat()
        assert status == 200 and f'name="due_on" type="date" min="{utc_day}"' in page, page
    finally:
        db.execute("UPDATE branch SET time_zone = 'America/Chicago' WHERE code = 'KOS'")
