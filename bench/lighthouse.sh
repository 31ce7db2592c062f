#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, driving Debian's Chromium) on the sign-in page and on a room page
# with 50 messages, mobile preset with its default throttling, against a fresh release server.
# Appends the Performance, Accessibility and Best Practices scores to bench/RESULTS.md.
#   bench/lighthouse.sh          (BUILD=0 runs what target/release already has)
# Not part of `make test`: it takes a minute or two and scores vary by a point or two.
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION=12.8.2
PORT=${PORT:-3950}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/.tools/node_modules/.bin:$PATH"
if [ "${BUILD:-1}" = 1 ]; then
  scripts/setup.sh --tests
  scripts/build.sh >/dev/null
fi
if [ "$(lighthouse --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

data=$(mktemp -d)
LEPTOS_SITE_ROOT=target/site RUST_LOG=warn target/release/kaiwa \
  --addr "127.0.0.1:$PORT" --data-dir "$data" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
url="http://127.0.0.1:$PORT"
until curl -sf "$url/healthz" >/dev/null; do sleep 0.1; done

# A reader with a room of 50 messages of ordinary length, in Japanese and English.
jar="$data/cookies"
curl -sf -o /dev/null -c "$jar" -H "Origin: $url" "$url/api/sign_up" \
  --data-urlencode username=reader --data-urlencode display_name=読者 \
  --data-urlencode password=lighthouse-password
cookie=$(awk '$6 == "kaiwa_session" { print $6 "=" $7 }' "$jar")
for i in $(seq 1 50); do
  curl -sf -o /dev/null -b "$jar" -H "Origin: $url" -H 'Content-Type: application/json' \
    "$url/api/v1/rooms/general/messages" \
    -d "{\"client_id\":\"lighthouse-$(printf %04d $i)\",\"body\":\"message $i: 今日の会話は**楽しい** — a line of ordinary length for a chat.\"}"
done

score() {  # page-name url [cookie]
  local out="$data/$1.json"
  # Run from beside the packages .tools holds, where node resolves lighthouse and puppeteer-core.
  cp bench/lighthouse.mjs .tools/lighthouse.mjs
  node .tools/lighthouse.mjs "$2" "${3:-}" "$out"
  python3 - "$out" "$1" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
c, a = report["categories"], report["audits"]
pct = lambda k: round(c[k]["score"] * 100)
ms = lambda k: a[k]["numericValue"]
print(f"| {sys.argv[2]} | {pct('performance')} | {pct('accessibility')} | {pct('best-practices')} "
      f"| {ms('first-contentful-paint'):.0f} | {ms('largest-contentful-paint'):.0f} "
      f"| {ms('total-blocking-time'):.0f} | {a['cumulative-layout-shift']['numericValue']:.3f} "
      f"| {a['total-byte-weight']['numericValue']:,.0f} |")
EOF
}

{
  echo
  echo "### Lighthouse $LIGHTHOUSE_VERSION, mobile preset (simulated slow 4G, 4× CPU slowdown)"
  echo
  echo "| page | Performance | Accessibility | Best Practices | FCP ms | LCP ms | TBT ms | CLS | bytes |"
  echo "|---|---|---|---|---|---|---|---|---|"
  score "sign-in" "$url/signin"
  score "room, 50 messages" "$url/rooms/general" "$cookie"
  echo
  echo "- $(chromium --version 2>/dev/null | head -1); release build (\`scripts/build.sh\`) on SQLite"
  echo "- commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee -a bench/RESULTS.md
