#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 and print its DATABASE_URL.
# Usage: eval "$(scripts/pg-throwaway.sh start)"  …  scripts/pg-throwaway.sh stop "$PGTHROWAWAY_DIR"
set -euo pipefail

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$candidate" ] && echo "$candidate"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    INITDB=$(find_bin initdb) || true
    PG_CTL=$(find_bin pg_ctl) || true
    if [ -z "${INITDB:-}" ] || [ -z "${PG_CTL:-}" ]; then
      echo "echo 'PostgreSQL binaries not found' >&2; false"
      exit 1
    fi
    dir=$(mktemp -d /tmp/blason-pg-XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_owner "$INITDB" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_owner "$INITDB" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1
    # fsync off and a small footprint: this cluster lives for one test run.
    as_owner "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
      start >/dev/null
    echo "export PGTHROWAWAY_DIR=$dir"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/blason"
    ;;
  stop)
    dir=${2:?directory}
    PG_CTL=$(find_bin pg_ctl)
    as_owner "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
