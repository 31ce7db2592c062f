#!/usr/bin/env bash
# Runs one benchmark scenario against a fresh release server and appends the result to
# bench/RESULTS.md. The server gets core 0, the generator core 1 (taskset), so they do not
# steal from each other.
#   bench/run.sh fanout --sockets 1000 --posts 200 --interval-ms 50
#   bench/run.sh posting --senders 64 --seconds 10
#   bench/run.sh page --clients 16 --seconds 10 [--formatted]
#   bench/run.sh presence --members 1000 --churners 100
#   bench/run.sh hostile --sockets 1000 --posts 100
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: bench/run.sh fanout|posting|page|presence|soak [options]}
shift

SERVER_CORE=${SERVER_CORE:-0}
BENCH_CORE=${BENCH_CORE:-1}
PORT=${PORT:-3900}
ulimit -n "$(ulimit -Hn)"  # 10k sockets need 10k descriptors on each side

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"
scripts/setup.sh
cargo leptos build --release >/dev/null
cargo build --release -q -p bench

data=$(mktemp -d)
# The post rate limit is a per-account guard for people, not what these scenarios measure; the
# hostile tenant meets every limit as it ships.
limits=(--posts-per-second 100000 --post-burst 100000)
[ "$scenario" != hostile ] || limits=()
LEPTOS_SITE_ROOT=target/site RUST_LOG=warn taskset -c "$SERVER_CORE" target/release/kaiwa \
  --addr "127.0.0.1:$PORT" --data-dir "$data" "${limits[@]}" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.1; done

extra=()
case "$scenario" in fanout | presence | hostile) extra=(--server-pid "$server") ;; esac
result=$(taskset -c "$BENCH_CORE" target/release/kaiwa-bench --url "http://127.0.0.1:$PORT" \
  "$scenario" "$@" "${extra[@]}")
{
  echo
  echo "$result"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "- server: release build (\`cargo leptos build --release\`), pinned to core $SERVER_CORE; generator pinned to core $BENCH_CORE"
  echo "- commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee -a bench/RESULTS.md
