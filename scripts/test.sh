#!/usr/bin/env bash
# Every test: Rust (per package, so ssr and hydrate features never merge), the browser journeys,
# and a short soak that checks completeness and ordering (not timings).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"

cargo test -p app --features ssr
cargo test -p server
cargo leptos build --release
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)

cargo build --release -p bench
ulimit -n "$(ulimit -Hn)"   # 1,000 sockets on each side
target/release/kaiwa-bench soak --sockets 1000 --seconds 30
