"""The audit log's anchors: serve's worker signs the log's head as it moves and
emails the day's head to the Branch Services Coordinator; `audit verify` fails when the log no
longer reaches an anchored head (the newest entries deleted, or all of them), when an anchor
was changed or replayed, when the chain was rewritten and re-hashed, and, given the head the
witness kept, when the anchors were deleted too; `audit head` prints the head."""
import base64
import hashlib
import re
import time

import harness
from harness import Db, Server, SmtpSink, stop_server_and_mail

BSC = "bsc@mmrls.example"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "HQ", "--name", "Headquarters", "--headquarters")
    db.add_user("coordinator", "branch_services_coordinator", "HQ", email=BSC)
    db.add_user("director", "executive_director", "HQ", email="director@mmrls.example")
    ctx = {"db": db, "smtp": SmtpSink()}
    # Anchored every second here, not every five minutes, so the worker is seen at work.
    ctx["srv"] = Server(db, config="[audit]\nanchor_interval_s = 1\n", smtp=ctx["smtp"])
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def head(db):
    """(entry, hash) of the head and (entry, hash) of the last anchor, as audit head prints
    them (None when there is none)."""
    out = db.cli("audit", "head").out
    h = re.search(r"^head: +entry (\d+) +\S+ +([0-9a-f]{64})$", out, re.M)
    a = re.search(r"^anchored: +entry (\d+) +\S+ +([0-9a-f]{64}) +key ([0-9a-f]{16})$", out,
                  re.M)
    return ((int(h[1]), h[2]) if h else None), ((int(a[1]), a[2], a[3]) if a else None)


def witness_mails(ctx):
    return [m for m in ctx["smtp"].messages()
            if BSC in m["X-Rcpt-To"] and m["Subject"].startswith("Audit log head")]


def wait_for(what, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.2)
    return what()


def test_the_days_head_is_emailed_to_the_branch_services_coordinator(ctx):
    db = ctx["db"]
    mails = wait_for(lambda: witness_mails(ctx))
    assert len(mails) == 1, [m["Subject"] for m in ctx["smtp"].messages()]
    body = mails[0].get_payload(decode=True).decode()
    field = {k: v for k, v in re.findall(r"^  (\w[\w ]*): +(\S+)", body, re.M)}
    entry, digest = int(field["entry"]), field["hash"]
    assert f"entry {entry}" in mails[0]["Subject"]
    # It is the anchor the database holds, signed with the installation's key.
    assert db.sql(f"SELECT head_hash, signature FROM audit_anchor WHERE audit_id = {entry} "
                  "ORDER BY id LIMIT 1") == [[digest, field["signature"]]]
    assert db.sql(f"SELECT hash FROM audit_log WHERE id = {entry}") == [[digest]]
    pk = base64.b64decode(db.sql("SELECT public_key FROM signing_key")[0][0])
    assert field["key"] == hashlib.blake2b(pk, digest_size=8).hexdigest()
    assert f"frontdesk audit verify --head {entry}:{digest}" in body
    assert "director@" not in mails[0]["X-Rcpt-To"]
    ctx["witnessed"] = (entry, digest)
    out = db.cli("audit", "verify", "--head", f"{entry}:{digest}").out
    assert f"reaches the witnessed head, entry {entry}" in out, out


def test_the_worker_anchors_the_head_as_it_moves_and_emails_once_a_day(ctx):
    db = ctx["db"]
    db.add_user("hq.new", "hq_staff", "HQ")  # the head moves on
    now, _ = head(db)
    assert now[0] > ctx["witnessed"][0]
    anchored = wait_for(lambda: head(db)[1] if head(db)[1][:2] == now else None)
    assert anchored and anchored[:2] == now, head(db)
    time.sleep(2)
    assert len(witness_mails(ctx)) == 1  # the day's head went; the next goes tomorrow


def test_audit_head_prints_the_head_and_the_last_anchor(ctx):
    db = ctx["db"]
    (entry, digest), anchored = head(db)
    assert db.sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") == \
        [[str(entry), digest]]
    last = db.sql("SELECT audit_id, head_hash FROM audit_anchor ORDER BY id DESC LIMIT 1")
    assert [[str(anchored[0]), anchored[1]]] == last


def test_the_worker_says_when_the_log_was_cut_short(ctx):
    db = ctx["db"]
    (entry, _), anchored = head(db)
    assert anchored[0] == entry or wait_for(lambda: head(db)[1][0] == entry)
    db.execute(f"DELETE FROM audit_log WHERE id > {entry - 2}")
    said = wait_for(lambda: "entries were deleted" in ctx["srv"].output() and
                    ctx["srv"].output())
    assert f"the audit log ends at entry {entry - 2}, before its last anchored entry " \
        f"{entry}" in said, said[-2000:]
    assert "cut short" in db.cli("audit", "verify", expect=1).err


def anchored_log():
    """A log of a few entries anchored twice, with no server to anchor it again: (the
    database, the first anchored head, the last), each head (entry, hash)."""
    db = Db()
    db.cli("init")
    db.add_user("one", "executive_director")
    db.cli("audit", "anchor")
    first = head(db)[0]
    db.add_user("two", "business_manager")
    db.add_user("three", "hq_staff")
    db.cli("audit", "anchor")
    last = head(db)[0]
    assert last[0] > first[0] + 1
    return db, first, last


def test_an_empty_log_has_no_head_to_anchor(ctx):
    db = Db()
    db.cli("init")
    assert "empty" in db.cli("audit", "anchor", expect=1).err
    assert "none" in db.cli("audit", "head").out
    assert "intact: 0 entries" in db.cli("audit", "verify").out


