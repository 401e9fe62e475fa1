"""The service report (CS-QUICK, CS-ACK, CS-INPERSON, CS-INCIDENT, CS-HOURS, CS-ROVE in
figures), its CSV, who may see it, the dashboards, and Prometheus /metrics."""
import re
import shutil
import subprocess
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import harness
from harness import Db, Server, expect_error

ZONE = ZoneInfo("America/Chicago")
CARD = "21170000100017"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    db.cli("branch", "add", "CAR", "--name", "Carthage", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("director", "executive_director", "HQ"),
                                ("kos.staff", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.vol", "volunteer", "KOS"),
                                ("car.manager", "branch_manager", "CAR")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for login in ("kos.staff", "kos.manager"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def local_day(t):
    return datetime.fromtimestamp(t, ZONE).strftime("%Y-%m-%d")


def report(ctx, who="kos.manager", **query):
    q = "&".join(f"{k}={v}" for k, v in query.items())
    status, body = ctx["srv"].api("GET", f"/api/v1/reports/service?{q}", token=ctx[who])
    assert status == 200, body
    return body


def served_visit(ctx, channel="in_person"):
    srv = ctx["srv"]
    status, v = srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": channel},
                        token=ctx["kos.staff"])
    assert status == 201, v
    for action in ("acknowledge", "start", "finish"):
        status, body = srv.api("POST", f"/api/v1/visits/{v['id']}/{action}", {},
                               token=ctx["kos.staff"])
        assert status == 200, (action, body)
    return v["id"]


def test_three_visits_served_today_with_waits_from_the_recorded_times(ctx):
    db = ctx["db"]
    # Recorded an hour ago: arrival, acknowledgement after 20/40/90 s, service after
    # 60/120/300 s. The report must compute its waits from these times.
    base = int(time.time()) - 3600
    for i, (ack, start) in enumerate([(20, 60), (40, 120), (90, 300)]):
        vid = served_visit(ctx)
        t = base + i * 600
        db.execute(f"UPDATE visit SET arrived_at = {t}, queue_at = {t}, acknowledged_at = "
                   f"{t + ack}, started_at = {t + start}, finished_at = {t + start + 240} "
                   f"WHERE id = {vid}")
    day = local_day(base)
    r = report(ctx, branch="KOS", **{"from": day, "to": local_day(time.time())})
    assert r["served"] == 3 and r["served_by_channel"] == {"in_person": 3, "phone": 0}, r
    assert r["wait_to_ack_s"] == {"median": 40, "p90": 90}, r["wait_to_ack_s"]
    assert r["wait_to_service_s"] == {"median": 120, "p90": 300}, r["wait_to_service_s"]
    # CS-ACK: the branch's target is 60 s; 20 and 40 s met it, 90 s did not.
    assert r["ack_target_met_pct"] == 66.7
    by_day = {d["day"]: d for d in r["days"]}
    assert sum(d["served"] for d in r["days"]) == 3
    assert by_day[day]["served"] >= 1
    hour = datetime.fromtimestamp(base, ZONE).hour
    assert r["hours"][hour]["served"] >= 1 and sum(h["served"] for h in r["hours"]) == 3
    assert r["branch"] == "KOS" and r["scope"] == "full"


def test_the_csv_has_a_header_row_and_one_row_per_day(ctx):
    today = local_day(time.time())
    first = (datetime.now(ZONE) - timedelta(days=6)).strftime("%Y-%m-%d")
    status, headers, data = ctx["srv"].request(
        "GET", f"/api/v1/reports/service.csv?branch=KOS&from={first}&to={today}",
        headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    rows = data.decode().split("\r\n")
    assert rows[-1] == ""  # every row ends with CRLF
    rows = [row.split(",") for row in rows[:-1]]
    assert rows[0][:3] == ["day", "served", "served_in_person"]
    assert "incidents_same_day_pct" in rows[0]
    assert [row[0] for row in rows[1:]] == [
        (datetime.now(ZONE) - timedelta(days=6 - i)).strftime("%Y-%m-%d") for i in range(7)]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert sum(int(row[1]) for row in rows[1:]) == 3


def test_callbacks_requests_complaints_incidents_and_openings_count(ctx):
    srv, db = ctx["srv"], ctx["db"]
    now = int(time.time())
    # Two callbacks promised an hour ago: one made in time, one not made at all (late).
    for done in (True, False):
        _, v = srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": "phone"},
                       token=ctx["kos.staff"])
        db.execute(f"UPDATE visit SET state = 'callback', callback_phone = '662-555-0101', "
                   f"callback_promised_at = {now - 3600}, callback_done_at = "
                   f"{now - 3700 if done else 'NULL'} WHERE id = {v['id']}")
    # Requests: one fulfilled at the desk, one referred to the branch manager.
    _, a = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "material",
                                                "text": "A cookbook"}, token=ctx["kos.staff"])
    assert srv.api("POST", f"/api/v1/requests/{a['id']}/close", {"outcome": "fulfilled"},
                   token=ctx["kos.staff"])[0] == 200
    _, b = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "computer",
                                                "text": "Printer jammed"}, token=ctx["kos.staff"])
    assert srv.api("POST", f"/api/v1/requests/{b['id']}/escalate", {},
                   token=ctx["kos.staff"])[0] == 200
    # And one whose customer walked away before an answer.
    _, c = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "other",
                                                "text": "Tax forms"}, token=ctx["kos.staff"])
    assert srv.api("POST", f"/api/v1/requests/{c['id']}/close", {"outcome": "customer_left"},
                   token=ctx["kos.staff"])[0] == 200
    assert srv.api("POST", "/api/v1/complaints", {"branch": "KOS", "text": "Too noisy"},
                   token=ctx["kos.staff"])[0] == 201
    assert srv.api("POST", "/api/v1/branches/KOS/roving", {}, token=ctx["kos.staff"])[0] == 201
    # Incidents: one signed the same day, one signed the day after (facts, as recorded).
    kos = db.sql("SELECT id FROM branch WHERE code = 'KOS'")[0][0]
    for signed in (now - 60, now + 86400 * 2):
        db.execute("INSERT INTO incident (branch_id, occurred_at, due_at, category, created_at, "
                   f"signed_at) VALUES ({kos}, {now - 120}, {now + 86400}, 'vandalism', "
                   f"{now - 120}, {signed})")
    db.execute("INSERT INTO opening (branch_id, local_day, opened_at, opened_by, late_s) "
               f"VALUES ({kos}, '1999-01-01', {now - 30}, 1, 600)")
    r = report(ctx, branch="KOS")
    assert r["callbacks_kept_pct"] == 50.0, r
    assert r["requests_by_outcome"] == {"open": 1, "fulfilled": 1, "alternative_accepted": 0,
                                        "not_fulfilled": 0, "customer_declined": 0,
                                        "customer_left": 1}, r["requests_by_outcome"]
    assert r["requests_by_level"]["branch"] == 1 and r["requests_by_level"]["desk"] == 2
    # The dashboard counts them in words, and the CSV has a column for each.
    _, _, page = srv.request("GET", "/reports/KOS",
                             headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    html = page.decode()
    assert '<tr><th scope="row">Customer left</th><td>1</td></tr>' in html, html
    assert '<tr><th scope="row">Customer declined</th><td>0</td></tr>' in html
    assert "customer_left" not in html.split("</head>")[1]
    _, _, data = srv.request("GET", "/api/v1/reports/service.csv?branch=KOS",
                             headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    rows = [row.split(",") for row in data.decode().split("\r\n")[:-1]]
    left = rows[0].index("requests_customer_left")
    assert "requests_customer_declined" in rows[0]
    assert sum(int(row[left]) for row in rows[1:]) == 1
    assert r["complaints"] == 1 and r["roving_helps"] == 1
    assert r["incidents"] == 2 and r["incidents_same_day_pct"] == 50.0
    assert r["late_openings"] == 1


def test_who_may_see_which_figures(ctx):
    srv = ctx["srv"]
    expect_error(srv.api("GET", "/api/v1/reports/service", token=ctx["kos.vol"]), 403)
    # Desk staff: their branch's queue figures only.
    mine = report(ctx, who="kos.staff")
    assert mine["branch"] is None or mine["branch"] == "KOS"
    assert mine["scope"] == "queue" and mine["served"] == 3
    assert "complaints" not in mine and "incidents" not in mine and "requests_by_outcome" not in mine
    expect_error(srv.api("GET", "/api/v1/reports/service?branch=CAR", token=ctx["kos.staff"]),
                 403)
    expect_error(srv.api("GET", "/api/v1/reports/service?branch=KOS", token=ctx["car.manager"]),
                 403)
    # Headquarters: every branch that serves the public, side by side.
    every = report(ctx, who="director")
    assert every["branch"] is None and every["scope"] == "full"
    assert [b["code"] for b in every["branches"]] == ["CAR", "KOS"]
    assert every["served"] == 3 and every["complaints"] == 1


def test_bad_ranges_name_their_field(ctx):
    srv = ctx["srv"]
    for query, field in [("from=2026-02-30", "from"), ("to=yesterday", "to"),
                         ("from=2026-11-20&to=2026-11-10", "from"),
                         ("from=2020-01-01&to=2026-01-01", "to")]:
        expect_error(srv.api("GET", f"/api/v1/reports/service?branch=KOS&{query}",
                             token=ctx["kos.manager"]), 422, field=field)
    expect_error(srv.api("GET", "/api/v1/reports/service?branch=NOPE",
                         token=ctx["director"]), 404, field="branch")


def test_the_command_line_prints_the_same_report(ctx):
    out = ctx["db"].cli("report", "service", "--branch", "KOS", "--csv").out
    rows = out.strip().splitlines()  # text mode reads CRLF as a line end
    assert rows[0].startswith("day,served,") and len(rows) == 8
    assert ctx["db"].cli("report", "service", "--branch", "KOS", "--from", "x",
                         expect=1).err.startswith("frontdesk: from")


def test_the_dashboards_draw_their_charts(ctx):
    srv = ctx["srv"]
    status, _, page = srv.request("GET", "/reports/KOS",
                                  headers={"Authorization": "Bearer " + ctx["kos.manager"]})
    html = page.decode()
    assert status == 200 and html.count("<svg") == 4, html[:500]
    for series in ("in_person", "phone", "median", "p90", "kept", "same_day"):
        assert f'data-series="{series}"' in html
    assert "<rect x=" in html and "<script" not in html.split("</head>")[1]
    status, _, page = srv.request("GET", "/reports",
                                  headers={"Authorization": "Bearer " + ctx["director"]})
    assert status == 200 and "Kosciusko" in page.decode() and "Carthage" in page.decode()
    status, headers, _ = srv.request("GET", "/reports",
                                     headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 303 and headers["Location"] == "/reports/KOS"


def test_purge_keeps_the_counts_in_reports(ctx):
    srv, db = ctx["srv"], ctx["db"]
    # A reference question and a visit for a customer, 40 days ago: past both retention periods.
    assert srv.api("POST", "/api/v1/customers", {"card": CARD, "name": "Loretta Pickens"},
                   token=ctx["kos.staff"])[0] == 201
    vid = served_visit(ctx)
    _, q = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "reference",
                                                "text": "books on divorce law",
                                                "customer_card": CARD}, token=ctx["kos.staff"])
    then = int(time.time()) - 40 * 86400
    db.execute(f"UPDATE visit SET customer_id = (SELECT id FROM customer WHERE card = '{CARD}'), "
               f"arrived_at = {then}, queue_at = {then}, acknowledged_at = {then + 10}, "
               f"started_at = {then + 30}, finished_at = {then + 300} WHERE id = {vid}")
    db.execute(f"UPDATE request SET created_at = {then}, text_retain_until = {then + 1} "
               f"WHERE id = {q['id']}")
    day = local_day(then)
    before = report(ctx, branch="KOS", **{"from": day, "to": day})
    assert before["served"] == 1 and before["requests_by_outcome"]["open"] == 1
    out = db.cli("purge").out
    assert "text of 1 reference question" in out and "customer of 1 visit" in out, out
    after = report(ctx, branch="KOS", **{"from": day, "to": day})
    assert after == before
    assert "divorce" not in str(db.sql(f"SELECT text FROM request WHERE id = {q['id']}"))


def test_metrics_are_prometheus_text_that_promtool_accepts(ctx):
    srv = ctx["srv"]
    _, v = srv.api("POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"},
                   token=ctx["kos.staff"])
    srv.api("GET", "/api/v1/branches/KOS/queue", token=ctx["kos.staff"])
    status, headers, data = srv.request("GET", "/metrics")
    text = data.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
    assert ('frontdesk_http_requests_total{method="GET",route="/api/v1/branches/*/queue",'
            'code="2xx"} 1') in text, text
    assert 'frontdesk_http_request_duration_seconds_bucket{method="GET",route=' in text
    assert 'frontdesk_queue_waiting{branch="KOS"} 1' in text
    assert 'frontdesk_queue_waiting{branch="CAR"} 0' in text
    assert any(line.startswith("frontdesk_outbox_backlog ") for line in text.splitlines())
    assert "frontdesk_incidents_overdue 0" in text
    size = [line for line in text.splitlines() if line.startswith("frontdesk_database_size_bytes")]
    assert size and int(size[0].split()[1]) > 0
    assert CARD not in text and "Loretta" not in text  # counts only, never a name
    promtool = shutil.which("promtool")
    assert promtool, "promtool (Debian's prometheus package) is not installed"
    p = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True,
                       text=True, timeout=30)
    assert p.returncode == 0, p.stdout + p.stderr
    srv.api("POST", f"/api/v1/visits/{v['id']}/start", {}, token=ctx["kos.staff"])


