"""The one authorization model, walked: every route of the route table (`frontdesk routes`),
API and pages alike, for all ten roles, at their own branch and at another. Each answer is
checked against the role x action matrix and branch scope as this file states them from the
policy, and no answer to a volunteer or a page may carry a customer's name or card. A route
the table has and this file does not is a failure: a new route must say who may call it."""
import json
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from harness import Db, Server

ROLES = ["executive_director", "business_manager", "branch_services_coordinator", "hq_staff",
         "branch_manager", "assistant_librarian", "staff", "substitute", "volunteer", "page"]
HQ = {"executive_director", "business_manager", "branch_services_coordinator", "hq_staff"}
HQ_ADMIN = HQ - {"hq_staff"}
MANAGERS = {"branch_manager", "assistant_librarian"}
PERMANENT = MANAGERS | {"staff"}
EVERYONE = set(ROLES)

# The policy, as this test reads it (docs/policy.md, docs/roles.md): who may do each action at all.
MATRIX = {
    "none": EVERYONE,
    "branch.read": EVERYONE,
    "branch.manage": HQ_ADMIN,
    "user.read": HQ | PERMANENT,
    "user.manage": HQ_ADMIN | {"branch_manager"},
    "user.change": HQ_ADMIN,  # promotions and transfers decide who is in charge
    "duty.self": EVERYONE,
    "duty.others": HQ | MANAGERS,
    "customer.create": HQ | PERMANENT | {"substitute"},
    "customer.read": HQ | PERMANENT | {"substitute"},  # CS-CONFIDENTIAL
    "audit.read": HQ | {"branch_manager"},
    "queue.work": EVERYONE,
    "request.work": EVERYONE,
    "difficult.work": EVERYONE,  # CS-DIFFICULT then refuses with whom to fetch (409)
    "difficult.read": HQ | PERMANENT | {"substitute"},
    "difficult.fetch": EVERYONE,
    "judgement.record": EVERYONE,  # CS-JUDGE then refuses with whom to reach (409)
    "branch.oversight": HQ | MANAGERS,
    "hq.review": HQ,
    "handbook.read": EVERYONE,
    "handbook.write": HQ,
    "customer.restrict": HQ | MANAGERS,  # a ban is an incident (CS-INCIDENT)
    "customer.restrict.decide": HQ | {"branch_manager"},
    "customer.history": HQ | {"branch_manager"},  # CS-NOBIAS
    "report.queue": HQ | PERMANENT | {"substitute"},
    "report.full": HQ | {"branch_manager"},
    # each person's satisfaction: the branch's managers, and HQ's three who run the branches
    "report.people": HQ_ADMIN | MANAGERS,
    "calendar.holidays": HQ,
    "calendar.branch": HQ | MANAGERS,
    "incident.followup": HQ_ADMIN,  # CS-INCIDENT: the three who receive the report
    "incident.task": EVERYONE,  # a task's owner may be anyone; the rule refuses others (409)
}
# CS-SCOPE: outside Headquarters, desk work where one works (one's home branch and the branch
# one is on duty at), and running a branch at one's home branch only.
WORKPLACE = {"queue.work", "request.work", "difficult.work", "difficult.read", "difficult.fetch",
             "judgement.record"}
HOME = {"user.manage", "duty.others", "audit.read", "branch.oversight", "customer.restrict",
        "customer.restrict.decide", "report.queue", "report.full", "report.people",
        "calendar.branch"}
SCOPED = WORKPLACE | HOME

CARD = "70000001"
NAME = "Zelda Quixote"
PHONE = "662-555-0199"  # a customer's number, promised a callback
FUTURE = "2031-06-02"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
# The draft page's upload form, as a browser sends it.
UPLOAD = (b"--walk\r\nContent-Disposition: form-data; name=\"file\"; filename=\"walk.png\"\r\n"
          b"Content-Type: image/png\r\n\r\n" + PNG + b"\r\n--walk--\r\n")
ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20310705\r\n"
       "SUMMARY:Walk day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def a_minute_ago():
    return iso(datetime.now(timezone.utc) - timedelta(minutes=1))


class R:
    """One route's request: the path's "*" filled from the branch's records (keys of the
    fixtures, or "=text" for a literal), a body, and what else the walk must know."""

    def __init__(self, params=(), body=None, form=None, query=None, raw=None, scoped=None,
                 stream=False, after=None, also=None):
        self.params, self.body, self.form, self.query = params, body, form, query
        self.raw, self.scoped, self.stream, self.after = raw, scoped, stream, after
        self.also = also  # a second action the route's record needs, with its branch scope



