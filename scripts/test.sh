#!/usr/bin/env bash
# Every test: Rust (per package, so ssr and hydrate features never merge), the browser journeys,
# and a short soak that checks completeness and ordering (not timings).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"

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
cargo leptos build --release
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)

cargo build --release -p bench
ulimit -n "$(ulimit -Hn)"   # 1,000 sockets on each side
target/release/kaiwa-bench soak --sockets 1000 --seconds 30