# Early closings (CS-HOURS): a branch open 09:00-17:00 every day, its shifts put in its past.

def eupora(ctx):
    """The branch the early-closing tests use, made the first time one asks for it."""
    if "eup.manager" not in ctx:
        db = ctx["db"]
        db.cli("branch", "add", "EUP", "--name", "Eupora", "--hours", "mon-sun 09:00-17:00")
        for login, role in [("eup.manager", "branch_manager"), ("eup.staff", "staff")]:
            ctx[login] = db.add_user(login, role, "EUP")
    return "EUP"


def days_ago(n):
    return (datetime.now(ZONE) - timedelta(days=n)).strftime("%Y-%m-%d")


def at(day, clock):
    """An instant at Eupora: day YYYY-MM-DD, clock HH:MM, its local time."""
    return int(datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE).timestamp())


def shift(ctx, login, day, on, off):
    """A shift that is over, as if clocked on and off then (off None: still on duty)."""
    ctx["db"].execute(
        "INSERT INTO duty (staff_id, branch_id, on_at, off_at) VALUES ((SELECT id FROM staff "
        f"WHERE login = '{login}'), (SELECT id FROM branch WHERE code = 'EUP'), {at(day, on)}, "
        f"{at(day, off) if off else 'NULL'})")


def eupora_day(ctx, day, who="eup.manager"):
    return report(ctx, who=who, branch=eupora(ctx), **{"from": day, "to": day})


