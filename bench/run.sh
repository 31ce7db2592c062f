#!/usr/bin/env bash
# Runs one benchmark scenario against a fresh release server and appends the result to
# bench/RESULTS.md. The server gets core 0, the generator core 1 (taskset), so they do not
# steal from each other.
#   bench/run.sh fanout --sockets 1000 --posts 200 --interval-ms 50
#   bench/run.sh posting --senders 64 --seconds 10
#   bench/run.sh page --clients 16 --seconds 10 [--formatted]
#   bench/run.sh presence --members 1000 --churners 100
#   bench/run.sh hostile --sockets 1000 --posts 100
# BUILD=0 skips building. DATABASE=postgres INSTANCES=2 runs fan-out, posting or page against that many instances on one
# fresh PostgreSQL cluster (durable settings), all of them on the server core.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: bench/run.sh fanout|posting|page|presence|soak [options]}
shift

SERVER_CORE=${SERVER_CORE:-0}
BENCH_CORE=${BENCH_CORE:-1}
PORT=${PORT:-3900}
ulimit -n "$(ulimit -Hn)"  # 10k sockets need 10k descriptors on each side

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"
if [ "${BUILD:-1}" = 1 ]; then  # BUILD=0: run what target/release already has
  scripts/setup.sh
  scripts/build.sh >/dev/null
  cargo build --release -q -p bench
fi

DATABASE=${DATABASE:-sqlite}
INSTANCES=${INSTANCES:-1}
data=$(mktemp -d)
pg_dir=$(mktemp -d)
servers=()
cleanup() {
  kill "${servers[@]}" 2>/dev/null || true
  wait "${servers[@]}" 2>/dev/null || true
  [ "$DATABASE" = sqlite ] || scripts/postgres.sh stop "$pg_dir" 2>/dev/null || true
  rm -rf "$data" "$pg_dir"
}
trap cleanup EXIT
database=()
if [ "$DATABASE" = postgres ]; then
  pg_url=$(DURABLE=1 taskset -c "$SERVER_CORE" scripts/postgres.sh start "$pg_dir")
  database=(--database-url "$pg_url")
fi
# The post rate limit is a per-account guard for people, not what these scenarios measure; the
# hostile tenant meets every limit as it ships.
limits=(--posts-per-second 100000 --post-burst 100000)
[ "$scenario" != hostile ] || limits=()
urls=()
for ((i = 0; i < INSTANCES; i++)); do
  port=$((PORT + i))
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn taskset -c "$SERVER_CORE" target/release/kaiwa \
    --addr "127.0.0.1:$port" --data-dir "$data/$i" "${database[@]}" "${limits[@]}" &
  servers+=($!)
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.1; done
  urls+=("http://127.0.0.1:$port")
done

extra=()
case "$scenario" in fanout | presence | hostile) extra=(--server-pid "${servers[0]}") ;; esac
result=$(taskset -c "$BENCH_CORE" target/release/kaiwa-bench --url "$(IFS=,; echo "${urls[*]}")" \
  "$scenario" "$@" "${extra[@]}")
{
  echo
  echo "$result"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  case "$DATABASE" in
    sqlite) echo "- server: release build (\`scripts/build.sh\`) on SQLite, pinned to core $SERVER_CORE; generator pinned to core $BENCH_CORE" ;;
    *) echo "- servers: $INSTANCES × release build on one PostgreSQL $(psql --version | awk '{print $3}') (fsync and synchronous commit on), all pinned to core $SERVER_CORE; generator pinned to core $BENCH_CORE" ;;
  esac
  echo "- commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee -a bench/RESULTS.md
