"""The catalogue's SIP2 connection against the tests' own server (sip2_acs.py): `frontdesk ils
check` prints what the catalogue supports; a damaged answer is asked for again (97) and a
request the server found damaged is sent again (96); a connection the server drops is opened
again with a second login; a silent server costs `ils check` its timeout and a running desk one
wait, while /healthz says so and the queue still answers fast, until the catalogue comes back;
TLS with the catalogue's own CA works and a wrong CA is refused; a CP850 catalogue's "ñ" reads
right; /metrics carries the connection's state for Prometheus; bad [ils] settings are refused
naming the setting."""
import os
import re
import shutil
import subprocess
import time

import harness
from harness import Db, Server, SipServer, expect_error

import sip2_acs


def conf(sip, **more):
    """An [ils] section for sip, with more settings (None: left out)."""
    return sip.ils_config(**more)


def check(ctx, text, expect=0):
    """`frontdesk ils check` with text as its frontdesk.conf."""
    path = os.path.join(ctx["db"].dir, "ils.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return ctx["db"].cli("--config", path, "ils", "check", expect=expect)


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "sip": SipServer()}
    ctx["token"] = db.add_user("kos.staff", "staff", "KOS")
    return ctx


def teardown(ctx):
    ctx["sip"].close()


def test_ils_check_prints_what_the_catalogue_supports(ctx):
    r = check(ctx, conf(ctx["sip"]))
    out = r.out
    assert "online: yes" in out, out
    assert "protocol: 2.00" in out
    assert "institution: MMRLS" in out
    assert "library name: Mid-Mississippi Regional Library System" in out
    assert "renewal allowed: yes" in out
    # BX YNNNYYYYNNYNNNYY, by name.
    assert ("supports: patron status, SC/ACS status, request resend, login, patron "
            "information, item information, renew, renew all") in out, out
    assert re.search(r"round trip: \d+\.\d ms", out), out
    assert "tls: off" in out
    sip = ctx["sip"]
    login = sip.received("93")[-1]
    assert dict(login["fields"])["CN"] == "frontdesk" and login["checksum_ok"], login
    assert dict(login["fields"])["CP"] == "KOS"
    assert sip.received("99")[-1]["checksum_ok"]
    assert sip.violations() == [], sip.violations()


def test_a_damaged_answer_is_asked_for_again(ctx):
    sip = ctx["sip"]
    sip.clear_log()
    before = sip.counters()
    sip.corrupt_next_checksum(1)
    r = check(ctx, conf(sip))
    assert "online: yes" in r.out, r.err
    after = sip.counters()
    assert after.get("resends", 0) == before.get("resends", 0) + 1, after  # one 97 answered
    assert len(sip.received("97")) == 1
    assert sip.violations() == [], sip.violations()


def test_a_request_the_catalogue_found_damaged_is_sent_again(ctx):
    sip = ctx["sip"]
    sip.clear_log()
    before = sip.counters()
    sip.resend_next(1)  # the login is answered 96
    r = check(ctx, conf(sip))
    assert "online: yes" in r.out, r.err
    after = sip.counters()
    assert after.get("sc_resends", 0) == before.get("sc_resends", 0) + 1, after
    assert len(sip.received("93")) == 2  # the login, then the same login again
    assert sip.received("93")[0]["text"] == sip.received("93")[1]["text"]
    assert sip.violations() == [], sip.violations()


def test_a_silent_catalogue_costs_ils_check_its_timeout(ctx):
    sip = ctx["sip"]
    sip.silent(True)
    try:
        start = time.monotonic()
        r = check(ctx, conf(sip, timeout_ms=800), expect=1)
        took = time.monotonic() - start
    finally:
        sip.reset_faults()
    assert took < 3, took  # the process's start, 0.8 s, and its stop
    assert "did not answer" in r.err and "800 ms" in r.err, r.err


def test_a_refused_login_and_a_closed_port_are_said_plainly(ctx):
    r = check(ctx, conf(ctx["sip"], password="not-the-password"), expect=1)
    assert "refused frontdesk's login: check [ils] login and password" in r.err, r.err
    r = check(ctx, conf(ctx["sip"], port=sip2_free_port()), expect=1)
    assert "cannot connect to the catalogue" in r.err, r.err


def sip2_free_port():
    return harness.free_port()


def test_a_cp850_catalogue_reads_right_and_a_wrong_charset_is_named(ctx):
    data = {**sip2_acs.DEFAULT_DATA, "library_name": "Biblioteca de Peñasco"}
    sip = SipServer(data=data, charset="cp850")
    try:
        r = check(ctx, conf(sip, charset="CP850"))
        assert "library name: Biblioteca de Peñasco" in r.out, r.out
        # Told UTF-8, the byte 0xA4 is not text: said, naming the setting to fix.
        r = check(ctx, conf(sip, charset="UTF-8"), expect=1)
        assert "[ils] charset" in r.err, r.err
    finally:
        sip.close()