def back_on(ctx, login):
    """Duty routes move people: put them back where the walk has them (their own branch,
    or the other one when they visit it)."""
    if login.startswith("a.") and ctx["role_of"][login] not in HQ:
        ctx["srv"].api("POST", "/api/v1/duty", {"branch": ctx["duty_at"]}, token=ctx[login])


def incident_body(fx):
    return {"branch": fx["branch"], "occurred_at": a_minute_ago(), "category": "theft",
            "narrative": "A bag went missing."}


# Every route of the table: (method, pattern) -> how to call it. Pages get forms.
WALK = {
    ("GET", "/healthz"): R(),
    ("GET", "/metrics"): R(),
    ("POST", "/api/v1/login"): R(body={"login": "nobody", "password": "not the password"}),
    ("POST", "/api/v1/logout"): R(body={}),
    ("GET", "/api/v1/me"): R(),
    ("GET", "/api/v1/needs"): R(),
    ("GET", "/api/v1/branches"): R(),
    ("POST", "/api/v1/branches"): R(body={"code": "ZZZ", "name": "Walk"}),
    ("GET", "/api/v1/branches/*"): R(["branch"]),
    ("PATCH", "/api/v1/branches/*"): R(["branch"], body={"phone": "662-555-0100"}),
    ("GET", "/api/v1/branches/*/duty"): R(["branch"]),
    ("GET", "/api/v1/branches/*/in-charge"): R(["branch"]),
    ("POST", "/api/v1/duty"): R(body=lambda fx: {"branch": fx["branch"]}, after=back_on),
    ("POST", "/api/v1/duty/off"): R(body={"note": "walking the routes"}, after=back_on),
    ("GET", "/api/v1/duty/held"): R(),
    ("GET", "/api/v1/users"): R(),
    ("POST", "/api/v1/users"): R(body=lambda fx: {"login": "new.one", "name": "New One",
                                                  "role": "page", "branch": fx["branch"]},
                                 scoped=True),
    ("POST", "/api/v1/users/*/deactivate"): R(["target"], body={}, scoped=True),
    ("PATCH", "/api/v1/users/*"): R(["target"], body={"name": "Renamed Target"}),
    ("POST", "/api/v1/customers"): R(body={"card": "70000099", "name": "Walk Customer"}),
    ("GET", "/api/v1/customers"): R(query={"q": "zelda qu"}),
    ("GET", "/api/v1/customers/*"): R(["=" + CARD]),
    ("GET", "/api/v1/audit"): R(query=lambda fx: {"complaint": fx["complaint"]}, scoped=True),
    ("POST", "/api/v1/customers/*/restrictions"): R(
        ["=" + CARD], body=lambda fx: {"scope": "computer", "reason": "walk",
                                       "incident": int(fx["incident"])}, scoped=True),
    ("GET", "/api/v1/customers/*/history"): R(["=" + CARD]),
    ("GET", "/api/v1/restrictions/*/letter.pdf"): R(["restriction"]),
    ("POST", "/api/v1/restrictions/*/lift"): R(["restriction"], body={}),
    ("POST", "/api/v1/restrictions/*/appeal"): R(["restriction"],
                                                 body={"note": "walk", "outcome": "upheld"}),
    ("POST", "/api/v1/branches/*/visits"): R(["branch"], body={"channel": "in_person"}),
    ("GET", "/api/v1/branches/*/queue"): R(["branch"]),
    ("POST", "/api/v1/branches/*/next"): R(["branch"], body={}),
    ("POST", "/api/v1/branches/*/open"): R(["branch"], body={}),
    ("POST", "/api/v1/branches/*/roving"): R(["branch"], body={}),
    ("GET", "/api/v1/branches/*/events"): R(["branch"], stream=True),
    # A renewal for a customer reads their account, at the desk one works (the service).
    ("POST", "/api/v1/visits/*/renew"): R(["visit"], body={}, also="queue.work"),
    ("POST", "/api/v1/visits/*/*"): R(["visit", "=acknowledge"], body={}),
    ("POST", "/api/v1/requests"): R(body=lambda fx: {"branch": fx["branch"], "kind": "other",
                                                     "text": "walk"}),
    ("GET", "/api/v1/requests"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("GET", "/api/v1/requests/*"): R(["request"]),
    ("POST", "/api/v1/requests/*/alternatives"): R(["request"],
                                                   body={"kind": "electronic_resource"}),
    ("POST", "/api/v1/requests/*/alternatives/*/answer"): R(["request", "alt"],
                                                            body={"accepted": False}),
    ("POST", "/api/v1/requests/*/escalate"): R(["request"], body={}),
    # Linking reads the customer (customer.read) and changes the request (request.work).
    ("POST", "/api/v1/requests/*/customer"): R(["request"], body={"customer_card": CARD},
                                               also="request.work"),
    ("POST", "/api/v1/requests/*/close"): R(["request"], body={"outcome": "fulfilled"}),
    ("POST", "/api/v1/complaints"): R(body=lambda fx: {"branch": fx["branch"], "text": "walk"}),
    ("GET", "/api/v1/complaints"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("GET", "/api/v1/complaints/*"): R(["complaint"]),
    ("POST", "/api/v1/complaints/*/refer-director"): R(["complaint"], body={}),
    ("POST", "/api/v1/complaints/*/resolve"): R(["complaint"], body={"resolution": "walk"}),
    ("POST", "/api/v1/complaints/*/hq-contacted"): R(["complaint"],
                                                     body={"hq_contact": "a.hq_staff"}),
    ("POST", "/api/v1/situations"): R(body=lambda fx: {
        "branch": fx["branch"], "text": "walk", "private_area": True,
        "in_charge_included": True}),
    ("GET", "/api/v1/situations"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("POST", "/api/v1/situations/*/hq-contacted"): R(["situation"],
                                                     body={"hq_contact": "a.hq_staff"}),
    ("POST", "/api/v1/judgements"): R(body=lambda fx: {
        "branch": fx["branch"], "situation": "walk", "decision": "walk",
        "hq_reachable": False}),
    ("POST", "/api/v1/judgements/*/acknowledge"): R(["judgement"], body={}),
    ("POST", "/api/v1/branches/*/fetch"): R(["branch"], body={"about": "complaint"}),
    ("GET", "/api/v1/branches/*/fetches"): R(["branch"]),
    ("POST", "/api/v1/fetches/*/answer"): R(["fetch"], body={}),
    ("GET", "/api/v1/hq/dashboard"): R(),
    ("GET", "/api/v1/policies"): R(),
    ("POST", "/api/v1/policies"): R(body={"policy": "Walk", "title": "Walking",
                                          "text": "Walk the routes.", "rationale": "To see.",
                                          "approved_on": "2026-01-01"}),
    ("GET", "/api/v1/policies/*"): R(["section"]),
    ("POST", "/api/v1/policies/*/versions"): R(["section"], body={
        "policy": "Walk", "title": "Walking", "text": "Walk the routes again.",
        "rationale": "To see.", "approved_on": "2026-02-01"}),
    ("POST", "/api/v1/policies/*/acknowledge"): R(["section"], body={}),
    ("GET", "/api/v1/branches/*/unacknowledged"): R(["branch"]),
    ("GET", "/handbook"): R(),
    ("GET", "/handbook/*"): R(["section"]),
    ("POST", "/handbook/*/acknowledge"): R(["section"], form={}),
    ("POST", "/api/v1/incidents"): R(body=incident_body),
    ("GET", "/api/v1/incidents"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("GET", "/api/v1/incidents/*"): R(["incident"]),
    ("GET", "/api/v1/incidents/*/report.pdf"): R(["incident"]),
    ("PATCH", "/api/v1/incidents/*"): R(["incident"], body={"actions_taken": "Walked."}),
    ("POST", "/api/v1/incidents/*/hq-notified"): R(["incident"],
                                                   body={"taken_by": "a.hq_staff"}),
    ("POST", "/api/v1/incidents/*/business-manager-contacted"): R(["incident"], body={}),
    ("POST", "/api/v1/incidents/*/sign"): R(["incident"], body={"typed_name": "nobody"}),
    ("POST", "/api/v1/incidents/*/addenda"): R(["incident"],
                                               body={"text": "x", "typed_name": "nobody"}),
    ("POST", "/api/v1/incidents/*/attachments"): R(["incident"], raw=("image/png", PNG),
                                                   query={"name": "walk.png"}),
    ("GET", "/api/v1/incidents/*/attachments/*"): R(["incident", "attachment"]),
    ("POST", "/api/v1/incidents/*/take-over"): R(["incident"], body={}),
    # The walk's report is a draft: Headquarters is refused by the rule (409), others 403.
    ("POST", "/api/v1/incidents/*/review"): R(["incident"], body={}),
    ("POST", "/api/v1/incidents/*/tasks"): R(["incident"], body={
        "kind": "repair", "owner": "a.branch_manager", "due_on": FUTURE}),
    ("POST", "/api/v1/incidents/*/close"): R(["incident"], body={}),
    ("POST", "/api/v1/incident-tasks/*/done"): R(["=999999"], body={}),
    ("GET", "/api/v1/branches/*/calendar"): R(["branch"]),
    ("GET", "/api/v1/branches/*/open-items"): R(["branch"]),
    ("POST", "/api/v1/branches/*/closures"): R(["branch"], body={"date": FUTURE,
                                                                 "reason": "walk"}),
    ("DELETE", "/api/v1/branches/*/closures/*"): R(["branch", "=" + FUTURE]),
    ("GET", "/api/v1/holidays"): R(),
    ("POST", "/api/v1/holidays"): R(body={"date": FUTURE, "name": "Walk day"}),
    ("POST", "/api/v1/holidays/import"): R(raw=("text/calendar", ICS.encode())),
    ("DELETE", "/api/v1/holidays/*"): R(["=" + FUTURE]),
    ("GET", "/api/v1/reports/service"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("GET", "/api/v1/reports/service.csv"): R(query=lambda fx: {"branch": fx["branch"]}),
    ("GET", "/reports"): R(),
    ("GET", "/reports/*"): R(["branch"]),
    ("GET", "/"): R(),
    ("GET", "/login"): R(),
    ("POST", "/login"): R(form={"login": "nobody", "password": "not the password"}),
    ("POST", "/logout"): R(form={}),
    ("GET", "/desk/*"): R(["branch"]),  # anyone may open it to clock on there
    ("POST", "/desk/*/duty/on"): R(["branch"], form={}, after=back_on),
    ("POST", "/desk/*/duty/off"): R(["branch"], form={"note": "walking"}, after=back_on),
    ("GET", "/desk/*/queue"): R(["branch"]),
    ("POST", "/desk/*/visits"): R(["branch"], form={"channel": "in_person"}),
    ("POST", "/desk/*/next"): R(["branch"], form={}),
    ("POST", "/desk/*/open"): R(["branch"], form={}),
    ("POST", "/desk/*/roving"): R(["branch"], form={}),
    ("GET", "/desk/*/visits/*/catalogue"): R(["branch", "visit"], also="queue.work"),
    ("GET", "/desk/*/visits/*/items"): R(["branch", "visit"], also="queue.work"),
    ("POST", "/desk/*/visits/*/items"): R(["branch", "visit"], form={"card": CARD},
                                          also="queue.work"),
    ("POST", "/desk/*/visits/*/renew"): R(["branch", "visit"], form={}, also="queue.work"),
    ("POST", "/desk/*/visits/*/*"): R(["branch", "visit", "=acknowledge"], form={}),
    ("GET", "/desk/*/requests"): R(["branch"]),
    ("POST", "/desk/*/requests"): R(["branch"], form={"kind": "other", "text": "walk"}),
    ("GET", "/requests"): R(),
    ("GET", "/requests/*"): R(["request"]),
    ("GET", "/customers"): R(query={"q": "662-555"}),
    ("POST", "/customers"): R(form={"card": "70000098", "name": "Walk Form"}),
    ("GET", "/customers/*"): R(["customer"]),
    ("POST", "/customers/*/restrictions"): R(
        ["customer"], form=lambda fx: {"scope": "computer", "reason": "walk",
                                       "incident": fx["incident"]}, scoped=True),
    ("GET", "/restrictions/*/letter.pdf"): R(["restriction"]),
    ("POST", "/requests/*/alternatives/*/answer"): R(["request", "alt"], form={"accepted": "0"}),
    ("POST", "/requests/*/*"): R(["request", "=escalate"], form={}),
    ("GET", "/desk/*/complaints"): R(["branch"]),
    ("POST", "/desk/*/complaints"): R(["branch"], form={"text": "walk"}),
    ("POST", "/desk/*/situations"): R(["branch"], form={"text": "walk"}),
    ("POST", "/desk/*/judgements"): R(["branch"], form={"situation": "walk", "decision": "walk"}),
    ("GET", "/complaints/*"): R(["complaint"]),
    ("POST", "/complaints/*/refer-director"): R(["complaint"], form={}),
    ("POST", "/complaints/*/hq-contacted"): R(["complaint"], form={"hq_contact": "a.hq_staff"}),
    ("POST", "/complaints/*/resolve"): R(["complaint"], form={"resolution": "walk"}),
    ("POST", "/desk/*/fetch"): R(["branch"], form={"about": "incident"}),
    ("POST", "/desk/*/fetches/*/answer"): R(["branch", "fetch"], form={}),
    ("GET", "/hq"): R(),
    ("GET", "/needs"): R(),
    ("POST", "/hq/judgements/*/acknowledge"): R(["judgement"], form={}),
    ("GET", "/desk/*/incidents"): R(["branch"]),
    ("POST", "/desk/*/incidents"): R(["branch"], form={"category": "theft", "minutes_ago": "5",
                                                      "narrative": "walk"}),
    ("GET", "/incidents/*"): R(["incident"]),
    ("GET", "/incidents/*/signature"): R(["incident"]),
    ("POST", "/incidents/*/review"): R(["incident"], form={}),
    ("POST", "/incidents/*/tasks"): R(["incident"], form={"kind": "repair",
                                                       "owner": "a.branch_manager",
                                                       "due_on": FUTURE}),
    ("POST", "/incidents/*/close"): R(["incident"], form={}),
    ("POST", "/incident-tasks/*/done"): R(["=999999"], form={}),
    ("POST", "/incidents/*/attachments"): R(["incident"], raw=(
        "multipart/form-data; boundary=walk", UPLOAD)),
    ("POST", "/incidents/*/*"): R(["incident", "=business-manager-contacted"], form={}),
    ("GET", "/board/*/events"): R(["branch"], stream=True),
    ("GET", "/board/*"): R(["branch"]),
    ("GET", "/feedback/*"): R(["=no-such-link"]),
    ("POST", "/feedback/*"): R(["=no-such-link"], form={"score": "3"}),
    ("GET", "/kiosk/*"): R(["branch"]),
    ("POST", "/kiosk/*"): R(["branch"], form={"ticket": "A1"}),
    ("GET", "/desk/*/feedback"): R(["branch"]),
    # Setting up the exit kiosk: a new tablet's cookie for who may oversee the branch.
    ("POST", "/desk/*/kiosk"): R(["branch"], form={}),
    ("POST", "/desk/*/kiosks/*/retire"): R(["branch", "=999999"], form={}),
    ("POST", "/desk/*/feedback"): R(["branch"], form={"ticket": "A999"}),
    ("POST", "/desk/*/compliments/*/done"): R(["branch", "=999999"], form={}),
    ("GET", "/api/v1/branches/*/feedback"): R(["branch"]),
    # The customer's own pages: public. A made-up secret is no ticket's (404 for everyone);
    # the join form's post without its own token is refused (403 for everyone).
    ("GET", "/join/*"): R(["branch"]),
    ("POST", "/join/*"): R(["branch"], form={"reason": "card"}),
    ("GET", "/ticket/*"): R(["=AAAAAAAAAAAAAAAAAAAAAA"]),
    ("GET", "/ticket/*/status"): R(["=AAAAAAAAAAAAAAAAAAAAAA"]),
    ("GET", "/ticket/*/leave"): R(["=AAAAAAAAAAAAAAAAAAAAAA"]),
    ("POST", "/ticket/*/leave"): R(["=AAAAAAAAAAAAAAAAAAAAAA"], form={}),
    ("POST", "/ticket/*/feedback"): R(["=AAAAAAAAAAAAAAAAAAAAAA"], form={}),
    ("GET", "/join/*/sign"): R(["branch"]),
    ("GET", "/verify/*/*"): R(["incident", "=0123456789abcdef"]),
    ("GET", "/calendar"): R(),
    ("POST", "/calendar/holidays"): R(form={"date": FUTURE, "name": "Walk day"}),
    ("POST", "/calendar/holidays/import"): R(form={"ics": ICS}),
    ("POST", "/calendar/holidays/*/remove"): R(["=" + FUTURE], form={}),
    ("POST", "/calendar/*/days"): R(["branch"], form={"date": FUTURE, "reason": "walk"}),
    ("POST", "/calendar/*/days/*/remove"): R(["branch", "=" + FUTURE], form={}),
    ("GET", "/static/*"): R(["=style.css"]),
    ("GET", "/favicon.ico"): R(),
    ("GET", "/admin/users"): R(),
    ("POST", "/admin/users"): R(form=lambda fx: {"login": "page.one", "name": "Page One",
                                                  "role": "page", "branch": fx["branch"]},
                                scoped=True),
    ("POST", "/admin/users/*/change"): R(["target"], form={"name": "Renamed On A Page"}),
    ("POST", "/admin/users/*/deactivate"): R(["target"], form={"confirm": "yes"}, scoped=True),
    ("POST", "/admin/users/*/reactivate"): R(["target"], form={}, scoped=True),
}


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    for code, name in (("KOS", "Kosciusko"), ("CAR", "Carthage")):
        db.cli("branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "role_of": {}, "duty_at": "KOS"}
    for role in ROLES:
        login = "a." + role
        ctx[login] = db.add_user(login, role, "HQ" if role in HQ else "KOS",
                                 email=f"{login}@mmrls.example")
        ctx["role_of"][login] = role
    for login, role, branch in (("car.manager", "branch_manager", "CAR"),
                                ("car.staff", "staff", "CAR"), ("car.vol", "volunteer", "CAR"),
                                ("kos.target", "staff", "KOS"), ("car.target", "staff", "CAR")):
        ctx[login] = db.add_user(login, role, branch)
    srv = ctx["srv"] = Server(db)
    for role in ROLES:
        if role not in HQ:
            assert srv.api("POST", "/api/v1/duty", {"branch": "KOS"},
                           token=ctx["a." + role])[0] == 200
    for login in ("car.manager", "car.staff", "car.vol"):
        assert srv.api("POST", "/api/v1/duty", {"branch": "CAR"}, token=ctx[login])[0] == 200
    customer = ok(srv.api("POST", "/api/v1/customers", {"card": CARD, "name": NAME,
                                                          "phone": PHONE},
                          token=ctx["a.staff"]), 201)
    section = ok(srv.api("POST", "/api/v1/policies", {
        "policy": "Conduct", "title": "Quiet", "text": "Keep your voice low.",
        "rationale": "Others read.", "approved_on": "2025-01-01"},
        token=ctx["a.executive_director"]), 201)["id"]
    ctx["fixtures"] = {
        "own": records(ctx, "KOS", manager="a.branch_manager", staff="a.staff",
                       vol="a.volunteer", target="kos.target", section=section),
        "other": records(ctx, "CAR", manager="car.manager", staff="car.staff", vol="car.vol",
                         target="car.target", section=section)}
    for fx in ctx["fixtures"].values():
        fx["customer"] = str(customer["id"])
    return ctx


def teardown(ctx):
    assert ctx["srv"].stop() < 3


def ok(status_body, status):
    got, body = status_body
    assert got == status, f"expected {status}, got {got}: {body}"
    return body


def records(ctx, code, manager, staff, vol, target, section):
    """One of each record at branch code, made by its own people, each naming the customer
    where it can."""
    srv, t = ctx["srv"], lambda login: ctx[login]
    visit = ok(srv.api("POST", f"/api/v1/branches/{code}/visits",
                       {"channel": "in_person", "customer_card": CARD}, token=t(staff)), 201)
    call = ok(srv.api("POST", f"/api/v1/branches/{code}/visits", {"channel": "phone"},
                      token=t(staff)), 201)
    in_an_hour = iso(datetime.now(timezone.utc) + timedelta(hours=1))
    ok(srv.api("POST", f"/api/v1/visits/{call['id']}/callback",
               {"phone": PHONE, "promised_at": in_an_hour}, token=t(staff)), 200)
    req = ok(srv.api("POST", "/api/v1/requests", {"branch": code, "kind": "material",
                                                   "text": "A book", "customer_card": CARD},
                     token=t(staff)), 201)
    req = ok(srv.api("POST", f"/api/v1/requests/{req['id']}/alternatives",
                     {"kind": "interlibrary_loan"}, token=t(staff)), 200)
    complaint = ok(srv.api("POST", "/api/v1/complaints", {"branch": code, "text": "Too loud",
                                                         "customer_card": CARD},
                           token=t(manager)), 201)
    situation = ok(srv.api("POST", "/api/v1/situations", {
        "branch": code, "text": "Shouting", "private_area": True, "in_charge_included": True},
        token=t(manager)), 201)
    incident = ok(srv.api("POST", "/api/v1/incidents", {
        "branch": code, "occurred_at": a_minute_ago(), "category": "theft",
        "narrative": "A wallet was taken.", "people": [{"name": NAME, "kind": "customer"}]},
        token=t(manager)), 201)
    status, _, data = srv.request("POST", f"/api/v1/incidents/{incident['id']}/attachments"
                                  "?name=photo.png", PNG,
                                  {"Authorization": "Bearer " + t(manager),
                                   "Content-Type": "image/png"})
    assert status == 201, data
    attachment = json.loads(data)["attachments"][0]["id"]
    restriction = ok(srv.api("POST", f"/api/v1/customers/{CARD}/restrictions", {
        "scope": "computer", "reason": "Violent material", "incident": incident["id"]},
        token=t(manager)), 201)
    judgement = ok(srv.api("POST", "/api/v1/judgements", {
        "branch": code, "situation": "Storm", "decision": "Closed early",
        "hq_reachable": False}, token=t(manager)), 201)
    fetch = ok(srv.api("POST", f"/api/v1/branches/{code}/fetch", {"about": "complaint"},
                       token=t(vol)), 201)
    return {"branch": code, "visit": str(visit["id"]), "request": str(req["id"]),
            "alt": str(req["alternatives"][0]["id"]), "complaint": str(complaint["id"]),
            "situation": str(situation["id"]), "incident": str(incident["id"]),
            "attachment": str(attachment), "restriction": str(restriction["id"]),
            "judgement": str(judgement["id"]), "fetch": str(fetch["id"]), "target": target,
            "section": str(section)}


def route_table(ctx):
    out = ctx["db"].cli("routes").out
    rows = [line.split("\t") for line in out.splitlines()]
    return [{"method": r[0], "pattern": r[1], "auth": r[2], "action": r[3], "scope": r[4]}
            for r in rows]


def expected(route, entry, role, where):
    """403 or 'allowed' (anything but 403), by the matrix and branch scope; None when the
    route guards itself (logging in). where: "own" (the actor's branch, on duty there),
    "other" (another branch) or "visiting" (another branch the actor is on duty at)."""
    if route["auth"] == "login":  # it guards against forgery by its own means
        return None
    if route["auth"] != "user":
        return "allowed"
    scoped = entry.scoped if entry.scoped is not None else route["scope"] != "none"
    for action in (route["action"], entry.also) if entry.also else (route["action"],):
        if role not in MATRIX[action]:
            return 403
        if not scoped or role in HQ or where == "own":
            continue
        if action in HOME or (action in WORKPLACE and where == "other"):
            return 403
    return "allowed"


def call(ctx, route, entry, token, fx):
    """Sends the route's request as the holder of token; returns (status, body bytes)."""
    parts, params = route["pattern"].split("*"), []
    for p in entry.params:
        params.append(p[1:] if p.startswith("=") else fx[p])
    assert len(params) == len(parts) - 1, route["pattern"]
    path = parts[0] + "".join(urllib.parse.quote(v, safe="") + rest
                              for v, rest in zip(params, parts[1:]))
    query = entry.query(fx) if callable(entry.query) else entry.query
    if query:
        path += "?" + urllib.parse.urlencode(query)
    headers = {"Authorization": "Bearer " + token}
    body = None
    if entry.raw:
        headers["Content-Type"], body = entry.raw
    elif entry.form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        form = entry.form(fx) if callable(entry.form) else entry.form
        body = urllib.parse.urlencode(form)
    elif entry.body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(entry.body(fx) if callable(entry.body) else entry.body)
    srv = ctx["srv"]
    if entry.stream:
        c = srv.connection()
        c.request(route["method"], path, headers=headers)
        r = c.getresponse()  # the headers only: the stream itself never ends
        status = r.status
        c.close()
        return status, b""
    status, _, data = srv.request(route["method"], path, body, headers)
    return status, data


def test_every_route_has_an_entry_here_and_its_action_is_the_policys(ctx):
    table = route_table(ctx)
    missing = [f"{r['method']} {r['pattern']}" for r in table
               if (r["method"], r["pattern"]) not in WALK]
    assert not missing, "routes with no entry in tests/api/test_access.py: " + ", ".join(missing)
    stale = [k for k in WALK if k not in {(r["method"], r["pattern"]) for r in table}]
    assert not stale, f"entries for routes that no longer exist: {stale}"
    for r in table:
        if r["auth"] == "user":
            assert r["action"] in MATRIX, f"{r['pattern']}: unknown action {r['action']}"
    # The matrix in force is the one this file reads from the policy.
    printed = ctx["db"].cli("roles").out.splitlines()[2:]
    for line in printed:
        cells = [c.strip() for c in line.strip("|").split("|")]
        action, allowed = cells[0], {ROLES[i] for i, c in enumerate(cells[3:]) if c == "yes"}
        assert allowed == MATRIX[action], f"{action}: {sorted(allowed)} in force"
        reach = {"": None, "where one works": WORKPLACE, "own branch": HOME}[cells[2]]
        assert (reach is None and action not in SCOPED) or action in (reach or ()), \
            f"{action}: branch scope '{cells[2]}' in force"


def clock_everyone_on(ctx, branch):
    ctx["duty_at"] = branch
    for role in ROLES:
        if role not in HQ:
            ok(ctx["srv"].api("POST", "/api/v1/duty", {"branch": branch},
                              token=ctx["a." + role]), 200)


def walk(ctx, passes):
    """Every route, as every role, for each (where, fixtures) pass: the answers that differ
    from the policy, and those that show a volunteer or page a customer."""
    table = route_table(ctx)
    wrong, leaks = [], []
    for route in table:
        entry = WALK[(route["method"], route["pattern"])]
        for role in ROLES:
            login = "a." + role
            for where, fixtures in passes:
                fx = ctx["fixtures"][fixtures]
                status, data = call(ctx, route, entry, ctx[login], fx)
                if entry.after:
                    entry.after(ctx, login)
                want = expected(route, entry, role, where)
                what = f"{route['method']} {route['pattern']} as {role} ({where} branch)"
                if status >= 500 or (want is not None and (want == 403) != (status == 403)):
                    wrong.append(f"{what}: {status}, expected "
                                 f"{'403' if want == 403 else 'not 403'}: {data[:300]!r}")
                # CS-CONFIDENTIAL: never a customer to a volunteer or a page, by any path.
                if role in ("volunteer", "page") and any(
                        secret.encode() in data for secret in (CARD, NAME, PHONE)):
                    leaks.append(f"{what} shows the customer: {data[:300]!r}")
    return wrong, leaks


def test_every_route_for_every_role_at_its_own_branch_and_another(ctx):
    clock_everyone_on(ctx, "KOS")
    wrong, leaks = walk(ctx, (("own", "own"), ("other", "other")))
    assert not leaks, "\n".join(leaks)
    assert not wrong, f"{len(wrong)} answers differ from the policy:\n" + "\n".join(wrong[:40])


def test_every_route_for_every_role_visiting_another_branch(ctx):
    # On duty at another branch: its desk's work, yes; running it (its people, its oversight,
    # its audit, its bans, its days, its figures), no.
    clock_everyone_on(ctx, "CAR")
    try:
        wrong, leaks = walk(ctx, (("visiting", "other"),))
    finally:
        clock_everyone_on(ctx, "KOS")
    assert not leaks, "\n".join(leaks)
    assert not wrong, f"{len(wrong)} answers differ from the policy:\n" + "\n".join(wrong[:40])


def test_those_who_may_see_customers_do_see_them_where_they_work(ctx):
    # The walk above proves absence; this proves the same paths carry the customer to
    # whom the policy lets see them, so the absence is not an accident of the fixtures.
    srv, fx = ctx["srv"], ctx["fixtures"]["own"]
    for path in (f"/api/v1/branches/KOS/queue", f"/api/v1/requests/{fx['request']}",
                 f"/api/v1/complaints/{fx['complaint']}", f"/requests/{fx['request']}"):
        status, _, data = srv.request("GET", path,
                                      headers={"Authorization": "Bearer " + ctx["a.staff"]})
        assert status == 200 and NAME.encode() in data, (path, status, data[:300])
