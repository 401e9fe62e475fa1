#!/bin/sh
# make run's server: the demo desk, beside a stand-in library catalogue (the tests' own SIP2
# server serving scripts/demo_catalogue.json on a free loopback port) unless ./frontdesk.conf
# names a real catalogue in its [ils] section. Usage: run_demo.sh FRONTDESK DB LISTEN
set -eu
bin=$1 db=$2 listen=$3
if [ -f frontdesk.conf ] && grep -q '^\[ils\]' frontdesk.conf; then
	exec "$bin" --db "$db" serve --listen "$listen"
fi
dir=$(dirname "$bin")
log="$dir/demo-catalogue.log"
python3 tests/api/sip2_acs.py --port 0 --data scripts/demo_catalogue.json --quiet >"$log" 2>&1 &
acs=$!
trap 'kill $acs 2>/dev/null || true' EXIT INT TERM
port=""
for _ in $(seq 50); do
	port=$(sed -n 's/^ready \([0-9]*\) .*/\1/p' "$log")
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	echo "frontdesk: the demo catalogue did not start (see $log); serving without it" >&2
	exec "$bin" --db "$db" serve --listen "$listen"
fi
# The administrator's own settings, if any, then the demo catalogue's.
conf="$dir/demo.conf"
{
	[ -f frontdesk.conf ] && cat frontdesk.conf && echo
	# Its ready line carries the settings it wants: "ready PORT CONTROL host=... port=...".
	echo '[ils]'
	sed -n 's/^ready [0-9]* [0-9]* //p' "$log" | tr ' ' '\n' | sed 's/=/ = /'
	echo 'location = KOS'
} >"$conf"
echo "frontdesk: a stand-in library catalogue (SIP2) answers on 127.0.0.1:$port; try card"
echo "           21170000100025 (items to renew), 21170000100041 (a blocked card) or"
echo "           21170000100058 (known only to the catalogue)"
"$bin" --db "$db" --config "$conf" serve --listen "$listen"
