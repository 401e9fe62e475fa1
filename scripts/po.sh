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