def test_the_last_person_clocking_off_before_closing_is_an_early_closing(ctx):
    day = days_ago(20)
    eupora(ctx)
    shift(ctx, "eup.manager", day, "08:50", "15:00")
    shift(ctx, "eup.staff", day, "08:45", "16:20")
    r = eupora_day(ctx, day)
    assert r["early_closings"] == 1 and r["early_closing_minutes"] == 40, r
    assert r["days"][0]["day"] == day and r["days"][0]["early_closings"] == 1
    # Counted in the hour the last person left, and for the branch.
    assert [h["hour"] for h in r["hours"] if h["early_closings"]] == [16]
    assert r["branches"][0]["early_closing_minutes"] == 40
    # Headquarters sees it among every branch's figures.
    every = report(ctx, who="director", **{"from": day, "to": day})
    assert every["early_closings"] == 1, every
    assert {b["code"]: b["early_closings"] for b in every["branches"]}["EUP"] == 1
    # Desk staff see the queue figures only: no late openings, no early closings.
    mine = eupora_day(ctx, day, who="eup.staff")
    assert "early_closings" not in mine and "late_openings" not in mine, mine


def test_a_shift_ended_at_closing_is_not_early(ctx):
    day = days_ago(19)
    eupora(ctx)
    shift(ctx, "eup.manager", day, "08:50", "17:00")
    assert eupora_day(ctx, day)["early_closings"] == 0


