#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests and benchmarks.
#   scripts/postgres.sh start DIR   initdb into DIR (empty or missing), start it on a free port,
#                                   print its URL (postgres://kaiwa@127.0.0.1:PORT/postgres).
#                                   Tests' settings: no fsync. DURABLE=1 keeps PostgreSQL's
#                                   defaults (fsync, synchronous commit), as benchmarks need.
#   scripts/postgres.sh restart DIR stop it and start it again on the same port (a database
#                                   restart under load, as the soak does)
#   scripts/postgres.sh stop DIR    stop it (DIR stays; delete it yourself)
# Debian's postgresql package (scripts/setup.sh --tests installs it). As root, the cluster runs
# as the postgres user, since initdb refuses root.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh --tests)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

command=${1:?start or stop}
dir=${2:?a directory}
case "$command" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" != 0 ] || chown postgres "$dir"
    # UTF-8 character classes, or pg_trgm makes no trigrams of Japanese text.
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U kaiwa --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log"
    # A port nothing listens on (bash alone: a connection to it is refused).
    for port in $(shuf -i 20000-60000 -n 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    # Room for many test pools; for tests, no fsync (a crash loses nothing that matters).
    settings="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400"
    [ "${DURABLE:-0}" = 1 ] ||
      settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$settings" start >/dev/null
    echo "postgres://kaiwa@127.0.0.1:$port/postgres"
    ;;
  restart)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w restart >/dev/null
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
  *)
    echo "usage: $0 start|restart|stop DIR" >&2
    exit 2
    ;;
esac