def test_tls_with_the_catalogues_ca_and_a_wrong_one_refused(ctx):
    sip = SipServer(tls=True)
    other = os.path.join(ctx["db"].dir, "other-ca")
    os.makedirs(other, exist_ok=True)
    wrong, _ = sip2_acs.self_signed_certificate(other)
    try:
        r = check(ctx, conf(sip))  # the server's own settings: TLS with its certificate
        assert "online: yes" in r.out and "tls: on" in r.out, r.out + r.err
        r = check(ctx, conf(sip, tls="yes", ca_file=wrong), expect=1)
        assert "certificate is not trusted" in r.err and "[ils] ca_file" in r.err, r.err
        # Plain SIP2 to a TLS port: no answer that makes sense, said as such, within time.
        start = time.monotonic()
        r = check(ctx, conf(sip, tls=None, ca_file=None, timeout_ms=1000), expect=1)
        assert time.monotonic() - start < 4 and "frontdesk: the catalogue" in r.err, r.err
    finally:
        sip.close()


def test_bad_ils_settings_are_refused_naming_the_setting(ctx):
    sip = ctx["sip"]
    for text, words in [
        (conf(sip, port="sixty"), "[ils] port = sixty"),
        (conf(sip, charset="EBCDIC"), "[ils] charset = EBCDIC"),
        (conf(sip, timeout_ms="50"), "[ils] timeout_ms = 50"),
        (conf(sip, tls="maybe"), "[ils] tls = maybe"),
        (conf(sip, time_zone="Mars/Olympus"), "[ils] time_zone = Mars/Olympus"),
        (conf(sip, ca_file="/no/such/ca.pem"), "[ils] ca_file"),
        (conf(sip, password=None), "[ils] password"),
        (conf(sip, institution=None), "[ils] institution"),
        (conf(sip, login="front|desk"), "[ils] login"),
        (conf(sip, host=None), "[ils] host"),
        (conf(sip) + "[ils locations]\nKOS = KOS-MAIN\nkos = OTHER\n", "[ils locations]"),
        (conf(sip) + "[ils]\nterminal = x\n", "[ils] terminal = x"),
    ]:
        r = check(ctx, text, expect=1)
        assert words in r.err, (text, r.err)
    # The password may come from the environment instead of the file.
    path = os.path.join(ctx["db"].dir, "env.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(conf(sip, password=None))
    p = subprocess.run([harness.BIN, "--db",
                        ctx["db"].url, "--config", path, "ils", "check"], capture_output=True,
                       text=True, timeout=30, cwd=ctx["db"].dir,
                       env={**os.environ, **ctx["db"].env, "FRONTDESK_ILS_PASSWORD": "sip-secret"})
    assert p.returncode == 0 and "online: yes" in p.stdout, p.stderr


def healthz(srv):
    status, body = srv.api("GET", "/healthz")
    return status, body["ils"]


def wait_until(what, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.1)
    return what()


def test_a_running_desk_reconnects_when_the_catalogue_drops_it(ctx):
    sip = SipServer()
    srv = Server(ctx["db"], config=conf(sip, probe_seconds=1))
    try:
        assert wait_until(lambda: healthz(srv)[1]["state"] == "up"), healthz(srv)
        assert sip.counters()["logins"] == 1
        sip.drop_now()  # mid-session: the ILS restarts its SIP server, say
        # The idle connection's next status check finds it closed, opens another, logs in.
        assert wait_until(lambda: sip.counters()["logins"] == 2), sip.counters()
        assert wait_until(lambda: healthz(srv)[1]["state"] == "up")
        assert sip.wait_for("99", count=1, timeout=5)
        metrics = srv.request("GET", "/metrics")[2].decode()
        assert re.search(r"^frontdesk_ils_reconnects_total 1$", metrics, re.M), metrics
        assert re.search(r"^frontdesk_ils_up 1$", metrics, re.M)
        assert sip.violations() == [], sip.violations()
    finally:
        try:
            assert srv.stop() < 3
        finally:
            sip.close()


def test_a_silent_catalogue_costs_the_desk_one_wait_and_the_queue_goes_on(ctx):
    sip = SipServer()
    sip.silent(True)
    srv = Server(ctx["db"], config=conf(sip))
    try:
        # The login goes unanswered: within its 2 s the catalogue is "down", the node healthy.
        assert wait_until(lambda: healthz(srv)[1]["state"] == "down", 5), healthz(srv)
        status, ils = healthz(srv)
        assert status == 200, "a silent catalogue must not take the node out of service"
        assert ils["label"] == "not answering" and "did not answer" in ils["error"], ils
        # Meanwhile the desk's own pages and API answer at once.
        for _ in range(5):
            start = time.monotonic()
            status, _ = srv.api("GET", "/api/v1/branches/KOS/queue", token=ctx["token"])
            assert status == 200 and time.monotonic() - start < 0.5
        metrics = srv.request("GET", "/metrics")[2].decode()
        assert re.search(r'^frontdesk_ils_state\{state="down"\} 1$', metrics, re.M), metrics
        assert re.search(r"^frontdesk_ils_up 0$", metrics, re.M)
        assert re.search(r"^frontdesk_ils_timeouts_total [1-9]", metrics, re.M)
        if shutil.which("promtool"):
            p = subprocess.run(["promtool", "check", "metrics"], input=metrics, text=True,
                               capture_output=True, timeout=30)
            assert p.returncode == 0, p.stdout + p.stderr
        # The catalogue answers again: the background retries find it without a caller.
        sip.silent(False)
        assert wait_until(lambda: healthz(srv)[1]["state"] == "up", 15), healthz(srv)
        assert healthz(srv)[1]["error"] is None
    finally:
        try:
            assert srv.stop() < 3
        finally:
            sip.close()


def test_without_a_catalogue_healthz_says_so(ctx):
    srv = Server(ctx["db"])
    try:
        status, ils = healthz(srv)
        assert status == 200 and ils == {"state": "off", "label": "not set up"}, ils
        metrics = srv.request("GET", "/metrics")[2].decode()
        assert re.search(r'^frontdesk_ils_state\{state="off"\} 1$', metrics, re.M), metrics
    finally:
        assert srv.stop() < 3


RIVERA, OKAFOR = sip2_acs.RIVERA, sip2_acs.OKAFOR
NOT_CONFIRMED = ("The library catalogue did not confirm: look at the account before trying "
                 "again.")


def desk(ctx, sip, **more):
    """A running desk on sip, with kos.staff on duty at KOS."""
    srv = Server(ctx["db"], config=conf(sip, **more))
    status, body = srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["token"])
    assert status == 200, body
    assert wait_until(lambda: healthz(srv)[1]["state"] == "up"), healthz(srv)
    return srv


