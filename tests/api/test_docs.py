"""The documentation against the program: every route of the route table (`frontdesk routes`)
has its entry in docs/api.md, every route docs/api.md names exists, and README.md and
docs/*.md point only at files of the repository (never outside it, never at one missing)
and at headings those files have."""
import os
import re

from harness import Db

BACKENDS = ("sqlite",)  # the route table and the docs are the same on every database

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
API_MD = os.path.join(ROOT, "docs", "api.md")

# `GET /api/v1/branches/{code}/calendar?from=&to=`, `POST /login`, `DELETE /x/{id} {"a"}`...
DOC_ROUTE = re.compile(r"`(GET|HEAD|POST|PUT|PATCH|DELETE) (/[^`\s?]*)[^`]*`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|^\[[^\]]+\]:\s*(\S+)", re.M)


def setup():
    db = Db()
    db.cli("init")
    out = db.cli("routes").out
    return {"routes": [tuple(line.split("\t")[:2]) for line in out.splitlines()]}


def documented():
    """(method, path with {…} as *, line number) for every route named in docs/api.md."""
    found = []
    with open(API_MD, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            for method, path in DOC_ROUTE.findall(line):
                found.append((method, re.sub(r"\{[^}/]*\}", "*", path), number))
    return found


def covers(route, doc):
    """Whether a doc entry names the route: a * of the route takes any segment, a literal
    segment of the route only itself (HEAD is answered as GET)."""
    (rm, rp), (dm, dp) = route, doc
    if rm != dm and not (rm == "GET" and dm == "HEAD"):
        return False
    rs, ds = rp.split("/"), dp.split("/")
    return len(rs) == len(ds) and all(r == "*" or r == d for r, d in zip(rs, ds))


def test_every_route_is_in_the_api_reference(ctx):
    docs = documented()
    assert len(docs) > 50, "docs/api.md names hardly any route: has its format changed?"
    missing = [f"{m} {p}" for m, p in ctx["routes"]
               if not any(covers((m, p), (dm, dp)) for dm, dp, _ in docs)]
    assert not missing, "routes not documented in docs/api.md: " + ", ".join(missing)


def test_every_route_the_api_reference_names_exists(ctx):
    stale = [f"docs/api.md:{n}: {m} {p}" for m, p, n in documented()
             if not any(covers(route, (m, p)) for route in ctx["routes"])]
    assert not stale, "docs/api.md names routes the server does not have: " + "; ".join(stale)


def markdown_files():
    yield os.path.join(ROOT, "README.md")
    for folder, _, names in os.walk(os.path.join(ROOT, "docs")):
        for name in sorted(names):
            if name.endswith(".md"):
                yield os.path.join(folder, name)


def headings(path):
    """The anchors of a Markdown file's headings, as GitHub makes them."""
    anchors, seen, in_code = set(), {}, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            in_code ^= line.startswith("```")
            m = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
            if m and not in_code:
                slug = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
                anchors.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
                seen[slug] = seen.get(slug, 0) + 1
    return anchors


def test_the_docs_point_only_inside_the_repository(ctx):
    problems = []
    for path in markdown_files():
        rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for number, line in enumerate(text.splitlines(), 1):
            if "../shared" in line or "/work/" in line:
                problems.append(f"{rel}:{number}: names a place outside the repository")
        for match in LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # a web address or mailto:
            name, _, anchor = target.partition("#")
            file = os.path.normpath(os.path.join(os.path.dirname(path), name)) if name else path
            number = text.count("\n", 0, match.start()) + 1
            if os.path.relpath(file, ROOT).startswith(".."):
                problems.append(f"{rel}:{number}: {target} is outside the repository")
            elif not os.path.exists(file):
                problems.append(f"{rel}:{number}: {target} does not exist")
            elif anchor and file.endswith(".md") and anchor not in headings(file):
                problems.append(f"{rel}:{number}: {target}: no such heading")
    assert not problems, "\n".join(problems)


def test_the_check_finds_what_it_is_for(ctx):
    # A route the docs lack, and an entry for no route, are both told apart from a match.
    assert covers(("POST", "/api/v1/visits/*/*"), ("POST", "/api/v1/visits/*/*"))
    assert covers(("GET", "/board/*"), ("HEAD", "/board/*"))
    assert not covers(("GET", "/api/v1/branches/*/open-items"), ("GET", "/api/v1/branches/*"))
    assert not covers(("GET", "/api/v1/holidays"), ("POST", "/api/v1/holidays"))
    assert not covers(("GET", "/reports"), ("GET", "/reports/*"))