def test_anchoring_the_same_head_twice_adds_nothing(ctx):
    db = Db()
    db.cli("init")
    db.add_user("one", "hq_staff")
    first = db.cli("audit", "anchor").out
    entry = re.match(r"anchored entry (\d+) ", first)[1]
    again = db.cli("audit", "anchor").out
    assert again.startswith(f"entry {entry}, the head, is anchored already ("), again
    assert again.rstrip().endswith("nothing was added"), again
    assert db.sql("SELECT count(*) FROM audit_anchor") == [["1"]]
    # A head that moved on is anchored as before.
    db.add_user("two", "hq_staff")
    assert db.cli("audit", "anchor").out.startswith("anchored entry ")
    assert db.sql("SELECT count(*) FROM audit_anchor") == [["2"]]
    assert "2 anchors checked" in db.cli("audit", "verify").out


def test_verify_passes_on_a_log_left_alone(ctx):
    db, _, last = anchored_log()
    out = db.cli("audit", "verify").out
    assert f"intact: {last[0]} entries" in out, out
    assert f"reaches its last anchored head, entry {last[0]}" in out and "2 anchors" in out, out
    out = db.cli("audit", "verify", "--head", f"{last[0]}:{last[1]}").out
    assert f"reaches the witnessed head, entry {last[0]}" in out, out
    db.cli("audit", "verify", "--head", str(last[0]), expect=2)
    db.cli("audit", "verify", "--head", f"{last[0]}:{last[1][:20]}", expect=2)


def test_deleting_the_newest_entries_fails_verify(ctx):
    db, first, last = anchored_log()
    db.execute(f"DELETE FROM audit_log WHERE id > {first[0]}")
    err = db.cli("audit", "verify", expect=1).err
    assert "cut short" in err and f"entry {last[0]}," in err, err
    assert f"the log ends at entry {first[0]}" in err, err


def test_deleting_every_entry_fails_verify(ctx):
    db, first, _ = anchored_log()
    db.execute("DELETE FROM audit_log")
    err = db.cli("audit", "verify", expect=1).err
    assert "cut short" in err and f"entry {first[0]}," in err and "the log is empty" in err, err


def test_deleting_the_anchors_too_is_caught_by_the_witnessed_head(ctx):
    db, first, last = anchored_log()
    db.execute(f"DELETE FROM audit_log WHERE id > {first[0]}")
    db.execute("DELETE FROM audit_anchor")
    # Without a head kept outside the database, nothing is left to tell...
    assert "intact" in db.cli("audit", "verify").out
    # ...which is what the witness mail is for.
    err = db.cli("audit", "verify", "--head", f"{last[0]}:{last[1]}", expect=1).err
    assert f"the witnessed head, entry {last[0]}, is missing" in err, err
    assert f"the log ends at entry {first[0]}" in err, err


def test_an_anchor_changed_or_replayed_fails_verify(ctx):
    db, first, _ = anchored_log()
    db.execute("UPDATE audit_anchor SET at = at - 60 WHERE id = 1")
    err = db.cli("audit", "verify", expect=1).err
    assert "anchor 1 " in err and "does not verify" in err, err
    db.execute("UPDATE audit_anchor SET at = at + 60 WHERE id = 1")
    db.cli("audit", "verify")
    # A genuine old anchor copied in as the newest one: signed, but out of order.
    db.execute("INSERT INTO audit_anchor (audit_id, head_hash, at, signature) SELECT audit_id, "
               "head_hash, at, signature FROM audit_anchor WHERE id = 1")
    err = db.cli("audit", "verify", expect=1).err
    assert "out of order" in err and f"entry {first[0]}" in err, err


def entry_hash(prev, row):
    """The chain's hash of an entry (store_audit.c): BLAKE2b-256 over the previous hash and
    every field, joined by unit separators."""
    at, staff, source, action, kind, key = row
    staff = staff if staff not in ("", "None") else "0"
    text = "\x1f".join([prev, at, staff, source, action, kind, key])
    return hashlib.blake2b(text.encode(), digest_size=32).hexdigest()


def rewrite_from(db, entry):
    """Changes entry's action and re-hashes the chain from there on, as someone covering
    their tracks would: the chain alone then looks intact."""
    rows = db.sql(f"SELECT id, prev_hash, at, staff_id, source, action, object_kind, "
                  f"object_key FROM audit_log WHERE id >= {entry} ORDER BY id")
    prev = rows[0][1]
    for eid, _, at, staff, source, action, kind, key in rows:
        if int(eid) == entry:
            action = "deactivate"
        digest = entry_hash(prev, (at, staff, source, action, kind, key))
        db.execute(f"UPDATE audit_log SET action = '{action}', prev_hash = '{prev}', "
                   f"hash = '{digest}' WHERE id = {eid}")
        prev = digest


def test_a_rewritten_chain_fails_verify_against_its_anchors(ctx):
    db, first, last = anchored_log()
    rewrite_from(db, first[0])
    err = db.cli("audit", "verify", expect=1).err
    assert "rewritten" in err and f"entry {first[0]} no longer has the hash" in err, err


def test_a_rewrite_whose_anchor_was_replaced_is_caught_by_the_witnessed_head(ctx):
    db, first, last = anchored_log()
    rewrite_from(db, first[0] + 1)
    db.execute("DELETE FROM audit_anchor WHERE id = 2")
    db.cli("audit", "anchor")  # the rewritten head, anchored afresh
    assert "intact" in db.cli("audit", "verify").out
    err = db.cli("audit", "verify", "--head", f"{last[0]}:{last[1]}", expect=1).err
    assert f"entry {last[0]} no longer has the witnessed hash" in err, err
