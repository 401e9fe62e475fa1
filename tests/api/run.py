"""Runs every tests/api/test_*.py module on each database backend, SQLite and then
PostgreSQL (a scratch server of its own), and prints 'api: N passed, M failed'."""
import importlib
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

total_passed = total_failed = 0
names = sorted(f[:-3] for f in os.listdir(os.path.dirname(__file__))
               if f.startswith("test_") and f.endswith(".py"))
only = [a for a in sys.argv[1:] if a.startswith("test_")]
backends = [a for a in sys.argv[1:] if a in ("sqlite", "postgresql")] or ["sqlite", "postgresql"]

for backend in backends:
    harness.BACKEND = backend
    print(f"# {backend}", flush=True)
    if backend == "postgresql":
        try:
            harness.PG = harness.PgCluster()
        except Exception:
            print("FAIL could not start a PostgreSQL server for the tests\n" +
                  traceback.format_exc(), flush=True)
            total_failed += 1
            continue
    try:
        for name in names:
            if only and name not in only:
                continue
            mod = importlib.import_module(name)
            if backend not in getattr(mod, "BACKENDS", ("sqlite", "postgresql")):
                continue
            tests = [getattr(mod, n) for n in dir(mod) if n.startswith("test_")]
            tests.sort(key=lambda f: f.__code__.co_firstlineno)
            p, f = harness.run(tests, getattr(mod, "setup", None),
                               getattr(mod, "teardown", None), backend)
            total_passed += p
            total_failed += f
    finally:
        if harness.PG:
            harness.PG.stop()
            harness.PG = None
print(f"api: {total_passed} passed, {total_failed} failed")
sys.exit(1 if total_failed else 0)
