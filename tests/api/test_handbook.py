"""CS-KNOW: the policy handbook: rationale required, HQ writes and staff read, stemmed search
with the rationale in each hit, versions, acknowledgements, and the demo's real policy."""
import os

from harness import Db, Server, expect_error

RENEWALS = {"policy": "Circulation Policy", "title": "Renewals",
            "text": "Items may be renewed twice unless another customer has a hold on them.",
            "rationale": "A hold means someone else is waiting, and their turn comes first.",
            "approved_on": "2019-03-18"}
ROOMS = {"policy": "Meeting Room Policy", "title": "Booking a room",
         "text": "Rooms are booked up to three months ahead for at most four hours.",
         "rationale": "Limits share the rooms fairly among community groups.",
         "approved_on": "2018-09-10"}


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko")
    ctx = {"db": db}
    for login, role, branch in [("coordinator", "branch_services_coordinator", "HQ"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.staff", "staff", "KOS"), ("kos.page", "page", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    ctx["srv"] = Server(db)
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def test_a_section_without_its_rationale_is_refused(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/policies", {**RENEWALS, "rationale": ""},
                                token=ctx["coordinator"]), 422, field="rationale")
    body = dict(RENEWALS)
    del body["rationale"]
    expect_error(ctx["srv"].api("POST", "/api/v1/policies", body, token=ctx["coordinator"]),
                 422, field="rationale")
    expect_error(ctx["srv"].api("POST", "/api/v1/policies", {**RENEWALS, "approved_on": "soon"},
                                token=ctx["coordinator"]), 422, field="approved_on")


def test_headquarters_writes_staff_do_not(ctx):
    expect_error(ctx["srv"].api("POST", "/api/v1/policies", RENEWALS, token=ctx["kos.staff"]),
                 403)
    status, s = ctx["srv"].api("POST", "/api/v1/policies", RENEWALS, token=ctx["coordinator"])
    assert status == 201 and s["version"] == 1 and s["current"] is True, s
    ctx["renewals"] = s["id"]
    status, s = ctx["srv"].api("POST", "/api/v1/policies", ROOMS, token=ctx["coordinator"])
    assert status == 201
    ctx["rooms"] = s["id"]


def test_a_stemmed_search_finds_renewals_with_the_rationale(ctx):
    status, body = ctx["srv"].api("GET", "/api/v1/policies?q=renewed", token=ctx["kos.page"])
    assert status == 200
    titles = [s["title"] for s in body["sections"]]
    assert titles == ["Renewals"], titles
    hit = body["sections"][0]
    assert hit["rationale"].startswith("A hold means")
    assert hit["highlights"] and "renewed" in hit["snippet"]
    # As you type: a word long enough to be a stem is a prefix. Operators are only words.
    _, body = ctx["srv"].api("GET", "/api/v1/policies?q=book", token=ctx["kos.page"])
    assert [s["title"] for s in body["sections"]] == ["Booking a room"]
    status, body = ctx["srv"].api("GET", '/api/v1/policies?q=%22room%22%20OR%20(%2A',
                                  token=ctx["kos.page"])
    assert status == 200
    _, body = ctx["srv"].api("GET", "/api/v1/policies?q=", token=ctx["kos.page"])
    assert body["sections"] == []


def test_revising_makes_a_new_version_and_keeps_the_old(ctx):
    status, s = ctx["srv"].api("POST", f"/api/v1/policies/{ctx['renewals']}/versions",
                               {**RENEWALS, "text": "Items may be renewed three times."},
                               token=ctx["coordinator"])
    assert status == 201 and s["version"] == 2 and s["key"] == "circulation-policy/renewals", s
    _, old = ctx["srv"].api("GET", f"/api/v1/policies/{ctx['renewals']}", token=ctx["kos.staff"])
    assert old["current"] is False and "twice" in old["text"]
    _, body = ctx["srv"].api("GET", "/api/v1/policies?q=renewed", token=ctx["kos.staff"])
    assert [x["version"] for x in body["sections"]] == [2]
    ctx["renewals_v2"] = s["id"]


def test_staff_acknowledge_and_managers_see_who_has_not(ctx):
    srv = ctx["srv"]
    status, s = srv.api("POST", f"/api/v1/policies/{ctx['renewals_v2']}/acknowledge", {},
                        token=ctx["kos.staff"])
    assert status == 200 and s["acknowledged"] is True
    _, s = srv.api("GET", f"/api/v1/policies/{ctx['renewals_v2']}", token=ctx["kos.staff"])
    assert s["acknowledged"] is True
    status, body = srv.api("GET", "/api/v1/branches/KOS/unacknowledged",
                           token=ctx["kos.manager"])
    assert status == 200, body
    missing = {(u["staff"]["login"], u["section"]["title"]) for u in body["unacknowledged"]}
    assert ("kos.staff", "Renewals") not in missing
    assert ("kos.staff", "Booking a room") in missing
    assert ("kos.page", "Renewals") in missing
    expect_error(srv.api("GET", "/api/v1/branches/KOS/unacknowledged", token=ctx["kos.staff"]),
                 403)


def test_policy_import_from_markdown(ctx, tmp=None):
    path = os.path.join(ctx["db"].dir, "local.md")
    with open(path, "w") as f:
        f.write("# Computer Use Policy\nApproved: 2020-01-06\n\n## Time limits\n"
                "Rules: CS-EQUAL\nEach session lasts one hour when others are waiting.\n\n"
                "Rationale: Computers are shared; a limit gives everyone a turn.\n")
    r = ctx["db"].cli("policy", "import", path)
    assert "1 section" in r.out
    r = ctx["db"].cli("policy", "import", path)
    assert "0 sections" in r.out  # unchanged: nothing new
    _, body = ctx["srv"].api("GET", "/api/v1/policies?rule=CS-EQUAL", token=ctx["kos.staff"])
    assert [s["title"] for s in body["sections"]] == ["Time limits"]
    with open(path, "w") as f:
        f.write("# Computer Use Policy\nApproved: 2020-01-06\n\n## No rationale\nText only.\n")
    r = ctx["db"].cli("policy", "import", path, expect=1)
    assert "No rationale" in r.err and "rationale" in r.err


def test_the_demo_answers_telephone_with_the_phone_sections(ctx):
    demo = Db()
    demo.cli("demo")
    srv = Server(demo)
    try:
        token = demo.cli("token", "create", "kos.staff").out.strip()
        status, body = srv.api("GET", "/api/v1/policies?q=telephone", token=token)
        assert status == 200
        first = body["sections"][0]
        assert first["policy"] == "Customer Service Policy"
        assert first["title"] == "Customers present before telephone calls", first
        assert "CS-PHONE" in first["rules"] and first["rationale"]
        cs = [s["title"] for s in body["sections"] if s["policy"] == "Customer Service Policy"]
        assert "Opening hours and greeting customers" in cs
        _, body = srv.api("GET", "/api/v1/policies?rule=CS-ALT", token=token)
        assert [s["title"] for s in body["sections"]] == ["Offering alternatives"]
    finally:
        assert srv.stop() < 3


def test_the_desk_words_find_the_right_section(ctx):
    """Any word may match (more matched ranks first), each as a prefix, with the synonyms
    staff use: phone for telephone, fee for fine, kids for children."""
    demo = Db()
    demo.cli("demo")
    srv = Server(demo)
    try:
        token = demo.cli("token", "create", "kos.staff").out.strip()
        for query, title in [("phone callers hold", "Customers present before telephone calls"),
                             ("phone", "Customers present before telephone calls"),
                             ("late fee", "Overdue items and fines"),
                             ("computer time limit", "Public computers"),
                             ("kids alone", "Children in the library")]:
            status, body = srv.api("GET", "/api/v1/policies?q=" + query.replace(" ", "%20"),
                                   token=token)
            assert status == 200, body
            titles = [s["title"] for s in body["sections"]]
            assert titles and titles[0] == title, (query, titles)
        # "fee" is a whole word, not the start of "feelings"; the excerpt gives the fine.
        _, body = srv.api("GET", "/api/v1/policies?q=late%20fee", token=token)
        assert "Equal service for everyone" not in [s["title"] for s in body["sections"]]
        assert "ten cents a day" in body["sections"][0]["snippet"], body["sections"][0]
        # A word found nowhere does not hide the sections the other words find.
        _, body = srv.api("GET", "/api/v1/policies?q=fines%20zzyzx", token=token)
        assert body["sections"][0]["title"] == "Overdue items and fines"
        _, body = srv.api("GET", "/api/v1/policies?q=zzyzx", token=token)
        assert body["sections"] == []
    finally:
        assert srv.stop() < 3
