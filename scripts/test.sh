#!/usr/bin/env bash
# Every test: Rust (per package, so ssr and hydrate features never merge), the browser journeys,
# and a short soak that checks completeness and ordering (not timings).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"

# A cold build of everything below takes about 10 GB; a full disk otherwise shows up as a linker
# crash in the middle of the run.
free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
if [ "${free_kb:-0}" -lt $((10 * 1024 * 1024)) ]; then
  echo "warning: only $((free_kb / 1024)) MB free here; a cold build needs about 10 GB" >&2
fi

# Built first, then run under a time limit: a test that hangs fails the run in minutes with its
# name on screen, instead of holding CI until its own limit.
rust_tests() {
  cargo test "$@" --no-run
  timeout --kill-after=30s 15m cargo test "$@" || {
    status=$?
    [ "$status" -ne 124 ] || echo "cargo test $* took over 15 minutes: a test hangs (see above)" >&2
    return "$status"
  }
}
rust_tests -p app --features ssr
rust_tests -p server

# The same Rust suites on PostgreSQL: a throwaway cluster, each test in a database of its own.
pg_dir=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg_dir" 2>/dev/null || true; rm -rf "$pg_dir"' EXIT
# (Each test's database is about 10 MB: the cluster peaks near 2.5 GB, removed at the end.)
pg_url=$(scripts/postgres.sh start "$pg_dir")
KAIWA_TEST_POSTGRES=$pg_url rust_tests -p app --features ssr
KAIWA_TEST_POSTGRES=$pg_url rust_tests -p server
scripts/build.sh
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)

cargo build --release -p bench
ulimit -n "$(ulimit -Hn)"   # 1,000 sockets on each side
target/release/kaiwa-bench soak --sockets 1000 --seconds 30
# The same across two instances on one PostgreSQL database: the second is killed and restarted,
# then the database itself restarts while both serve.
psql "$pg_url" -qc 'CREATE DATABASE kaiwa_soak'
target/release/kaiwa-bench soak --sockets 1000 --seconds 30 --instances 2 \
  --database-url "${pg_url%/*}/kaiwa_soak" --restart-database "scripts/postgres.sh restart $pg_dir"
