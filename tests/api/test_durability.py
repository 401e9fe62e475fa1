"""A write is acknowledged only once it is on disk. Answers wait for one sync shared by every
write committed by then (group commit), so the test gives serve a disk whose syncs fail on
demand (failing_disk.so): while they fail, a write must not be answered as done."""
import os
import threading

import harness
from harness import Db, Server, expect_error

BACKENDS = ("sqlite",)  # PostgreSQL's commit is on disk when it returns


def setup():
    db = Db()
    db.cli("init")
    db.cli("branch", "add", "KOS", "--name", "Kosciusko", "--hours", "mon-sun 00:00-24:00")
    ctx = {"db": db, "token": db.add_user("kos.staff", "staff", "KOS")}
    ctx["flag"] = os.path.join(db.dir, "disk-is-failing")
    shim = os.path.join(os.path.dirname(harness.BIN), "failing_disk.so")
    asan = harness.SANITIZER_ENV["ASAN_OPTIONS"] + ":verify_asan_link_order=0"
    ctx["srv"] = Server(db, extra_env={"LD_PRELOAD": shim, "ASAN_OPTIONS": asan,
                                       "FRONTDESK_TEST_FAILING_DISK": ctx["flag"]})
    assert ctx["srv"].api("POST", "/api/v1/duty", {"branch": "KOS"}, token=ctx["token"])[0] == 200
    return ctx


def teardown(ctx):
    if os.path.exists(ctx["flag"]):
        os.remove(ctx["flag"])
    ctx["srv"].stop()


def walk_in(ctx):
    return ctx["srv"].api("POST", "/api/v1/branches/KOS/visits", {"channel": "in_person"},
                          token=ctx["token"])


def test_a_write_the_disk_refuses_is_not_answered_as_done(ctx):
    assert walk_in(ctx)[0] == 201
    open(ctx["flag"], "w").close()
    try:
        e = expect_error(walk_in(ctx), 500, "internal")
        assert "disk" in e["message"], e
        # Reading needs no sync: the desk still shows its queue.
        assert ctx["srv"].api("GET", "/api/v1/branches/KOS/queue", token=ctx["token"])[0] == 200
    finally:
        os.remove(ctx["flag"])
    assert walk_in(ctx)[0] == 201


def test_writes_at_once_are_each_answered_once_on_disk(ctx):
    before = len(ctx["srv"].api("GET", "/api/v1/branches/KOS/queue",
                                token=ctx["token"])[1]["waiting"])
    answers = []

    def desk():
        for _ in range(10):
            answers.append(walk_in(ctx))

    threads = [threading.Thread(target=desk) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a[0] for a in answers) == [201] * 160, answers
    ids = {a[1]["id"] for a in answers}
    status, q = ctx["srv"].api("GET", "/api/v1/branches/KOS/queue", token=ctx["token"])
    assert status == 200 and len(q["waiting"]) == before + 160
    assert ids <= {w["id"] for w in q["waiting"]}
