#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the PostgreSQL-backed tests.
#
#   scripts/pg-test-cluster.sh start    # prints the URL to use as TEST_DATABASE_URL
#   scripts/pg-test-cluster.sh url      # prints the URL of the running cluster
#   scripts/pg-test-cluster.sh status   # exit 0 if it runs
#   scripts/pg-test-cluster.sh stop     # stops it and deletes its files
#
# Typical use:
#   export TEST_DATABASE_URL="$(scripts/pg-test-cluster.sh start)"
#   npm test
#   scripts/pg-test-cluster.sh stop
#
# The cluster lives in a temporary directory (data files, socket, server log), listens on
# 127.0.0.1 only, on a free port, with trust authentication for the superuser `postgres`.
# fsync is off: the data is worthless after the run. Nothing is written outside that directory
# except a one-line state file (default: ${TMPDIR:-/tmp}/pioneer-pg-test-cluster.<uid>.state,
# override with PG_TEST_STATE) that lets `stop` find it.
#
# As root, the server runs as the `postgres` user (initdb refuses root); as any other user it
# runs as that user. Binaries: PG_BIN (default /usr/lib/postgresql/15/bin).
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE="${PG_TEST_STATE:-${TMPDIR:-/tmp}/pioneer-pg-test-cluster.$(id -u).state}"

log() { echo "pg-test-cluster: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Run a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# State file: "<dir> <port>"
read_state() {
  [ -f "$STATE" ] || return 1
  read -r DIR PORT < "$STATE" || return 1
  [ -n "${DIR:-}" ] && [ -n "${PORT:-}" ]
}

url_of() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

is_running() {
  read_state || return 1
  [ -d "$DIR/data" ] && as_owner "$PG_BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1
}

cmd_start() {
  [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries in $PG_BIN (Debian: apt-get install postgresql-15)"
  if is_running; then
    log "already running in $DIR"
    url_of "$PORT"
    return 0
  fi
  if read_state; then
    log "removing stale state for $DIR"
    rm -rf -- "$DIR"
    rm -f -- "$STATE"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "user postgres does not exist (it comes with Debian's postgresql-15 package)"
  fi

  DIR="$(mktemp -d "${TMPDIR:-/tmp}/pioneer-pg.XXXXXX")"
  chmod 700 "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
  PORT="$(free_port)"
  echo "$DIR $PORT" > "$STATE"

  if ! as_owner "$PG_BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-instructions \
      > "$DIR/initdb.log" 2>&1; then
    cat "$DIR/initdb.log" >&2
    cmd_stop
    die "initdb failed"
  fi

  if ! as_owner "$PG_BIN/pg_ctl" start -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null 2>&1; then
    tail -n 30 "$DIR/server.log" >&2 || true
    cmd_stop
    die "the server did not start"
  fi

  local i
  for i in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
      log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PORT (files in $DIR)"
      url_of "$PORT"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$DIR/server.log" >&2 || true
  cmd_stop
  die "the server did not answer within 30 s"
}

cmd_stop() {
  if ! read_state; then
    log "no cluster recorded in $STATE"
    return 0
  fi
  if [ -d "$DIR/data" ]; then
    as_owner "$PG_BIN/pg_ctl" stop -D "$DIR/data" -m fast -w -t 30 >/dev/null 2>&1 \
      || as_owner "$PG_BIN/pg_ctl" stop -D "$DIR/data" -m immediate -w -t 30 >/dev/null 2>&1 \
      || true
  fi
  case "$DIR" in
    "${TMPDIR:-/tmp}"/pioneer-pg.*) rm -rf -- "$DIR" ;;
    *) log "not deleting unexpected directory $DIR" ;;
  esac
  rm -f -- "$STATE"
  log "stopped"
}

cmd_url() {
  is_running || die "no cluster running (state: $STATE)"
  url_of "$PORT"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) if is_running; then log "running on 127.0.0.1:$PORT in $DIR"; else log "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
