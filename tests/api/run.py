"""Runs every tests/api/test_*.py module and prints 'api: N passed, M failed'."""
import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

total_passed = total_failed = 0
names = sorted(f[:-3] for f in os.listdir(os.path.dirname(__file__))
               if f.startswith("test_") and f.endswith(".py"))
only = sys.argv[1:]
for name in names:
    if only and name not in only:
        continue
    mod = importlib.import_module(name)
    tests = [getattr(mod, n) for n in dir(mod) if n.startswith("test_")]
    tests.sort(key=lambda f: f.__code__.co_firstlineno)
    p, f = harness.run(tests, getattr(mod, "setup", None), getattr(mod, "teardown", None))
    total_passed += p
    total_failed += f
print(f"api: {total_passed} passed, {total_failed} failed")
sys.exit(1 if total_failed else 0)
