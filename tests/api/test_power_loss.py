"""Power loss: `frontdesk serve` runs on a disk that, when the power fails, throws away every
write not yet synced (power_cut.so, as SQLite's own crash tests do it). Everything answered as
done before the cut must be there after it, the database whole and the audit log intact.
First the disk itself is shown to lose what was not synced, and the checks to see a loss.
make bench-powerloss runs 200 cuts; FRONTDESK_POWER_SEED replays a run's cut points."""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import power_loss

BACKENDS = ("sqlite",)  # PostgreSQL's own durability is PostgreSQL's to test

# Run under the failing disk: each change the comments name, then writes until the power
# fails (FRONTDESK_POWER_CUT_AFTER=1000, well past the changes before the loop).
CHILD = r"""
import os, sys
d = sys.argv[1]
def at(name):
    return os.path.join(d, name)
fd = os.open(at("kept"), os.O_RDWR)
os.pwrite(fd, b"synced-new", 0)
os.fsync(fd)                                   # on disk
os.pwrite(fd, b"unsynced!!", 0)                # lost: no sync after it
os.write(os.open(at("kept"), os.O_WRONLY | os.O_APPEND), b"tail")  # lost, and the size
named = os.open(at("named"), os.O_CREAT | os.O_WRONLY, 0o644)
os.write(named, b"y")
os.fsync(named)
dirfd = os.open(d, os.O_RDONLY)
os.fsync(dirfd)                                # the name "named" is on disk
made = os.open(at("made"), os.O_CREAT | os.O_WRONLY, 0o644)
os.write(made, b"x")
os.fsync(made)                                 # its bytes, but not its name: lost
os.unlink(at("gone"))                          # comes back
os.rename(at("a"), at("b"))                    # undone
os.rename(at("c"), at("d"))                    # undone: c and the d it replaced come back
long = os.open(at("long"), os.O_RDWR)
os.ftruncate(long, 2)                          # undone
shm = os.open(at("x-shm"), os.O_RDWR)
os.pwrite(shm, b"shared", 0)
os.fsync(shm)                                  # shared memory: lost whatever was synced
print("changed", flush=True)
junk = os.open(at("junk"), os.O_CREAT | os.O_WRONLY, 0o644)
for _ in range(100000):
    os.write(junk, b"z")
print("the power never failed", flush=True)
"""


def setup():
    seed = int(os.environ.get("FRONTDESK_POWER_SEED", time.time_ns() % 1000000))
    return {"desk": power_loss.Desk(), "seed": seed, "random": random.Random(seed)}


def teardown(ctx):
    ctx["desk"].remove()


def test_the_disk_loses_what_was_not_synced(ctx):
    d = tempfile.mkdtemp(prefix="frontdesk-disk-")
    for name, text in [("kept", "synced-old"), ("gone", "g"), ("a", "a"), ("c", "c"),
                       ("d", "d"), ("long", "0123456789"), ("x-shm", "s")]:
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    os.sync()
    env = dict(os.environ, LD_PRELOAD=power_loss.SHIM, FRONTDESK_POWER_DIR=d,
               FRONTDESK_POWER_CUT_AFTER="1000")
    p = subprocess.run([sys.executable, "-c", CHILD, d], env=env, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == power_loss.CUT_STATUS, (p.returncode, p.stdout, p.stderr)
    assert p.stdout == "changed\n", p.stdout
    assert "power cut at change 1000:" in p.stderr, p.stderr
    found = {}
    for name in os.listdir(d):
        with open(os.path.join(d, name)) as f:
            found[name] = f.read()
    assert found == {"kept": "synced-new", "named": "y", "gone": "g", "a": "a", "c": "c",
                     "d": "d", "long": "0123456789", "x-shm": ""}, found
    shutil.rmtree(d)


def test_the_checks_see_a_walk_in_lost_to_a_disk_that_lies(ctx):
    # A disk that says it synced and did not: what was answered is lost at the cut, and the
    # checks that pass below must say so here. A desk of its own, as this one loses work.
    desk = power_loss.Desk()
    rnd = power_loss.run(desk, cut_after=400, lying=True)
    assert rnd.cut and rnd.answered > 0, vars(rnd)
    assert any(item.startswith("walk-in ") for item in rnd.lost), vars(rnd)
    assert rnd.integrity == "ok" and rnd.audit_ok, vars(rnd)
    desk.remove()


def test_everything_answered_before_the_power_fails_survives_it(ctx):
    desk, rng = ctx["desk"], ctx["random"]
    starting = power_loss.calibrate(desk, 0)  # the changes of starting (and stopping)
    working = power_loss.calibrate(desk, 200)
    # One cut while serve starts, four while the desks work; two of them tear the writes
    # they lose sector by sector instead of losing them whole.
    cuts = [rng.randint(1, starting)] + [rng.randint(starting, working) for _ in range(4)]
    for i, cut in enumerate(cuts):
        torn = rng.randint(1, 1 << 30) if i % 2 else None
        rnd = power_loss.run(desk, cut_after=cut, torn_seed=torn)
        what = f"seed {ctx['seed']}, cut at change {cut}, torn {torn}"
        assert rnd.cut, f"{what}: the power did not fail\n{rnd.output[-2000:]}"
        # Once serve works, the disk has seen the database, its log and its shared memory.
        assert i == 0 or rnd.files >= 3, f"{what}: the disk saw only {rnd.files} files"
        assert not rnd.lost, f"{what}: lost {rnd.lost[:20]}"
        assert rnd.integrity == "ok", f"{what}: integrity_check: {rnd.integrity[:2000]}"
        assert rnd.audit_ok, f"{what}: audit verify: {rnd.output[-2000:]}"
    assert not desk.refused, desk.refused[:10]
    assert len(desk.visits) > 100, len(desk.visits)


def test_what_a_command_said_it_did_survives_the_power_failing_as_it_ends(ctx):
    db = ctx["desk"].db
    power_loss.cli_then_cut(db, db.dir, "branch", "add", "LEE", "--name", "Lee County")
    assert db.sql("SELECT name FROM branch WHERE code = 'LEE'") == [["Lee County"]]
    # The copy's rollback journal is deleted when it commits: were that deletion not synced,
    # the journal would come back with the power and roll the copy back to an empty file.
    folder = tempfile.mkdtemp(prefix="frontdesk-backup-")
    copy = os.path.join(folder, "copy.db")
    out = power_loss.cli_then_cut(db, folder, "backup", copy)
    assert "backed up" in out, out
    assert sorted(os.listdir(folder)) == ["copy.db"], os.listdir(folder)
    q = subprocess.run(["sqlite3", copy, "PRAGMA integrity_check; SELECT count(*) FROM visit"],
                       capture_output=True, text=True, timeout=60)
    assert q.stdout.split() == ["ok", db.sql("SELECT count(*) FROM visit")[0][0]], \
        q.stdout + q.stderr
    shutil.rmtree(folder)
