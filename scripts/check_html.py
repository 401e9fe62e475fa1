#!/usr/bin/env python3
# make lint: html_printf's markup must be its format, never an argument (arguments are escaped,
# so markup passed as one shows on screen as text), and the format a string literal.
"""Usage: scripts/check_html.py FILE...   (exit 1 and one line per problem when any)"""
import re
import sys

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])+')
  | (?P<space>\s+)
  | (?P<punct>[(){}\[\],?:])
  | (?P<other>[^\s"'(){}\[\],?:/]+|/)
''', re.S | re.X)

# What makes a literal markup: a tag, an entity, or an attribute's value.
MARKUP = ('<', '&', '="')


def tokens(text):
    """(kind, text, line) for each token but spaces and comments."""
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ('space', 'comment'):
            yield kind, m.group(), line
        line += m.group().count('\n')


def calls(toks, name):
    """Each call of name as (line, [argument token lists])."""
    for i, (kind, text, line) in enumerate(toks):
        if text != name or i + 1 >= len(toks) or toks[i + 1][1] != '(':
            continue
        if i > 0 and toks[i - 1][1] in ('void',):  # the declaration or definition
            continue
        args, cur, depth = [], [], 0
        for tok in toks[i + 2:]:
            if tok[1] in ('(', '[', '{'):
                depth += 1
            elif tok[1] in (')', ']', '}'):
                if depth == 0:
                    break
                depth -= 1
            elif tok[1] == ',' and depth == 0:
                args.append(cur)
                cur = []
                continue
            cur.append(tok)
        args.append(cur)
        yield line, args


def split_top(expr, sep):
    """expr split at its first top-level sep, or None."""
    depth = 0
    for i, tok in enumerate(expr):
        if tok[1] in ('(', '['):
            depth += 1
        elif tok[1] in (')', ']'):
            depth -= 1
        elif tok[1] == sep and depth == 0:
            return expr[:i], expr[i + 1:]
    return None


def translated_literal(expr):
    """True when expr is tr(lang, "literal") or trp(lang, "context", "literal"): the public's
    text in their language. Its translations are the repository's po/*.po, where msgfmt
    --check holds them to the literal's conversions and scripts/po.sh check to its markup."""
    if len(expr) < 4 or expr[0][1] not in ('tr', 'trp') or expr[1][1] != '(' or \
            expr[-1][1] != ')':
        return False
    args, cur, depth = [], [], 0
    for tok in expr[2:-1]:
        depth += tok[1] in ('(', '[') and 1 or tok[1] in (')', ']') and -1 or 0
        if tok[1] == ',' and depth == 0:
            args.append(cur)
            cur = []
        else:
            cur.append(tok)
    args.append(cur)
    strings = args[1:]
    return len(args) == (2 if expr[0][1] == 'tr' else 3) and all(
        a and all(kind == 'string' for kind, _, _ in a) for a in strings)


def literal_only(expr):
    """True when expr is string literals (concatenated), a translation of such (tr, trp), or a
    ternary choosing between such."""
    while len(expr) > 2 and expr[0][1] == '(' and expr[-1][1] == ')':
        expr = expr[1:-1]
    if expr and all(kind == 'string' for kind, _, _ in expr):
        return True
    if translated_literal(expr):
        return True
    halves = split_top(expr, '?')
    if not halves:
        return False
    # The ':' that closes this '?' is the first top-level one not taken by a nested '?'.
    rest, depth, nested = halves[1], 0, 0
    for i, tok in enumerate(rest):
        if tok[1] in ('(', '['):
            depth += 1
        elif tok[1] in (')', ']'):
            depth -= 1
        elif depth == 0 and tok[1] == '?':
            nested += 1
        elif depth == 0 and tok[1] == ':':
            if nested == 0:
                return literal_only(rest[:i]) and literal_only(rest[i + 1:])
            nested -= 1
    return False


def unescape(literal):
    return literal[1:-1].replace('\\"', '"').replace('\\\\', '\\')


def check(path):
    text = open(path, encoding='utf-8').read()
    problems = []
    for line, args in calls(list(tokens(text)), 'html_printf'):
        if len(args) < 2 or not literal_only(args[1]):
            problems.append(f'{path}:{line}: html_printf\'s format must be a string literal '
                            '(or a choice between literals): it is trusted markup')
            continue
        for arg in args[2:]:
            for kind, lit, at in arg:
                if kind == 'string' and any(m in unescape(lit) for m in MARKUP):
                    problems.append(f'{path}:{at}: markup {lit} passed to html_printf as an '
                                    'argument is escaped and shows as text: put it in the '
                                    'format')
    return problems


def main(paths):
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
