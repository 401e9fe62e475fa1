#!/bin/sh
# The public's translations (po/): `po.sh update` (make po) extracts the strings the code
# marks, tr(lang, "...") and N_("..."), into po/frontdesk.pot and merges them into every
# po/LL.po named in po/LINGUAS; `po.sh check` (make test) fails when the .pot is not what
# the sources give now, or a catalogue has an entry untranslated or fuzzy, or msgfmt --check
# refuses it.
set -eu
cd "$(dirname "$0")/.."

# File names without line numbers: the .pot changes when a string does, not when code moves.
extract() {
	xgettext --from-code=UTF-8 --language=C -k -ktr:2 -ktrp:2c,3 -kN_ --add-comments=TRANSLATORS: \
		--add-location=file --package-name=frontdesk \
		--msgid-bugs-address= -f po/POTFILES -o "$1"
}

case "${1:-}" in
update)
	extract po/frontdesk.pot
	for lang in $(cat po/LINGUAS); do
		msgmerge --quiet --update --backup=none --add-location=file po/"$lang".po \
			po/frontdesk.pot
	done
	;;
check)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	failed=0
	# Every source that marks a string is in POTFILES: one left out loses its strings
	# from the catalogue, and its page speaks English in every language.
	grep -rlE '(^|[^a-z_])(tr|trp|N_)\(' src --include='*.c' | grep -v '^src/base/i18n\.h$' |
		sort >"$tmp/marking"
	if ! sort po/POTFILES | comm -23 "$tmp/marking" - >"$tmp/missing" || [ -s "$tmp/missing" ]; then
		echo "po/POTFILES leaves out sources that mark strings for translation:"
		cat "$tmp/missing"
		failed=1
	fi
	extract "$tmp/fresh.pot"
	if ! diff -u -I '^"POT-Creation-Date:' po/frontdesk.pot "$tmp/fresh.pot" >"$tmp/diff"; then
		echo "po/frontdesk.pot is out of date with the sources: run make po"
		cat "$tmp/diff"
		failed=1
	fi
	for lang in $(cat po/LINGUAS); do
		po=po/"$lang".po
		if ! msgfmt --check -o /dev/null "$po"; then
			echo "$po: msgfmt --check refuses it"
			failed=1
		fi
		if ! msgcmp --use-untranslated --use-fuzzy "$po" "$tmp/fresh.pot"; then
			echo "$po: strings of the sources are missing from it: run make po"
			failed=1
		fi
		# html_printf trusts a translated format as markup (scripts/check_html.py): a
		# translation may not bring a tag or an entity its English has not.
		if ! python3 - "$po" <<'PY'; then
import re, sys
entries = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
bad = 0
for e in entries:
    parts = {}
    key = None
    for line in e.splitlines():
        m = re.match(r'(msgid|msgstr|msgctxt) (".*")$', line)
        if m:
            key = m.group(1)
            parts[key] = ""
            line = m.group(2)
        if key and line.startswith('"'):
            parts[key] += line[1:-1]
    for mark in ("<", "&"):
        if parts.get("msgstr", "").count(mark) > parts.get("msgid", "").count(mark):
            print(f"{sys.argv[1]}: the translation of {parts.get('msgid')!r} adds {mark!r}")
            bad = 1
sys.exit(bad)
PY
			echo "$po: a translation adds markup"
			failed=1
		fi
		for kind in untranslated only-fuzzy; do
			msgattrib --"$kind" --no-obsolete "$po" >"$tmp/left"
			if [ -s "$tmp/left" ]; then
				case $kind in
				untranslated) echo "$po: entries without a translation:" ;;
				*) echo "$po: entries marked fuzzy (check them, then remove #, fuzzy):" ;;
				esac
				grep '^msgid' "$tmp/left" | grep -v '^msgid ""$' || true
				failed=1
			fi
		done
	done
	[ "$failed" -eq 0 ] && echo "po: the catalogues are complete and up to date"
	exit "$failed"
	;;
*)
	echo "usage: scripts/po.sh update|check" >&2
	exit 2
	;;
esac
