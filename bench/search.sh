#!/usr/bin/env bash
# How long one search takes over a big room, on SQLite and on PostgreSQL, for the terms that
# cost most: one and two characters (no trigram to look up), and rare terms (nothing to stop
# the scan early). Fills `general` with N messages straight into the database (as if posted),
# then times POST /api/search_messages for each term through a release server.
#   bench/search.sh [N]            default 500000 messages
# Prints a Markdown table; the server's search budget (2 s) stops a search that runs longer.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500000}
PORT=${PORT:-3950}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"
if [ "${BUILD:-1}" = 1 ]; then
  scripts/setup.sh
  scripts/build.sh >/dev/null
fi

data=$(mktemp -d)
pg_dir=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  scripts/postgres.sh stop "$pg_dir" 2>/dev/null || true
  rm -rf "$data" "$pg_dir"
}
trap cleanup EXIT

# N messages by `filler` in `general`: eight everyday sentences, each with its number.
fill_sql() {
  cat <<SQL
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < $n)
INSERT INTO messages (room_id, seq, author_id, client_id, body, html)
SELECT r.id, r.last_seq + g.i, u.id, 'fill-' || g.i, t.body, '<p>' || t.body || '</p>'
FROM g
JOIN (SELECT i, CASE i % 8
        WHEN 0 THEN '今日の会話は楽しかったです'
        WHEN 1 THEN '明日は図書館で勉強します'
        WHEN 2 THEN 'see you at the study group tonight'
        WHEN 3 THEN 'この漢字の読み方を教えてください'
        WHEN 4 THEN 'let us review the next chapter'
        WHEN 5 THEN '敬語は難しいけど面白い'
        WHEN 6 THEN 'the meeting moved to another room'
        ELSE '宿題はもう終わりましたか' END || ' #' || i AS body FROM g) t ON t.i = g.i
CROSS JOIN rooms r CROSS JOIN users u
WHERE r.slug = 'general' AND u.username = 'filler';
UPDATE rooms SET last_seq = last_seq + $n WHERE slug = 'general';
SQL
}

# Common and rare terms of one, two and three or more characters.
terms=(の 鬱 会話 zq 図書館 'study group' 鬱病院 xylophone)

measure() {
  local mode=$1
  shift
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn target/release/kaiwa --addr "127.0.0.1:$PORT" \
    --data-dir "$data/$mode" "$@" &
  server=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.1; done
  local jar=$data/$mode.jar
  curl -sf -c "$jar" -o /dev/null "http://127.0.0.1:$PORT/api/sign_up" \
    --data 'username=filler&display_name=filler&password=bench-password'
  case $mode in
    sqlite) fill_sql | sqlite3 "$data/$mode/kaiwa.db" ;;
    postgres) fill_sql | psql -q "$pg_url" && psql -q "$pg_url" -c 'ANALYZE' ;;
  esac
  for term in "${terms[@]}"; do
    local times=() status
    for _ in 1 2 3 4 5; do
      read -r status t < <(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' \
        --data-urlencode "q=$term" "http://127.0.0.1:$PORT/api/search_messages")
      times+=("$t")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '| %s | `%s` | %.0f ms | %s |\n' "$mode" "$term" "$(awk -v t="$median" 'BEGIN { print t * 1000 }')" "$status"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

echo "### search: $n messages in one room, median of 5"
echo
echo "| database | term | time | status |"
echo "|---|---|---|---|"
measure sqlite
pg_url=$(scripts/postgres.sh start "$pg_dir")
measure postgres --database-url "$pg_url"
echo
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "- commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
