#!/usr/bin/env python3
"""make bench-powerloss: the power fails under load again and again (200 times by default) on
one SQLite database, and after each cut the database is reopened and checked
(tests/api/power_loss.py, tests/api/power_cut.c). Usage: bench/power_loss.py BUILD [CUTS].
Nothing passes or fails here: the figures are printed beside the goal, 0 lost."""
import os
import random
import sys
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
cuts = int(sys.argv[2]) if len(sys.argv) > 2 else 200
os.environ["FRONTDESK_BIN"] = os.path.join(build, "frontdesk")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "api"))
import power_loss  # noqa: E402  (reads FRONTDESK_BIN when it is imported)

seed = int(os.environ.get("FRONTDESK_POWER_SEED", time.time_ns() % 1000000))
rng = random.Random(seed)
start = time.monotonic()
desk = power_loss.Desk()
starting = power_loss.calibrate(desk, 0)
# 1,000 requests take the log past 16 MiB, where a checkpoint starts it again from the top
# and new frames overwrite old ones: the cuts fall before, across and after that.
working = power_loss.calibrate(desk, 1000)
lost, integrity_ok, audit_ok, made, torn_cuts, discarded = set(), 0, 0, 0, 0, 0
threw_away = 0  # cuts that threw unsynced writes away
for i in range(cuts):
    # One cut in ten while serve starts (the log made, the old one removed), the rest while
    # the desks work; every other one tears what it loses sector by sector.
    cut = rng.randint(1, starting) if i % 10 == 0 else rng.randint(starting, working)
    torn = rng.randint(1, 1 << 30) if i % 2 else None
    rnd = power_loss.run(desk, cut_after=cut, requests=20000, torn_seed=torn)
    made += rnd.cut
    torn_cuts += rnd.cut and torn is not None
    discarded += rnd.discarded_bytes
    threw_away += rnd.discarded_bytes > 0
    lost.update(rnd.lost)
    integrity_ok += rnd.integrity == "ok"
    audit_ok += rnd.audit_ok
    if rnd.lost or rnd.integrity != "ok" or not rnd.audit_ok:
        print(f"# cut {i + 1} at change {cut} (torn {torn}): lost {rnd.lost[:10]}, "
              f"integrity_check {rnd.integrity[:200]!r}, audit verify "
              f"{'ok' if rnd.audit_ok else 'FAILED'}", file=sys.stderr)
desk.remove()
for answer in desk.refused[:5]:
    print(f"# unexpected answer: {answer}", file=sys.stderr)
walk_ins = sum(1 for item in lost if item.startswith("walk-in "))
print(f"power loss: {made} cuts, {walk_ins} acknowledged walk-ins lost, integrity ok in "
      f"{integrity_ok}, audit ok in {audit_ok} — goal 0 lost")
print(f"        {len(desk.visits)} walk-ins, {len(desk.customers)} new customers and "
      f"{sum(desk.reads.values())} audited reads answered; other answered writes lost: "
      f"{len(lost) - walk_ins}; {discarded / 2**20:.1f} MiB of unsynced writes thrown away "
      f"(by {threw_away} cuts); "
      f"{torn_cuts} cuts tore writes; {len(desk.refused)} unexpected answers; seed {seed}; "
      f"{time.monotonic() - start:.0f} s")
