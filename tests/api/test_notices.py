"""Notices by email keep one Message-ID for life: a mail server that took a notice but
crashed before it said so gets it again with the same Message-ID, a recognisable duplicate,
while two notices never share one."""
import time

from harness import Db, Server, SmtpSink, stop_server_and_mail

MANAGER = "lex.manager@mmrls.example"


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "LEX", "--name", "Lexington", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "smtp": SmtpSink()}
    db.add_user("lex.manager", "branch_manager", "LEX", email=MANAGER)
    ctx["sub"] = db.add_user("lex.sub", "substitute", "LEX")
    ctx["srv"] = Server(db, smtp=ctx["smtp"])
    # A substitute alone on duty: her branch manager is told of every complaint by email.
    assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "LEX"}, token=ctx["sub"])[0] == 200
    return ctx


# The server stops cleanly, and the mail sink with it.
teardown = stop_server_and_mail


def complain(ctx, text):
    status, body = ctx["srv"].api("POST", "/api/v1/complaints",
                                  {"branch": "LEX", "text": text}, token=ctx["sub"])
    assert status == 201, body
    return body


def mails_saying(ctx, text, count, seconds=20):
    deadline = time.time() + seconds
    found = []
    while time.time() < deadline:
        found = [m for m in ctx["smtp"].messages() if text in m.get_payload()]
        if len(found) >= count:
            break
        time.sleep(0.1)
    return found


def test_a_notice_sent_again_after_a_lost_acknowledgement_keeps_its_message_id(ctx):
    ctx["smtp"].hang_up_after_next_message()
    c = complain(ctx, "The printer ate my thesis")
    # The server kept the first copy but hung up before its 250: frontdesk cannot know, and
    # sends it again (2 s later).
    copies = mails_saying(ctx, "The printer ate my thesis", 2)
    assert len(copies) == 2, [m["Subject"] for m in ctx["smtp"].messages()]
    first, second = copies[0]["Message-ID"], copies[1]["Message-ID"]
    assert first and first == second, (first, second)
    # The From address's domain (base_url is an address here, not a name).
    assert first.startswith("<") and first.endswith("@mmrls.example>"), first
    rows = ctx["db"].sql("SELECT message_id, attempts, sent_at IS NOT NULL FROM outbox "
                         f"WHERE about_kind = 'complaint' AND about_id = {c['id']}")
    assert len(rows) == 1 and f"<{rows[0][0]}>" == first, rows
    assert rows[0][1] == "2" and rows[0][2] in ("1", "t", "True"), rows


def test_two_notices_have_two_message_ids(ctx):
    complain(ctx, "The lift is out again")
    other = mails_saying(ctx, "The lift is out again", 1)
    thesis = mails_saying(ctx, "The printer ate my thesis", 2)
    assert len(other) == 1 and thesis
    assert other[0]["Message-ID"] != thesis[0]["Message-ID"]
    ids = [m["Message-ID"] for m in ctx["smtp"].messages()]
    assert len(set(ids)) == 2 and len(ids) == 3, ids


def test_a_notice_queued_before_message_ids_gets_one_that_is_kept(ctx):
    # As an outbox row written before schema 19: no Message-ID of its own.
    now = int(time.time())
    ctx["db"].execute("INSERT INTO outbox (created_at, to_addr, subject, body, next_attempt_at) "
                      f"VALUES ({now}, '{MANAGER}', 'From before', 'Queued before the upgrade', "
                      f"{now})")
    got = mails_saying(ctx, "Queued before the upgrade", 1)
    assert len(got) == 1
    rows = ctx["db"].sql("SELECT message_id FROM outbox WHERE subject = 'From before'")
    assert rows[0][0] not in ("", "None") and got[0]["Message-ID"] == f"<{rows[0][0]}>", rows


def test_the_host_of_base_url_is_the_right_hand_side_when_it_is_a_name(ctx):
    assert ctx["srv"].stop() < 3
    ctx["srv"] = Server(ctx["db"], smtp=ctx["smtp"],
                        extra_env={"FRONTDESK_BASE_URL": "https://desk.mmrls.example:8443/"})
    complain(ctx, "The wifi asks for a password")
    got = mails_saying(ctx, "The wifi asks for a password", 1)
    assert got and got[0]["Message-ID"].endswith("@desk.mmrls.example>"), got[0]["Message-ID"]