def test_a_shift_left_open_and_ended_by_the_worker_at_closing_is_not_early(ctx):
    day = days_ago(18)
    srv, db = ctx["srv"], ctx["db"]
    eupora(ctx)
    assert srv.api("POST", "/api/v1/duty", {"branch": "EUP"}, token=ctx["eup.staff"])[0] == 200
    # Clocked on that morning and never off: the end-of-shift pass ends it at closing time.
    db.execute(f"UPDATE duty SET on_at = {at(day, '08:45')} WHERE off_at IS NULL AND staff_id = "
               "(SELECT id FROM staff WHERE login = 'eup.staff')")
    assert "1 shift closed" in db.cli("remind").out
    assert db.sql("SELECT d.off_at FROM duty d JOIN staff s ON s.id = d.staff_id WHERE "
                  f"s.login = 'eup.staff' AND d.on_at = {at(day, '08:45')}") == [
        [str(at(day, "17:00"))]]
    assert eupora_day(ctx, day)["early_closings"] == 0


def test_someone_clocking_back_on_before_closing_means_no_early_closing(ctx):
    day = days_ago(17)
    eupora(ctx)
    shift(ctx, "eup.staff", day, "08:45", "14:00")
    shift(ctx, "eup.manager", day, "15:30", "17:10")
    assert eupora_day(ctx, day)["early_closings"] == 0
    # Back on and off again before closing: early, from the last clocking off.
    later = days_ago(16)
    shift(ctx, "eup.staff", later, "08:45", "14:00")
    shift(ctx, "eup.staff", later, "15:30", "16:45")
    r = eupora_day(ctx, later)
    assert r["early_closings"] == 1 and r["early_closing_minutes"] == 15, r


