#!/usr/bin/env python3
"""make lint's check of the #include lines under src/: no two source files include each other,
directly or round a longer circle, and no layer includes one above it (docs/design.md, Layers).

A file and its header are one unit (service/customer.c and .h); an include of a header is a
use of that unit. Prints each problem and exits 1 when there is any."""
import os
import re
import sys

# Each folder's layer: a file may include files of its own folder, of its own layer, or of a
# lower one. policy, store and ils (the catalogue's SIP2 client) sit side by side under service,
# and none uses another, so they are layers of the same height; so are api and pages over http.
LAYERS = {
    "base": ("base", 0),
    "policy": ("policy", 1),
    "store": ("store", 1),
    "ils": ("ils", 1),
    "service": ("service", 2),
    "notify": ("notify", 3),
    "http": ("http", 4),
    "api": ("api", 5),
    "pages": ("pages", 5),
    "cli": ("cli", 6),
    "": ("main", 7),  # src/main.c
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def units(src):
    """Each unit (path under src without its extension) and the units it includes."""
    uses = {}
    for folder, _, names in os.walk(src):
        for name in names:
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.relpath(os.path.join(folder, name), src)
            unit = os.path.splitext(path)[0]
            with open(os.path.join(src, path), encoding="utf-8") as f:
                text = f.read()
            for target in INCLUDE.findall(text):
                if os.path.exists(os.path.join(src, target)):
                    other = os.path.splitext(target)[0]
                    if other != unit:
                        uses.setdefault(unit, {}).setdefault(other, path)
            uses.setdefault(unit, {})
    return uses


def layer(unit):
    folder = os.path.dirname(unit).split("/")[0]
    return LAYERS.get(folder)


def upward(uses):
    problems = []
    for unit, targets in sorted(uses.items()):
        mine = layer(unit)
        for other, path in sorted(targets.items()):
            theirs = layer(other)
            if mine is None or theirs is None:
                folder = os.path.dirname(unit if mine is None else other)
                problems.append(f"src/{path}: src/{folder}/ is in no layer: add it to LAYERS in "
                                "scripts/check_includes.py and to docs/design.md")
            elif (os.path.dirname(unit) != os.path.dirname(other) and mine[0] != theirs[0]
                  and theirs[1] >= mine[1]):
                problems.append(f"src/{path}: includes {other}.h, from the {theirs[0]} layer, "
                                f"which is not below {mine[0]}")
    return problems


def circles(uses):
    """Tarjan's strongly connected components: each one of two or more units is a circle."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(uses.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(uses):
        if v not in index:
            visit(v)
    problems = []
    for component in found:
        members = set(component)
        edges = [f"{u} -> {w}" for u in component for w in sorted(uses[u]) if w in members]
        problems.append("include circle between " + ", ".join(component) + ": " +
                        "; ".join(edges))
    return problems


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "src"
    uses = units(src)
    problems = upward(uses) + circles(uses)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
