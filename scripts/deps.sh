#!/bin/sh
# Installs the Debian packages frontdesk builds, runs and tests with, only those missing.
set -e
pkgs="build-essential meson ninja-build pkg-config python3 tzdata ca-certificates
libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev libinih-dev libcmocka-dev
postgresql postgresql-client util-linux sqlite3 curl"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