def test_a_holiday_has_no_early_closing(ctx):
    day = days_ago(15)
    db = ctx["db"]
    eupora(ctx)
    db.cli("holiday", "add", day, "Founders' Day")
    shift(ctx, "eup.manager", day, "09:00", "12:00")  # in to tidy up, gone at noon
    assert eupora_day(ctx, day)["early_closings"] == 0


def test_a_day_closed_or_open_other_hours_is_judged_by_those_hours(ctx):
    closed, short, shorter = days_ago(14), days_ago(13), days_ago(12)
    db = ctx["db"]
    eupora(ctx)
    db.cli("branch", "close", "EUP", closed, "--reason", "No power")
    shift(ctx, "eup.manager", closed, "09:00", "10:00")
    for day in (short, shorter):
        db.cli("branch", "close", "EUP", day, "--reason", "Staff training", "--hours",
               "09:00-12:00")
    shift(ctx, "eup.staff", short, "08:45", "12:00")  # closing time that day
    shift(ctx, "eup.staff", shorter, "08:45", "11:30")
    r = report(ctx, who="eup.manager", branch="EUP", **{"from": closed, "to": shorter})
    assert [d["early_closings"] for d in r["days"]] == [0, 0, 1], r["days"]
    assert r["early_closing_minutes"] == 30


def test_a_day_nobody_was_on_duty_is_neither_an_early_closing_nor_a_late_opening(ctx):
    r = eupora_day(ctx, days_ago(11))
    assert r["early_closings"] == 0 and r["late_openings"] == 0, r


def test_today_is_judged_only_once_closing_time_has_come(ctx):
    # Carthage is open around the clock: yesterday has closed, today closes at midnight.
    db = ctx["db"]
    yesterday, today = days_ago(1), days_ago(0)
    if time.time() - at(today, "00:00") < 2:
        time.sleep(2)
    gone = min(60, int(time.time()) - at(today, "00:00"))
    for day in (yesterday, today):  # on duty for the first minute of each day, then gone
        db.execute("INSERT INTO duty (staff_id, branch_id, on_at, off_at) VALUES ((SELECT id "
                   "FROM staff WHERE login = 'car.manager'), (SELECT id FROM branch WHERE code "
                   f"= 'CAR'), {at(day, '00:00')}, {at(day, '00:00') + gone})")
    r = report(ctx, who="car.manager", branch="CAR", **{"from": yesterday, "to": today})
    assert [d["early_closings"] for d in r["days"]] == [1, 0], r["days"]