def stop(srv, sip):
    try:
        assert srv.stop() < 3
    finally:
        sip.close()


def lookup(ctx, srv, card=RIVERA):
    return srv.api("GET", f"/api/v1/customers/{card}", token=ctx["token"])


def serve_renewal_call(ctx, srv, card):
    """A renewal call from card's holder, being served by kos.staff."""
    status, call = srv.api("POST", "/api/v1/branches/KOS/visits",
                           {"channel": "phone", "renewal": True, "customer_card": card},
                           token=ctx["token"])
    assert status == 201, call
    status, body = srv.api("POST", "/api/v1/branches/KOS/next", {}, token=ctx["token"])
    assert status == 200 and body["id"] == call["id"], body
    return call["id"]


def finish(ctx, srv, visit_id):
    assert srv.api("POST", f"/api/v1/visits/{visit_id}/finish", {}, token=ctx["token"])[0] == 200


def test_ils_check_names_all_sixteen_messages_when_all_are_supported(ctx):
    sip = ctx["sip"]
    sip.set_supported("Y" * 16)
    try:
        r = check(ctx, conf(sip))
    finally:
        sip.reset_faults()
    assert ("supports: patron status, checkout, checkin, block patron, SC/ACS status, request "
            "resend, login, patron information, end patron session, fee paid, item "
            "information, item status update, patron enable, hold, renew, renew all\n") in r.out, \
        r.out


def test_ils_check_says_the_answers_arrive_damaged_not_that_none_came(ctx):
    sip = ctx["sip"]
    sip.corrupt_next_checksum(4, "98")  # the status answer and each of its 3 copies
    try:
        r = check(ctx, conf(sip), expect=1)
    finally:
        sip.reset_faults()
    assert "answers arrive damaged" in r.err and "did not answer" not in r.err, r.err
    assert len(sip.received("97")) >= 3


def test_a_catalogue_that_ends_its_answers_with_crlf_works(ctx):
    # Koha's default terminator is CR LF: each LF must not start the next answer.
    sip = SipServer(crlf=True)
    try:
        r = check(ctx, conf(sip))
        assert "online: yes" in r.out, r.out + r.err
    finally:
        sip.close()
    sip = SipServer(crlf=True)
    srv = desk(ctx, sip, probe_seconds=1)
    try:
        for _ in range(2):
            status, body = lookup(ctx, srv)
            assert status == 200, body
            cat = body["catalogue"]
            assert cat["state"] == "answered" and not cat["partial"], cat
            assert len(cat["items_out"]) == 5, cat
        assert sip.wait_for("99", 1, timeout=5)  # an idle check with an LF left over
        assert healthz(srv)[1]["state"] == "up"
        # Every answer was taken whole: no 97s, and the one connection was kept.
        assert sip.received("97") == [] and sip.counters()["logins"] == 1, sip.counters()
        assert sip.violations() == [], sip.violations()
    finally:
        stop(srv, sip)


