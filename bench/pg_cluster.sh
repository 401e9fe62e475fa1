# shellcheck shell=bash
# A scratch PostgreSQL server for the regional benches, sourced by bench/pg_writes and the others:
# durable (fsync and synchronous_commit on, unlike the tests' cluster), on a free loopback port.
# Usage: . bench/pg_cluster.sh; pg_start "$work/pg"; url=$(pg_createdb bench); ...; pg_stop

PG_BIN=$(dirname "$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PG_PORT=""
PG_DIR=""

# pg_as TOOL ARGS...: runs a server tool from PG_BIN, as the postgres user when we are root.
pg_as() {
	local tool=$1
	shift
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$PG_BIN/$tool" "$@"
	else
		"$PG_BIN/$tool" "$@"
	fi
}

# pg_start DIR: makes a cluster in DIR (created if missing) and starts it; sets PG_PORT, PG_DIR.
pg_start() {
	PG_DIR=$1
	if [ ! -x "$PG_BIN/initdb" ]; then
		echo "pg_cluster.sh: PostgreSQL is not installed (Debian package postgresql)" >&2
		return 1
	fi
	mkdir -p "$PG_DIR"
	if [ "$(id -u)" -eq 0 ]; then
		# The postgres user must reach DIR: its parent (often a mktemp -d, mode 700) gets search.
		chmod go+x "$(dirname "$PG_DIR")"
		chown postgres "$PG_DIR"
	fi
	PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	pg_as initdb -D "$PG_DIR/data" -U frontdesk --auth=trust --locale=C.UTF-8 -E UTF8 >"$PG_DIR/initdb.log" 2>&1 || {
		cat "$PG_DIR/initdb.log" >&2
		return 1
	}
	# fsync and synchronous_commit are on (the defaults, said aloud): a bench measures durable commits.
	pg_as pg_ctl -D "$PG_DIR/data" -w -l "$PG_DIR/log" -o "-p $PG_PORT -k $PG_DIR \
-c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
-c max_connections=300 -c shared_buffers=512MB" start >/dev/null || {
		cat "$PG_DIR/log" >&2
		return 1
	}
}

# pg_createdb NAME: makes database NAME on the running cluster and prints its libpq URL.
pg_createdb() {
	psql -X -q -v ON_ERROR_STOP=1 "postgresql://frontdesk@127.0.0.1:$PG_PORT/postgres" \
		-c "CREATE DATABASE \"$1\"" >/dev/null || return 1
	echo "postgresql://frontdesk@127.0.0.1:$PG_PORT/$1"
}

# pg_stop: stops the cluster started by pg_start (fast: sessions are ended); its DIR stays.
pg_stop() {
	[ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
	pg_as pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