def test_the_csv_the_command_line_and_the_dashboard_show_early_closings(ctx):
    day = days_ago(10)
    eupora(ctx)
    shift(ctx, "eup.staff", day, "08:45", "16:20")
    status, _, data = ctx["srv"].request(
        "GET", f"/api/v1/reports/service.csv?branch=EUP&from={day}&to={day}",
        headers={"Authorization": "Bearer " + ctx["eup.manager"]})
    header, row = [line.split(",") for line in data.decode().split("\r\n")[:2]]
    assert status == 200 and header[-3:] == ["late_openings", "early_closings",
                                             "early_closing_minutes"], header
    assert row[0] == day and row[-2:] == ["1", "40"], row
    out = ctx["db"].cli("report", "service", "--branch", "EUP", "--from", day, "--to", day).out
    assert '"early_closings": 1' in out and '"early_closing_minutes": 40' in out, out
    status, _, page = ctx["srv"].request(
        "GET", f"/reports/EUP?from={day}&to={day}",
        headers={"Authorization": "Bearer " + ctx["eup.manager"]})
    html = page.decode()
    assert status == 200 and "closed early (CS-HOURS)" in html and "opened late" in html
    assert '<th scope="col">Closed early</th>' in html and "<td>1 <small>(40 min)</small></td>" in html, html


def test_a_median_wait_is_of_those_served_and_none_before_anyone_is(ctx):
    """A customer being served is not yet served: beside "0 served" the median wait is "no one
    yet", not the wait of the one at the desk; once finished it counts, written in minutes
    and seconds. The greeting's share says of how many walk-ins it is."""
    db, srv = ctx["db"], ctx["srv"]
    db.cli("branch", "add", "WIN", "--name", "Winona", "--hours", "mon-sun 00:00-24:00")
    token = ctx["win.manager"] = db.add_user("win.manager", "branch_manager", "WIN")
    assert srv.api("POST", "/api/v1/duty", {"branch": "WIN"}, token=token)[0] == 200
    _, v = srv.api("POST", "/api/v1/branches/WIN/visits", {"channel": "in_person"}, token=token)
    for action in ("acknowledge", "start"):
        assert srv.api("POST", f"/api/v1/visits/{v['id']}/{action}", {}, token=token)[0] == 200
    t = int(time.time()) - 600
    db.execute(f"UPDATE visit SET arrived_at = {t}, queue_at = {t}, acknowledged_at = {t + 20}, "
               f"started_at = {t + 82} WHERE id = {v['id']}")
    r = report(ctx, who="win.manager", branch="WIN")
    assert r["served"] == 0 and r["wait_to_service_s"]["median"] is None, r

    def tiles():
        _, _, page = srv.request("GET", "/reports/WIN", headers={"Authorization": "Bearer " + token})
        html = page.decode()
        return {label: value for value, label in re.findall(
            r'<span class="value">([^<]*)</span><span class="label">([^<]*)</span>', html)}
    shown = tiles()
    assert shown["customers served"] == "0", shown
    assert shown["median wait of those served"] == "no one yet", shown
    assert shown["1 of 1 walk-ins acknowledged within target (CS-ACK)"] == "100.0%", shown
    assert srv.api("POST", f"/api/v1/visits/{v['id']}/finish", {}, token=token)[0] == 200
    assert report(ctx, who="win.manager", branch="WIN")["wait_to_service_s"]["median"] == 82
    shown = tiles()
    assert shown["customers served"] == "1" and shown["median wait of those served"] == \
        "1 min 22 s", shown


# Branch ids and retention on the scale of years.

