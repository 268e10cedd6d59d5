#!/usr/bin/env bash
# Throwaway PostgreSQL for tests: Debian's server, a fresh data directory on a free loopback
# port, trust auth on 127.0.0.1 only. Source it, then call start_postgres / stop_postgres.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_postgres_installed() {
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; then return; fi
  log "installing PostgreSQL from Debian's packages"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
}

apt_update_once() {
  if [ -z "${HATCHWAY_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    export HATCHWAY_APT_UPDATED=1
  fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  PG_VERSION="$(basename "$(dirname "$bin")")"
  PG_DIR="$(mktemp -d /tmp/hatchway-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  chown postgres: "$PG_DIR"
  runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=300" \
    start >/dev/null || { cat "$PG_DIR/log"; return 1; }
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${PG_VERSION}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$PG_PORT"
  export HATCHWAY_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
  log "PostgreSQL $PG_VERSION running on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
