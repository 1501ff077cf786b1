#!/usr/bin/env bash
# The whole test suite: the SQLite run, then the tests marked `postgres` on a real
# PostgreSQL server started here (and stopped on exit). Installs Chromium, a CJK
# font, PostgreSQL and espeak-ng (the speech tests' voices) through apt-get when they are
# missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

need=()
for package in chromium fonts-wqy-microhei postgresql gettext espeak-ng; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} through apt-get"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A private PostgreSQL cluster for this run: its own folder, port and socket, so it
# never touches a server the machine already runs.
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
PG_DIR=$(mktemp -d /tmp/commonweal-pg.XXXXXX)
PG_PORT=${COMMONWEAL_TEST_PG_PORT:-54329}
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 755 "$PG_DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
stop_pg() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U commonweal --auth=trust -E UTF8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses='' -c max_connections=700" start >/dev/null
PG_URL="postgresql://commonweal@${PG_DIR//\//%2F}:$PG_PORT/commonweal"

export PYTHONDONTWRITEBYTECODE=1
echo "== Import contracts (the floors of docs/architecture.md)"
"$BIN/lint-imports" --no-cache
postgres_run() {
  COMMONWEAL_REQUIRE_POSTGRES=1 DATABASE_URL="$PG_URL" "$BIN/python" -m pytest -m postgres "$@"
}
if [ $# -gt 0 ]; then
  # Tests named on the command line: one run after the other, as asked.
  echo "== SQLite run"
  "$BIN/python" -m pytest -m "not postgres" "$@"
  echo "== PostgreSQL run"
  postgres_run "$@"
  exit 0
fi

# The whole suite on two cores: the engines (the voting rules against pabutools' recorded
# outcomes, speech recognition) and tests/core (the demo loaded, a production server
# started), then the PostgreSQL run, go in a second process beside the rest of the SQLite
# run, so that the two take about as long (10:18 against 10:41 + 2:32 with tests/audio in
# the second; it moved to the first). Each pytest keeps its own
# database (SQLite's in memory, the private PostgreSQL server); the second's report is
# printed when both are done.
second_log=$(mktemp /tmp/commonweal-tests.XXXXXX)
(
  failed=0
  echo "== SQLite run: tests/allocation, tests/speech, tests/core"
  "$BIN/python" -m pytest -m "not postgres" -p no:cacheprovider --durations=10 \
    tests/allocation tests/speech tests/core || failed=$?
  echo "== PostgreSQL run"
  postgres_run || failed=$?
  exit "$failed"
) >"$second_log" 2>&1 &
second=$!
status=0
echo "== SQLite run: everything else (tests/allocation, speech and core beside it)"
"$BIN/python" -m pytest -m "not postgres" --durations=10 --ignore=tests/allocation \
  --ignore=tests/speech --ignore=tests/core || status=$?
wait "$second" || status=$?
cat "$second_log"
rm -f "$second_log"
exit "$status"
