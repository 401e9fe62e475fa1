"""Bad input refused, and answers that say what happened: text that is not UTF-8
or holds control characters is refused wherever it comes in (the .ics import, the handbook's
Markdown, forms, query strings, paths, JSON, command-line arguments) naming the field or file
and line, with nothing written; a new branch is answered as reading it shows; a 500 carries a
request id and never the database's own words, which go to the log under that id."""
import json
import os
import re
import subprocess
import urllib.parse

import harness
from harness import Db, Server, expect_error

DRIVER_WORDS = re.compile(r"sqlite|relation|sql|constraint|no such table|syntax", re.I)


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db}
    for login, role, branch in [("director", "executive_director", "KOS"),
                                ("kos.staff", "staff", "KOS"),
                                ("kos.manager", "branch_manager", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def raw(ctx, method, path, body=None, content_type="application/json", who="director"):
    headers = {"Authorization": "Bearer " + ctx[who]}
    if body is not None:
        headers["Content-Type"] = content_type
    status, h, data = ctx["srv"].request(method, path, body, headers)
    return status, h, data


def as_json(answer):
    status, headers, data = answer
    return status, json.loads(data) if data else None


def form(ctx, path, fields, who="director"):
    body = urllib.parse.urlencode(fields, encoding="utf-8", errors="surrogateescape")
    return raw(ctx, "POST", path, body, "application/x-www-form-urlencoded", who)


def holidays(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/holidays", token=ctx["director"])
    assert status == 200, body
    return body["holidays"]


def ics(summary):
    return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271225\r\n"
            b"SUMMARY:" + summary + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_a_nul_in_an_ics_summary_is_refused_everywhere_it_is_imported(ctx):
    for summary, says in [(b"Christ\x00mas", "U+0000"), (b"No\xe9l", "byte 0xE9")]:
        e = expect_error(as_json(raw(ctx, "POST", "/api/v1/holidays/import", ics(summary),
                                     "text/calendar")), 422, "invalid", field="ics")
        assert "line 5 (SUMMARY)" in e["message"] and says in e["message"], e
    # The calendar page's pasted file: the form's own check names the field.
    status, _, page = form(ctx, "/calendar/holidays/import",
                           {"ics": ics(b"Christ\x00mas").decode()})
    assert status == 422 and "ics" in page.decode() and "U+0000" in page.decode(), page
    # The command line names the file and the line.
    path = os.path.join(ctx["db"].dir, "holidays.ics")
    with open(path, "wb") as f:
        f.write(ics(b"Christ\x00mas"))
    err = ctx["db"].cli("holiday", "import", path, expect=1).err
    assert path in err and "line 5 (SUMMARY)" in err and "U+0000" in err, err
    assert holidays(ctx) == []
    # The same file without the NUL is a holiday called by its whole name.
    with open(path, "wb") as f:
        f.write(ics("Christmas Day \u2013 closed".encode()))
    ctx["db"].cli("holiday", "import", path)
    assert [h["name"] for h in holidays(ctx)] == ["Christmas Day \u2013 closed"]


def test_a_policy_file_that_is_not_utf8_is_refused_and_nothing_is_written(ctx):
    path = os.path.join(ctx["db"].dir, "fines.md")
    good = ("# Fines Policy\nApproved: 2024-05-01\n\n## Overdue fines\nNo fines on children\u2019s"
            " books.\nRationale: Fines keep children away.\n").encode()
    for bad, says in [(good.replace(b"children\xe2\x80\x99s", b"children\x92s"), "byte 0x92"),
                      (good.replace(b"No fines", b"No \x02fines"), "U+0002")]:
        with open(path, "wb") as f:
            f.write(bad)
        err = ctx["db"].cli("policy", "import", path, expect=1).err
        assert f"{path}, line 5: " in err and says in err, err
        assert ctx["db"].sql("SELECT count(*) FROM policy_section") == [["0"]]
    with open(path, "wb") as f:
        f.write(good)
    assert "1 section" in ctx["db"].cli("policy", "import", path).out
    status, body = ctx["srv"].api("GET", "/api/v1/policies?q=children",
                                  token=ctx["kos.staff"])
    assert status == 200 and [s["title"] for s in body["sections"]] == ["Overdue fines"], body
    assert "children\u2019s" in body["sections"][0]["text"]


def test_forms_queries_paths_json_and_arguments_refuse_what_is_not_text(ctx):
    status, _, page = form(ctx, "/calendar/holidays", {"date": "2027-11-25",
                                                       "name": "Caf\udce9 day"})
    assert status == 422 and "name is not valid UTF-8 text" in page.decode(), page
    expect_error(as_json(raw(ctx, "GET", "/api/v1/holidays?from=%FF")), 422, field="from")
    expect_error(as_json(raw(ctx, "GET", "/api/v1/branches/KOS%C0%AF")), 422, field="path")
    status, _, page = raw(ctx, "GET", "/handbook?q=%FE%FF")
    assert status == 422 and "q is not valid UTF-8" in page.decode(), page
    # (jansson itself refuses "\u0000" in JSON: 400.)
    for name in ["a\u0001b", "\u001b[31mred"]:
        expect_error(ctx["srv"].api("POST", "/api/v1/holidays",
                                    {"date": "2027-11-25", "name": name},
                                    token=ctx["director"]), 422, field="name")
    assert holidays(ctx) == [h for h in holidays(ctx) if h["date"] != "2027-11-25"]
    err = ctx["db"].cli("branch", "add", "CAF", "--name", "Caf\udce9", expect=1).err
    assert "argument" in err and "--name" in err and "not valid UTF-8" in err, err
    assert ctx["db"].sql("SELECT count(*) FROM branch WHERE code = 'CAF'") == [["0"]]
    # A password the login page could never send.
    p = subprocess.run([harness.BIN, "--db", ctx["db"].url, "user", "add", "kos.new", "--name",
                        "Kos New", "--role", "staff", "--branch", "KOS", "--password-stdin"],
                       input=b"pass\xffword long\n", capture_output=True, env=harness.env(),
                       timeout=60)
    assert p.returncode == 1 and b"password is not valid UTF-8" in p.stderr, p.stderr
    assert ctx["db"].sql("SELECT count(*) FROM staff WHERE login = 'kos.new'") == [["0"]]
    # A setting goes into mail headers: the From address from the environment, say.
    p = subprocess.run([harness.BIN, "--db", ctx["db"].url, "branch", "list"],
                       env={**harness.env(), "FRONTDESK_SMTP_FROM": "desk@mmrls\udcff.example"},
                       capture_output=True, timeout=60)
    assert p.returncode == 1 and b"FRONTDESK_SMTP_FROM" in p.stderr, p.stderr


def test_an_escaped_nul_is_refused_and_does_not_cut_what_follows(ctx):
    # %00 decodes to a NUL; read as a C string the value would end there and pass as
    # "2027-01-01", "KOS" or "from".
    e = expect_error(as_json(raw(ctx, "GET", "/api/v1/holidays?from=2027-01-01%00junk")),
                     422, "invalid", field="from")
    assert "U+0000" in e["message"], e
    e = expect_error(as_json(raw(ctx, "GET", "/api/v1/branches/KOS%00junk")), 422, "invalid",
                     field="path")
    assert "U+0000" in e["message"], e
    e = expect_error(as_json(raw(ctx, "GET", "/api/v1/holidays?fr%00om=2027-01-01")), 422,
                     "invalid", field="query")
    assert "U+0000" in e["message"], e
    expect_error(as_json(raw(ctx, "GET", "/api/v1/holidays?from=%00")), 422, field="from")
    # Pages too, and a form's field names as well as its values: nothing is written.
    status, _, page = raw(ctx, "GET", "/calendar%00junk")
    assert status == 422 and "U+0000" in page.decode(), page
    for fields in [{"date": "2027-11-26", "name": "Thanks\x00giving"},
                   {"date": "2027-11-26", "name\x00junk": "Thanksgiving"},
                   {"da\x00te": "2027-11-26", "name": "Thanksgiving"}]:
        status, _, page = form(ctx, "/calendar/holidays", fields)
        assert status == 422 and "U+0000" in page.decode(), (fields, status, page)
    assert [h for h in holidays(ctx) if h["date"] == "2027-11-26"] == []
    # The same requests without the NUL go through.
    assert raw(ctx, "GET", "/api/v1/branches/KOS")[0] == 200
    assert raw(ctx, "GET", "/api/v1/holidays?from=2027-01-01")[0] == 200
    status, _, page = form(ctx, "/calendar/holidays", {"date": "2027-11-26",
                                                       "name": "Thanksgiving"})
    assert status in (200, 303), (status, page)
    assert [h["name"] for h in holidays(ctx) if h["date"] == "2027-11-26"] == ["Thanksgiving"]


def test_a_new_branch_is_answered_as_reading_it_shows(ctx):
    status, headers, data = raw(ctx, "POST", "/api/v1/branches",
                                json.dumps({"code": "LEX", "name": "Lexington"}))
    assert status == 201, data
    assert headers["Location"] == "/api/v1/branches/LEX", headers
    made = json.loads(data)
    status, read = ctx["srv"].api("GET", headers["Location"], token=ctx["director"])
    assert status == 200 and made == read, (made, read)
    assert made["phone"] == "" and made["code"] == "LEX"
    # The other things made with only their required fields are answered in full too.
    for path, body in [("/api/v1/customers", {"card": "20001", "name": "Ann Lee"}),
                       ("/api/v1/holidays", {"date": "2028-01-01", "name": "New Year"}),
                       ("/api/v1/branches/KOS/closures", {"date": "2028-01-02",
                                                          "reason": "painting"}),
                       ("/api/v1/policies", {"policy": "P", "title": "T", "text": "t",
                                             "rationale": "r", "approved_on": "2024-01-01"})]:
        status, made = ctx["srv"].api("POST", path, body, token=ctx["director"])
        assert status == 201 and made and len(made) > 1, (path, made)


def test_what_is_typed_in_a_box_of_several_lines_keeps_its_lines(ctx):
    """A complaint, a request, an incident's narrative and actions, a judgement call: what the
    desk types into a box of several lines is taken with its line breaks and given back."""
    srv, token = ctx["srv"], ctx["kos.manager"]
    assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=token)[0] == 200
    two = "First he shouted.\r\nThen he left.\n\n\tAll calm by 3 pm."
    for path, body, field in [
            ("/api/v1/complaints", {"branch": "KOS", "text": two}, "text"),
            ("/api/v1/requests", {"branch": "KOS", "kind": "other", "text": two}, "text"),
            ("/api/v1/incidents", {"branch": "KOS", "occurred_at": "2026-01-05T15:00:00Z",
                                   "category": "other", "narrative": two,
                                   "actions_taken": two}, "narrative"),
            ("/api/v1/judgements", {"branch": "KOS", "situation": two, "decision": two,
                                    "hq_reachable": False}, "decision")]:
        status, out = srv.api("POST", path, body, token=token)
        assert status == 201 and out[field] == two, (path, status, out)
    # A line break is still refused where a field is one line, naming the field.
    expect_error(srv.api("POST", "/api/v1/branches/KOS/visits",
                         {"channel": "in_person", "note": "a\nb"}, token=token),
                 422, field="note")


def test_a_500_carries_a_request_id_and_not_the_databases_words(ctx):
    srv = ctx["srv"]
    ctx["db"].execute("DROP TABLE holiday")
    status, headers, data = raw(ctx, "GET", "/api/v1/holidays")
    assert status == 500, data
    e = json.loads(data)["error"]
    assert e["code"] == "internal" and set(e) == {"code", "message", "request_id"}, e
    rid = e["request_id"]
    assert re.fullmatch(r"[0-9a-f]{16}", rid) and headers["X-Request-Id"] == rid, headers
    assert f"quote request {rid}" in e["message"], e
    assert not DRIVER_WORDS.search(data.decode()), data
    log = srv.output()
    line = [ln for ln in log.splitlines() if f"request {rid}: " in ln]
    assert line and re.search(r"no such table|does not exist", line[0]), log[-2000:]
    # A page shows the id, not the text.
    status, headers, page = raw(ctx, "GET", "/calendar")
    text = page.decode()
    page_rid = headers["X-Request-Id"]
    assert page_rid and f"quote request {page_rid}" in text, text
    assert not DRIVER_WORDS.search(re.sub(r"<[^>]*>", " ", text)), text
    # The same failure again within the log's window is counted, not written again; each
    # repeat's id is made from the first's, and the count names them all (written once the
    # window ends, or at the latest at stop). So every id of a flood can be found.
    # (The page met the failure in each of its cards, each showing an id of its own.)
    assert re.fullmatch(re.escape(rid) + r"\.\d+", page_rid), (rid, page_rid)
    last = int(page_rid.split(".")[1])
    ids = []
    for _ in range(12):  # more than the five ids the count once listed
        status, headers, data = raw(ctx, "GET", "/api/v1/holidays")
        assert status == 500 and json.loads(data)["error"]["request_id"] == \
            headers["X-Request-Id"], data
        ids.append(headers["X-Request-Id"])
    assert ids == [f"{rid}.{n}" for n in range(last + 1, last + 13)], ids
    assert srv.stop() < 3
    with open(os.path.join(ctx["db"].dir, "serve.log")) as f:
        log = f.read()
    ctx["srv"] = Server(ctx["db"])
    found = [ln for ln in log.splitlines() if rid in ln]
    assert len(found) == 2 and f"request {rid}: " in found[0], log[-2000:]
    assert re.search(rf"\(repeated {last + 12} times in the last \d+ s: requests " +
                     re.escape(rid) + r"\.1 to " + re.escape(rid) + rf"\.{last + 12}\)$",
                     found[1]), found

