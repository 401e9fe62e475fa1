"""What the pages OFFER, for every role at its own branch and at another: every form a page
shows must be one its reader may send (the route table's action and branch scope, by the same
matrix as test_access.py, and the policy's refusals beyond it), no form field may ask for what
the reader may not give, every link must open, and no page may show a customer to those who
may not read customers. A page route the walk cannot reach, or a form route no page offers,
is a failure unless listed below with the reason."""
import html.parser
import re
import urllib.parse

import test_access as access
from test_access import CARD, HQ, MATRIX, NAME, PHONE, ROLES, WALK

teardown = access.teardown


def setup():
    """test_access.py's two branches and records, and the states some forms need: a
    holiday, a closed day at each branch, a deactivated person, a signed report."""
    ctx = access.setup()
    srv, boss = ctx["srv"], ctx["a.executive_director"]
    access.ok(srv.api("POST", "/api/v1/holidays", {"date": access.FUTURE, "name": "Walk day"},
                      token=boss), 201)
    for code in ("KOS", "CAR"):
        access.ok(srv.api("POST", f"/api/v1/branches/{code}/closures",
                          {"date": access.FUTURE, "reason": "Floors"}, token=boss), 201)
    access.ok(srv.api("POST", "/api/v1/users/kos.target/deactivate", {}, token=boss), 200)
    manager = ctx["a.branch_manager"]
    # A kiosk set up at each branch, whose managers' feedback page then offers to retire it.
    for code, who in (("KOS", manager), ("CAR", ctx["car.manager"])):
        status, _, _ = srv.request("POST", f"/desk/{code}/kiosk", "", {
            "Authorization": "Bearer " + who,
            "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, status
    signed = access.ok(srv.api("POST", "/api/v1/incidents", access.incident_body(
        {"branch": "KOS"}), token=manager), 201)["id"]
    path = f"/api/v1/incidents/{signed}"
    access.ok(srv.api("POST", path + "/hq-notified", {"taken_by": "a.hq_staff"},
                      token=manager), 200)
    access.ok(srv.api("POST", path + "/sign", {"typed_name": "A Branch_Manager"},
                      token=manager), 200)
    ctx["signed"] = str(signed)
    # Headquarters' follow-up: a report reviewed with a task open (its owner's "Mark done"),
    # and one reviewed with none (its "Close the report").
    for key, task in (("followed", True), ("closable", False)):
        rid = access.ok(srv.api("POST", "/api/v1/incidents", access.incident_body(
            {"branch": "KOS"}), token=manager), 201)["id"]
        path = f"/api/v1/incidents/{rid}"
        access.ok(srv.api("POST", path + "/hq-notified", {"taken_by": "a.hq_staff"},
                          token=manager), 200)
        access.ok(srv.api("POST", path + "/sign", {"typed_name": "A Branch_Manager"},
                          token=manager), 200)
        access.ok(srv.api("POST", path + "/review", {}, token=boss), 200)
        if task:
            access.ok(srv.api("POST", path + "/tasks", {
                "kind": "repair", "owner": "a.branch_manager", "due_on": access.FUTURE},
                token=boss), 201)
        ctx[key] = str(rid)
    return ctx

# Routes of the table that are not pages a person reads, or that no page need offer.
NOT_PAGES = {
    ("GET", "/healthz"): "a probe for the load balancer",
    ("GET", "/metrics"): "figures for the monitoring system",
    ("GET", "/static/*"): "style sheet and scripts",
    ("GET", "/favicon.ico"): "the browser's tab icon",
    ("GET", "/login"): "asked before one is a user",
    ("GET", "/board/*/events"): "the board's stream of changes, read by its script",
    ("GET", "/ticket/*/status"): "the ticket page's changing part, read by its script",
}
NOT_OFFERED = {
    ("POST", "/complaints/*/hq-contacted"): "offered only when a substitute took a complaint "
                                            "with no permanent staff on (test_complaint_pages)",
    ("POST", "/login"): "the login form, shown to no one logged in",
    ("POST", "/calendar/holidays/import"): "an .ics upload: a file field, not walked here",
    ("POST", "/join/*"): "the customer's join form, offered to a phone (test_join)",
    ("POST", "/ticket/*/leave"): "offered on a ticket's own page, by its secret (test_join)",
    ("POST", "/ticket/*/feedback"): "offered on a finished ticket's own page, by its secret "
                                    "(test_join)",
    ("POST", "/feedback/*"): "offered on a finished visit's own secret link, which the walk's "
                             "example has not (test_feedback and feedback.test.mjs send it)",
    ("POST", "/kiosk/*"): "offered only on a tablet the branch set up as its exit kiosk (its "
                          "cookie; test_feedback and feedback.test.mjs send it)",
    ("POST", "/desk/*/visits/*/items"): "offered on a renewal call's page only while its reader "
                                        "serves the call, which has no customer (test_renewal)",
    ("POST", "/desk/*/visits/*/renew"): "offered on a renewal call's page only while its reader "
                                        "serves the call (test_renewal, renewal.test.mjs)",
    ("POST", "/desk/*/compliments/*/done"): "offered only once a customer's compliment waits "
                                            "(test_feedback and feedback.test.mjs press it)",
}
# A form field that asks for a customer: only those who may read customers may give one.
# ("new_customer" only flags a walk-in as new: it asks nothing about who she is.)
CUSTOMER_FIELD = re.compile(r"card|^customer")
# The policy's refusals beyond the matrix (CS-DIFFICULT, CS-JUDGE): who may ever take a
# difficult case, and who may ever record a judgement call (at their own branch).
DIFFICULT = set(ROLES) - {"volunteer", "page"}
JUDGES = {"branch_manager", "assistant_librarian"}
# A report is finished, signed, added to and taken over by its holder (the fixtures' reports
# are their branch managers'), the branch's own managers on duty there, and Headquarters.
FINISHERS = access.MANAGERS


class Page(html.parser.HTMLParser):
    """The forms (method, action, fields) and links of one page."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(),
                          "action": a.get("action") or "", "fields": {}, "choices": {}}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            if a.get("name") and a.get("type") != "submit":
                self._form["fields"][a["name"]] = a.get("value", "")
                self._select = a["name"] if tag == "select" else None
                if tag == "select":
                    self._form["choices"][a["name"]] = []
        elif tag == "option" and self._form is not None and self._select:
            self._form["choices"][self._select].append(a.get("value", ""))
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse(data):
    p = Page()
    p.feed(data.decode("utf-8", errors="replace"))
    return p


def match(table, method, path):
    """The route of the table a request would reach, as the server matches: in order, "*"
    one segment (a final "*" too)."""
    segs = path.split("/")
    for route in table:
        if route["method"] != method:
            continue
        pat = route["pattern"].split("/")
        if len(pat) == len(segs) and all(p in ("*", s) for p, s in zip(pat, segs)):
            return route, [s for p, s in zip(pat, segs) if p == "*"]
    return None, []


def record_branches(ctx):
    """Which branch each fixture record belongs to, by the kind of scope its route has."""
    out = {}
    for fx in ctx["fixtures"].values():
        for kind in ("request", "complaint", "situation", "incident", "judgement", "fetch",
                     "visit", "restriction"):
            out[(kind, fx[kind])] = fx["branch"]
    for key in ("signed", "followed", "closable"):
        out[("incident", ctx[key])] = "KOS"
    return out


def where_of(ctx, route, params, role):
    """Where the record a route acts on is, as the actor sees it: "own" (her home branch),
    "visiting" (another she is on duty at) or "other"; and whether she is on duty there."""
    scope = route["scope"]
    if scope == "none" or not params or role in HQ:
        return "own", True, None
    if scope == "branch":
        branch = params[0]
    else:
        branch = ctx["branches"].get((scope, params[0]))
        if branch is None:
            return None, False, f"{scope} {params[0]} is not a record of the fixtures"
    on_duty = branch == ctx["duty_at"]
    where = "own" if branch == "KOS" else "visiting" if on_duty else "other"
    return where, on_duty, None


def may_send(ctx, role, route, params, fields, choices):
    """Why role may not send this form, or None when it may."""
    entry = WALK[(route["method"], route["pattern"])]
    where, on_duty, why = where_of(ctx, route, params, role)
    if why:
        return why
    if access.expected(route, entry, role, where) == 403:
        return f"the matrix refuses {route['action']} ({where} branch)"
    if route["action"] == "difficult.work" and role not in DIFFICULT:
        return "CS-DIFFICULT refuses volunteers and pages: they fetch the person in charge"
    if route["action"] == "judgement.record" and (role not in JUDGES or where != "own"):
        return "CS-JUDGE: only the branch's own manager or assistant librarian decides"
    if route["pattern"] == "/incidents/*/*" and role not in HQ and \
            (role not in FINISHERS or where != "own" or not on_duty):
        return "the report is its holder's, its branch's managers' or Headquarters' to finish"
    # A route scoped by the branch the form names offers only branches the role may name.
    if entry.scoped and route["scope"] == "none" and role not in HQ:
        for code in choices.get("branch", ()):
            if access.expected(route, entry, role, "own" if code == "KOS" else "other") == 403:
                return f"it offers the branch '{code or 'none'}', not the reader's to choose"
    asks = [f for f in fields if CUSTOMER_FIELD.search(f)]
    if asks and role not in MATRIX["customer.read"]:
        return f"it asks for a customer ({', '.join(asks)}) of one who may not read customers"
    return None


def get(ctx, role, path):
    status, headers, data = ctx["srv"].request(
        "GET", path, headers={"Authorization": "Bearer " + ctx["a." + role]})
    return status, data


def page_paths(ctx, table):
    """Every GET page of the table, filled from each branch's fixtures; and the page routes
    the walk cannot fill."""
    paths, unreached = [], []
    for route in table:
        key = (route["method"], route["pattern"])
        if route["method"] != "GET" or route["pattern"].startswith("/api/") or key in NOT_PAGES:
            continue
        entry = WALK.get(key)
        if entry is None:
            unreached.append(f"GET {route['pattern']}")
            continue
        for fx in ctx["fixtures"].values():
            parts = route["pattern"].split("*")
            vals = [p[1:] if p.startswith("=") else fx[p] for p in entry.params]
            path = parts[0] + "".join(urllib.parse.quote(v, safe="") + rest
                                      for v, rest in zip(vals, parts[1:]))
            query = entry.query(fx) if callable(entry.query) else entry.query
            if query:
                path += "?" + urllib.parse.urlencode(query)
            if path not in paths:
                paths.append(path)
    # States the route table's walk does not reach: a search that finds nobody (the quick
    # registration), a signed report (its addendum) and each branch's month with its closed
    # day.
    paths += ["/customers?q=Nobody+Known", f"/incidents/{ctx['signed']}"]
    paths += [f"/incidents/{ctx['followed']}", f"/incidents/{ctx['closable']}"]
    paths += [f"/calendar?branch={code}&month={access.FUTURE[:7]}" for code in ("KOS", "CAR")]
    return paths, unreached


def survey(ctx):
    """Every page as every role: the faults found, and the form routes some page offers."""
    table = access.route_table(ctx)
    ctx["branches"] = record_branches(ctx)
    paths, unreached = page_paths(ctx, table)
    faults = [f"page route {p} is not walked (add it to test_access.WALK)" for p in unreached]
    offered, opened = set(), {}
    for role in ROLES:
        for path in paths:
            status, data = get(ctx, role, path)
            if status != 200:
                continue
            faults += look(ctx, table, role, path, data, offered, opened)
    return faults, offered


def look(ctx, table, role, path, data, offered, opened):
    """The faults of one page as role sees it."""
    faults, p = [], parse(data)
    where = f"{path} as {role}"
    if role not in MATRIX["customer.read"]:
        for secret in (CARD, NAME, PHONE):
            if secret.encode() in data:
                faults.append(f"{where}: shows the customer ({secret})")
    for form in p.forms:
        if form["method"] != "post":
            continue
        action = urllib.parse.urlsplit(form["action"]).path
        route, params = match(table, "POST", action)
        if route is None:
            faults.append(f"{where}: a form posts to {action}, which no route answers")
            continue
        offered.add((route["method"], route["pattern"]))
        why = may_send(ctx, role, route, params, form["fields"], form["choices"])
        if why:
            faults.append(f"{where}: offers the form to {action}, but {why}")
    # A search form leads to a page as a link does.
    links = p.links + [f["action"] for f in p.forms if f["method"] == "get"]
    for href in links:
        url = urllib.parse.urlsplit(href)
        if url.scheme or url.netloc or not url.path.startswith("/") or \
                url.path.startswith("/static/"):
            continue
        target = url.path + ("?" + url.query if url.query else "")
        if (role, target) not in opened:
            opened[(role, target)] = get(ctx, role, target)[0]
        if opened[(role, target)] >= 400:
            faults.append(f"{where}: links to {target}, which answers "
                          f"{opened[(role, target)]}")
    return faults


def test_every_page_offers_only_what_its_reader_may_do(ctx):
    faults, offered = survey(ctx)
    ctx["offered"] = offered
    faults = sorted(set(faults))
    assert not faults, f"{len(faults)} offers a reader may not take:\n" + "\n".join(faults)


def test_every_page_offers_only_what_its_reader_may_do_visiting_another_branch(ctx):
    # On duty at the other branch: its desk's work is offered; running it, and finishing
    # the reports of one's home branch from afar, are not.
    access.clock_everyone_on(ctx, "CAR")
    try:
        faults = sorted(set(survey(ctx)[0]))
    finally:
        access.clock_everyone_on(ctx, "KOS")
    assert not faults, f"{len(faults)} offers a reader may not take:\n" + "\n".join(faults)


def test_every_form_route_is_offered_by_some_page(ctx):
    if "offered" not in ctx:
        ctx["offered"] = survey(ctx)[1]
    table = access.route_table(ctx)
    missing = [f"POST {r['pattern']}" for r in table
               if r["method"] == "POST" and not r["pattern"].startswith("/api/")
               and (r["method"], r["pattern"]) not in ctx["offered"]
               and (r["method"], r["pattern"]) not in NOT_OFFERED]
    assert not missing, "form routes no page offers to anyone: " + ", ".join(missing)


def test_the_walk_can_fail(ctx):
    # The checks themselves: a volunteer offered the complaint form, or a card field, is a
    # fault; a manager offered the same is not.
    table = access.route_table(ctx)
    ctx["branches"] = record_branches(ctx)
    form = (b'<form method="post" action="/desk/KOS/complaints">'
            b'<input name="customer_card"><textarea name="text"></textarea></form>')
    assert look(ctx, table, "volunteer", "/x", form, set(), {})
    assert not look(ctx, table, "branch_manager", "/x", form, set(), {})
    link = b'<a href="/hq">Headquarters</a>'
    assert look(ctx, table, "staff", "/x", link, set(), {})
    assert not look(ctx, table, "hq_staff", "/x", link, set(), {})


# The forms that only begin a record: safe to send as offered, to hear the policy's answer.
BEGINS = {"/desk/*/complaints", "/desk/*/situations", "/desk/*/judgements", "/desk/*/incidents",
          "/desk/*/fetch", "/desk/*/requests", "/desk/*/visits"}


def filled(form):
    """The form as a person would send it with the least typing: its defaults, the first
    choice of each list, and a word in every empty text box."""
    out = {}
    for name, value in form["fields"].items():
        choices = form["choices"].get(name)
        out[name] = value or (next((c for c in choices if c), "") if choices else "walk")
    return out


def test_a_form_offered_is_one_the_policy_then_accepts(ctx):
    # Beyond the matrix: whatever the desk's own pages offer to begin (a complaint, a
    # situation, a judgement call, an incident, a fetch, a request, a visit), sent as offered,
    # must not meet a refusal (403, or 409 naming a CS- rule).
    table, refused = access.route_table(ctx), []
    for role in ROLES:
        token = ctx["a." + role]
        for path in ("/desk/KOS", "/desk/KOS/complaints", "/desk/KOS/incidents",
                     "/desk/KOS/requests"):
            status, data = get(ctx, role, path)
            if status != 200:
                continue
            for form in parse(data).forms:
                route, _ = match(table, "POST", urllib.parse.urlsplit(form["action"]).path)
                if form["method"] != "post" or not route or route["pattern"] not in BEGINS:
                    continue
                body = urllib.parse.urlencode(filled(form))
                got, _, answer = ctx["srv"].request(
                    "POST", form["action"], body,
                    {"Authorization": "Bearer " + token,
                     "Content-Type": "application/x-www-form-urlencoded"})
                if got in (403, 409):
                    refused.append(f"{path} as {role}: {form['action']} answered {got}: "
                                   f"{re.sub(r'<[^>]+>', ' ', answer.decode())[-300:]}")
    assert not refused, "\n".join(refused)