def test_a_branch_whose_id_is_huge_is_counted_in_every_branchs_report(ctx):
    """Branch ids come from a sequence that may have run far ahead: the report's index of its
    branches is sized by the branches, not by the largest id (which would want terabytes)."""
    db, srv = ctx["db"], ctx["srv"]
    big = 10 ** 12
    if harness.BACKEND == "postgresql":
        db.execute(f"SELECT setval(pg_get_serial_sequence('branch', 'id'), {big})")
    else:  # the next rowid is the largest one's next: a placeholder gone once it has served
        db.execute("INSERT INTO branch (id, code, name, time_zone, created_at) VALUES "
                   f"({big}, 'TMP', 'Placeholder', 'America/Chicago', 0)")
    db.cli("branch", "add", "BIG", "--name", "Big Black River", "--hours", "mon-sun 00:00-24:00")
    db.execute("DELETE FROM branch WHERE code = 'TMP'")
    assert int(db.sql("SELECT id FROM branch WHERE code = 'BIG'")[0][0]) > big
    token = db.add_user("big.staff", "staff", "BIG")
    assert srv.api("POST", "/api/v1/duty", {"branch": "BIG"}, token=token)[0] == 200
    status, v = srv.api("POST", "/api/v1/branches/BIG/visits", {"channel": "in_person"},
                        token=token)
    assert status == 201, v
    for action in ("acknowledge", "start", "finish"):
        assert srv.api("POST", f"/api/v1/visits/{v['id']}/{action}", {}, token=token)[0] == 200
    today = local_day(time.time())
    every = report(ctx, who="director", **{"from": today, "to": today})
    by_code = {b["code"]: b for b in every["branches"]}
    assert by_code["BIG"]["served"] == 1, by_code
    assert every["served"] == sum(b["served"] for b in every["branches"]), every
    assert report(ctx, who="director", branch="BIG", **{"from": today, "to": today})[
        "served"] == 1


def test_a_backlog_of_old_texts_is_purged_in_batches_until_none_is_left(ctx):
    """Years of reference questions past their date (more than one batch of 1000): the purge
    drains them all in statements of a batch each, none holding the table for long."""
    db, srv = ctx["db"], ctx["srv"]
    _, q = srv.api("POST", "/api/v1/requests", {"branch": "KOS", "kind": "reference",
                                                "text": "the history of the Natchez Trace"},
                   token=ctx["kos.staff"])
    then = int(time.time()) - 3 * 365 * 86400
    db.execute(f"UPDATE request SET created_at = {then}, text_retain_until = {then + 1} "
               f"WHERE id = {q['id']}")
    cols = [r[0] for r in db.sql(
        "SELECT name FROM pragma_table_info('request') WHERE name != 'id'"
        if harness.BACKEND == "sqlite" else
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'request' "
        "AND column_name != 'id'")]
    names = ", ".join(cols)
    db.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
               f"INSERT INTO request ({names}) SELECT {names} FROM request, n "
               f"WHERE request.id = {q['id']}")
    if harness.BACKEND == "postgresql":
        # Each statement purges at most a batch: one that purged more fails here, as one that
        # ran past the statement timeout would have on a real backlog.
        db.script("""
            CREATE FUNCTION at_most_a_batch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT count(*) FROM purged) > 1000 THEN
                    RAISE EXCEPTION 'one statement purged more than a batch';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER at_most_a_batch AFTER UPDATE ON request REFERENCING NEW TABLE AS
                purged FOR EACH STATEMENT EXECUTE FUNCTION at_most_a_batch();""")
    try:
        out = db.cli("purge").out
    finally:
        if harness.BACKEND == "postgresql":
            db.script("DROP TRIGGER at_most_a_batch ON request; DROP FUNCTION at_most_a_batch();")
    assert "text of 2501 reference questions" in out, out
    left = db.sql("SELECT count(*) FROM request WHERE text_retain_until IS NOT NULL AND "
                  f"text_retain_until <= {int(time.time())}")
    assert left == [["0"]], left
    assert db.sql("SELECT count(*) FROM request WHERE text LIKE '%Natchez%'") == [["0"]]
    assert "text of 0 reference questions" in db.cli("purge").out
