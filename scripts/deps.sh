#!/bin/sh
# Installs what frontdesk builds, runs and tests with, only what is missing: Debian packages
# (through sudo when not root), then the browser tests' npm packages from package-lock.json
# (among them the Nu Html Checker, which runs on Debian's Java).
set -e
pkgs="build-essential clang meson ninja-build pkg-config python3 tzdata ca-certificates
libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev libinih-dev libcmocka-dev
libcurl4-openssl-dev zlib1g-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-dejavu-core
poppler-utils zbar-tools gettext
postgresql postgresql-client util-linux chromium sqlite3 curl prometheus default-jre-headless openssl"
# make bench also needs the load generator, the static-file reference and the slowloris;
# make bench-regional needs pgbench (postgresql-contrib: on Debian 12 postgresql-15 holds it).
[ "${1:-}" = bench ] && pkgs="$pkgs wrk nginx-light slowhttptest postgresql-contrib"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node.js may come from elsewhere than Debian; any node with npm will do.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
	echo "installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
cd "$(dirname "$0")/.."
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] ||
	[ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
	# --ignore-scripts: vnu-jar's install step would fetch a Java of its own when none is found;
	# the tests run vnu.jar on Debian's default-jre-headless, installed above.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
