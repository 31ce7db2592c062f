#!/usr/bin/env bash
# The release build everything runs: the server binary, and the browser's JS, WASM and CSS with
# hashed names (Cargo.toml `hash-files`) and a brotli and a gzip copy of each
# (server/src/transfer.rs serves them).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo leptos build --release --precompress "$@"
