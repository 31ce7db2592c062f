#!/usr/bin/env bash
# The ceiling NOTIFY puts on commits. A transaction that has sent a NOTIFY takes one lock for
# the whole database at commit (to append to the notification queue in commit order) and holds
# it through its WAL flush, so such commits are serial, whatever rows they touch. This measures
# kaiwa's commit shape (bump one room's number, then NOTIFY) with pgbench on a fresh cluster with
# PostgreSQL's durable defaults, with and without the NOTIFY, at 1, 8 and 32 connections, and a
# NOTIFY on its own (typing, read markers).
#   bench/notify_ceiling.sh         prints a Markdown table
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d)
scripts_dir=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg_dir" 2>/dev/null || true; rm -rf "$pg_dir" "$scripts_dir"' EXIT
url=$(DURABLE=1 scripts/postgres.sh start "$pg_dir")

psql -q "$url" <<'SQL'
CREATE TABLE rooms (id INT PRIMARY KEY, last_seq BIGINT NOT NULL DEFAULT 0);
INSERT INTO rooms (id) SELECT generate_series(1, 1000);
SQL
cat >"$scripts_dir/plain.sql" <<'SQL'
\set room random(1, 1000)
BEGIN;
UPDATE rooms SET last_seq = last_seq + 1 WHERE id = :room;
COMMIT;
SQL
cat >"$scripts_dir/notify.sql" <<'SQL'
\set room random(1, 1000)
BEGIN;
UPDATE rooms SET last_seq = last_seq + 1 WHERE id = :room;
SELECT pg_notify('kaiwa_events', '{"room":' || :room || '}');
COMMIT;
SQL
# A note outside any transaction, as typing and read markers send: nothing written, no flush.
cat >"$scripts_dir/note.sql" <<'SQL'
\set room random(1, 1000)
SELECT pg_notify('kaiwa_events', '{"typing":' || :room || '}');
SQL

tps() {
  "$bin/pgbench" -n -T 10 -c "$2" -j "$2" -f "$scripts_dir/$1.sql" "$url" 2>/dev/null |
    awk '/^tps/ { printf "%.0f", $3 }'
}

echo "### NOTIFY at commit: transactions/s, 10 s each"
echo
echo "| connections | commit only | commit + NOTIFY | NOTIFY alone (typing) |"
echo "|---|---|---|---|"
for clients in 1 8 32; do
  echo "| $clients | $(tps plain "$clients") | $(tps notify "$clients") | $(tps note "$clients") |"
done
echo
echo "- PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), fsync and synchronous_commit on, $(nproc) cores shared with pgbench"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