def test_a_slow_catalogue_is_not_taken_down_by_a_lookup_that_runs_out_of_time(ctx):
    sip = SipServer()
    srv = desk(ctx, sip)
    try:
        sip.delay(300, 600)  # each answer: 0.3 to 0.6 s; a whole lookup needs more than 2 s
        start = time.monotonic()
        status, body = lookup(ctx, srv)
        took = time.monotonic() - start
        assert status == 200 and body["catalogue"]["partial"], body
        assert took < 2.5, took
        # The lookup ran out of its own time; the catalogue did not fail: it stays up.
        status, ils = healthz(srv)
        assert ils["state"] == "up", ils
        time.sleep(0.7)  # the answer the lookup left behind arrives, and goes to nobody
        assert healthz(srv)[1]["state"] == "up", healthz(srv)
        status, body = lookup(ctx, srv)
        assert status == 200 and body["catalogue"]["state"] == "answered", body
        assert body["catalogue"]["name"] == "Rivera, Ana", body
        metrics = srv.request("GET", "/metrics")[2].decode()
        assert re.search(r"^frontdesk_ils_timeouts_total 0$", metrics, re.M), metrics
        assert sip.counters()["logins"] == 1
    finally:
        sip.reset_faults()
        stop(srv, sip)


def test_a_renewal_answered_late_is_not_reported_as_nothing_renewed(ctx):
    sip = SipServer()
    srv = desk(ctx, sip)
    try:
        call = serve_renewal_call(ctx, srv, RIVERA)
        before = sip.item("31000000000001")
        sip.delay(2300)  # after the desk's 2 s: the catalogue renews, the answer comes late
        start = time.monotonic()
        e = expect_error(srv.api("POST", f"/api/v1/visits/{call}/renew",
                                 {"item": "31000000000001"}, token=ctx["token"]), 503)
        assert time.monotonic() - start < 2.5
        assert e["message"] == NOT_CONFIRMED and e["outcome"] == "unknown", e
        assert "nothing was renewed" not in e["message"]
        # It was renewed, as the account (the caller's look before trying again) shows.
        after = sip.item("31000000000001")
        assert after["renewals"] == before["renewals"] + 1 and after["due"] != before["due"]
        sip.reset_faults()
        finish(ctx, srv, call)
    finally:
        sip.reset_faults()
        stop(srv, sip)


def test_renew_all_refused_for_the_whole_card_says_why_in_the_catalogues_words(ctx):
    sip = SipServer()
    srv = desk(ctx, sip)
    try:
        call = serve_renewal_call(ctx, srv, OKAFOR)
        status, body = srv.api("POST", f"/api/v1/visits/{call}/renew", {}, token=ctx["token"])
        assert status == 409, body
        message = body["error"]["message"]
        assert "Renewal privileges denied: card reported lost" in message, body
        assert "named no items" not in message, body
        answer = [m for m in sip.received("65")][-1]
        assert dict(answer["fields"])["AA"] == OKAFOR
        finish(ctx, srv, call)
    finally:
        stop(srv, sip)


def test_a_certificate_for_another_host_is_refused_without_naming_hosts_on_healthz(ctx):
    folder = os.path.join(ctx["db"].dir, "elsewhere")
    os.makedirs(folder, exist_ok=True)
    cert, key = sip2_acs.self_signed_certificate(folder, "sip.elsewhere.example",
                                                 "DNS:sip.elsewhere.example")
    acs = sip2_acs.SipAcs(tls=(cert, key)).start()
    settings = {**acs.ils_settings(), "location": "KOS"}
    srv = Server(ctx["db"], config="[ils]\n" + "".join(f"{k} = {v}\n"
                                                       for k, v in settings.items()))
    try:
        assert wait_until(lambda: healthz(srv)[1]["state"] == "down", 5), healthz(srv)
        status, ils = healthz(srv)
        assert status == 200 and "not trusted" in ils["error"], ils
        assert "elsewhere" not in ils["error"] and "127.0.0.1" not in ils["error"], ils
        # The operator's own check names it, through the log.
        r = check(ctx, "[ils]\n" + "".join(f"{k} = {v}\n" for k, v in settings.items()),
                  expect=1)
        assert "not trusted" in r.err and "'127.0.0.1'" in r.err, r.err
    finally:
        try:
            assert srv.stop() < 3
        finally:
            acs.stop()
