#!/usr/bin/env bash
# Every test: Rust (per package, so ssr and hydrate features never merge) and the browser journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"

cargo test -p app --features ssr
cargo test -p server
cargo leptos build --release
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test)
