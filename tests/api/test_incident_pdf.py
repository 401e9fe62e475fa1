"""The printed documents as their readers see them (pdftotext, pdftoppm, zbarimg): an incident
report on its branch's letterhead, in the branch's local time with the zone's abbreviation,
words not vocabulary, a footer on every page, the signature sentence and a QR code that opens
the verify link; and a building ban's trespass letter, audited as a read of the customer."""
import os
import re
import subprocess
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

from harness import Db, Server, expect_error

LIBRARY = "Mid-Mississippi Regional Library System"
CARD = "21170000100017"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko-Attala Library", "--tz",
           "America/Chicago", "--hours", "mon-sun 00:00-24:00", "--phone", "662-289-5141",
           "--address", "503 North Jackson Street\nKosciusko, MS 39090")
    ctx = {"db": db}
    for login, role, branch in [("director", "executive_director", "HQ"),
                                ("kos.manager", "branch_manager", "KOS"),
                                ("kos.staff", "staff", "KOS"), ("kos.vol", "volunteer", "KOS")]:
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db, config=f"[library]\nname = {LIBRARY}\n")
    for login in ("kos.manager", "kos.staff", "kos.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx[login])[0] == 200
    return ctx


def teardown(ctx):
    ctx["srv"].stop()


def shots_dir():
    d = os.environ.get("SCREENSHOTS") or "build/screenshots"
    os.makedirs(d, exist_ok=True)
    return d


def get_pdf(ctx, path, who="kos.manager"):
    status, headers, data = ctx["srv"].request(
        "GET", path, headers={"Authorization": "Bearer " + ctx[who]})
    assert status == 200 and headers["Content-Type"] == "application/pdf", (status, data[:300])
    return data


def text_of(pdf):
    """The text laid out as on the page, and in the order drawn (a table's cell whole), on
    one line."""
    def run(mode):
        return subprocess.run(["pdftotext", mode, "-", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
    return run("-layout"), " ".join(run("-raw").split())


def pages_png(pdf, name, dpi):
    """Renders every page to name-N.png (in a scratch folder unless name is a path)."""
    prefix = name if os.path.isabs(name) or "/" in name else os.path.join(tempfile.mkdtemp(), name)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-", prefix], input=pdf, check=True)
    folder, base = os.path.split(prefix)
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.startswith(base + "-") and f.endswith(".png"))


def signed_injury(ctx):
    """An injury on the night the clocks went back (1:30 AM CDT, before the second 1:30),
    with four people, told to HQ and the Business Manager, signed and with an addendum."""
    srv = ctx["srv"]
    story = ("A customer slipped on the wet entrance floor by the returns slot and fell "
             "against the book drop. " * 8).strip()
    body = {"branch": "KOS", "occurred_at": "2026-11-01T06:30:00Z",
            "discovered_at": "2026-11-01T06:40:00Z", "category": "injury",
            "narrative": story, "police_called": True,
            "location": "Entrance hall, by the returns slot",
            "police_report_number": "KPD-2026-1101", "police_officer": "Officer Dana Reese",
            "actions_taken": "First aid given; the floor mopped and a sign put out.",
            "people": [{"name": "Alma Ruth", "kind": "customer", "part": "fell",
                        "injuries": "bruised wrist", "care": "first_aid"},
                       {"name": "Kos Manager", "kind": "staff", "part": "gave first aid"},
                       {"kind": "unknown", "description": "Tall man in a green coat",
                        "part": "held the door open"},
                       {"name": "Bea Lott", "kind": "witness", "part": "saw the fall",
                        "contact": "662-555-0142"}]}
    status, r = srv.api("POST", "/api/v1/incidents", body, token=ctx["kos.manager"])
    assert status == 201, r
    iid = r["id"]
    tok = ctx["kos.manager"]
    assert srv.api("POST", f"/api/v1/incidents/{iid}/hq-notified", {"taken_by": "director"},
                   token=tok)[0] == 200
    assert srv.api("POST", f"/api/v1/incidents/{iid}/business-manager-contacted", {},
                   token=tok)[0] == 200
    status, r = srv.api("POST", f"/api/v1/incidents/{iid}/sign", {"typed_name": "Kos Manager"},
                        token=tok)
    assert status == 200, r
    status, r = srv.api("POST", f"/api/v1/incidents/{iid}/addenda",
                        {"text": "The customer called: her wrist is only bruised.",
                         "typed_name": "Kos Manager"}, token=tok)
    assert status == 201, r
    return iid, r


def test_the_report_reads_as_a_document(ctx):
    iid, r = signed_injury(ctx)
    pdf = get_pdf(ctx, f"/api/v1/incidents/{iid}/report.pdf")
    pages_png(pdf, os.path.join(shots_dir(), "incident-report"), 60)
    layout, flat = text_of(pdf)
    # The letterhead: the library, the branch's name, address and phone.
    for words in (LIBRARY, "Kosciusko-Attala Library", "503 North Jackson Street",
                  "Kosciusko, MS 39090", "Phone 662-289-5141", f"Incident Report {iid}"):
        assert words in flat, (words, layout)
    # Local time with the zone's abbreviation: the first 1:30 AM of the night, in CDT.
    assert "Sun, Nov 1, 2026, 1:30 AM CDT" in flat, layout
    assert "UTC" not in flat, layout
    # A footer on every page, with the printed date in the branch's zone.
    assert "page 1 of 2" in flat and "page 2 of 2" in flat, layout
    assert len(re.findall(rf"Incident report {iid} · page \d of 2 · printed \w{{3}}, \w{{3}} "
                          r"\d+, 20\d\d, \d+:\d\d [AP]M C[SD]T", flat)) == 2, layout
    # Words, not vocabulary: the kind of incident and of each person.
    for words in ("Injury", "Staff member", "Witness", "Name not known", "bruised wrist",
                  "Taken by Director", "Unknown person", "Looked like: Tall man in a green coat",
                  "First aid given",
                  "662-555-0142", "Entrance hall, by the returns slot", "KPD-2026-1101",
                  "Officer Dana Reese", "Sun, Nov 1, 2026, 1:40 AM CDT"):
        assert words in flat, (words, layout)
    assert not re.search(r"\b(injury|staff|witness|unknown|first_aid)\b", layout.split("What happened")[0]
                         .split("Kind of incident")[1]), layout
    # The signature in words, never the raw signature.
    signed = datetime.fromisoformat(r["signed"]["at"].replace("Z", "+00:00"))
    day = signed.astimezone(ZoneInfo("America/Chicago")).strftime("%A, %B %-d, %Y")
    assert re.search(rf"Signed electronically by Kos Manager, Branch Manager, on {day} at "
                     r"\d+:\d\d [AP]M CST", flat), layout
    assert r["signed"]["signature"][:24] not in flat
    assert r["signed"]["key_fingerprint"] in flat
    assert "Addendum 1, signed electronically by Kos Manager" in flat
    assert "her wrist is only bruised" in flat


def test_the_qr_code_opens_the_verify_link(ctx):
    iid, _ = signed_injury(ctx)
    pdf = get_pdf(ctx, f"/api/v1/incidents/{iid}/report.pdf")
    _, flat = text_of(pdf)
    found = []
    for png in pages_png(pdf, "qr", 150):
        out = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True)
        found += out.stdout.decode().split()
    assert len(found) == 1, found
    m = re.fullmatch(rf"https?://[^/]+/verify/{iid}/([A-Za-z0-9_-]+)", found[0])
    assert m, found
    # The check code printed beside it is the one in the link.
    assert f"Check code: {m.group(1)}" in flat, flat


def test_a_draft_says_so_and_prints_labels(ctx):
    body = {"branch": "KOS", "occurred_at": "2026-11-01T12:00:00Z", "category": "break_in",
            "narrative": "The back door was forced overnight."}
    status, r = ctx["srv"].api("POST", "/api/v1/incidents", body, token=ctx["kos.manager"])
    assert status == 201, r
    pdf = get_pdf(ctx, f"/api/v1/incidents/{r['id']}/report.pdf")
    layout, flat = text_of(pdf)
    assert "Break-in" in flat and "break_in" not in flat, layout
    assert "DRAFT: not signed" in flat and "Signed electronically" not in flat, layout
    assert "Sun, Nov 1, 2026, 6:00 AM CST" in flat, layout
    assert "page 1 of 1" in flat, layout


def ban(ctx, scope="building"):
    srv = ctx["srv"]
    srv.api("POST", "/api/v1/customers", {"card": CARD, "name": "Loretta Pickens"},
            token=ctx["kos.manager"])
    status, r = srv.api("POST", "/api/v1/incidents",
                        {"branch": "KOS", "occurred_at": "2026-11-29T20:00:00Z",
                         "category": "angry_customer", "narrative": "Threw a chair."},
                        token=ctx["kos.manager"])
    assert status == 201, r
    status, r = srv.api("POST", f"/api/v1/customers/{CARD}/restrictions",
                        {"scope": scope, "reason": "Threw a chair at a staff member.",
                         "until": "2026-12-30T18:00:00Z", "incident": r["id"]},
                        token=ctx["kos.manager"])
    assert status == 201, r
    return r["id"]


def test_the_trespass_letter(ctx):
    rid = ban(ctx)
    pdf = get_pdf(ctx, f"/api/v1/restrictions/{rid}/letter.pdf", who="kos.staff")
    pages_png(pdf, os.path.join(shots_dir(), "trespass-letter"), 60)
    layout, flat = text_of(pdf)
    for words in (LIBRARY, "503 North Jackson Street", "Notice of Trespass",
                  "To: Loretta Pickens", "You may not enter any building of the " + LIBRARY,
                  "until Wed, Dec 30, 2026", "Threw a chair at a staff member.",
                  "How to appeal", "Branch Manager of Kosciusko-Attala Library",
                  "upheld, shortened or lifted", "Kos Manager, Branch Manager",
                  f"Trespass letter {rid} · page 1 of 1 · printed"):
        assert words in flat, (words, layout)
    assert CARD not in flat, layout  # a letter to the customer: never the card number
    # CS-CONFIDENTIAL: printing it is a read of the customer's record, by whom it was.
    status, audit = ctx["srv"].api("GET", f"/api/v1/audit?customer={CARD}",
                                   token=ctx["director"])
    assert status == 200, audit
    assert any(e["action"] == f"read via trespass letter {rid}" and e["by"] == "kos.staff"
               for e in audit["entries"]), audit
    # The page's route gives the same letter to a browser's session.
    status, headers, _ = ctx["srv"].request(
        "GET", f"/restrictions/{rid}/letter.pdf",
        headers={"Authorization": "Bearer " + ctx["kos.staff"]})
    assert status == 200 and headers["Content-Type"] == "application/pdf"


def test_the_letter_is_for_building_bans_and_those_who_read_customers(ctx):
    rid = ban(ctx)
    expect_error(ctx["srv"].api("GET", f"/api/v1/restrictions/{rid}/letter.pdf",
                                token=ctx["kos.vol"]), 403)
    expect_error(ctx["srv"].api("GET", "/api/v1/restrictions/999999/letter.pdf",
                                token=ctx["kos.staff"]), 404)
    computer = ban(ctx, scope="computer")
    e = expect_error(ctx["srv"].api("GET", f"/api/v1/restrictions/{computer}/letter.pdf",
                                    token=ctx["kos.staff"]), 409)
    assert "ban from the building" in e["message"], e
