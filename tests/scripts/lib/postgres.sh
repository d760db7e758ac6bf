# Sourced by tests that need a real PostgreSQL 15 + PostGIS server: starts a private
# cluster on loopback in a temporary folder and stops and removes it on exit.
#   source tests/scripts/lib/postgres.sh; pg_start; psql_q "select 1"; ...
# Sets PGHOST (socket dir), PGPORT, PGDATABASE, PGUSER. Fails (never skips) when the server
# cannot start: a test that needs PostGIS must run for real.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "postgres: $PG_BIN/initdb missing; run scripts/setup (postgresql-15)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/coverage-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  local as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  export PGHOST=$PG_DIR PGDATABASE=coverage PGUSER=postgres
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # A random loopback port; another one if it is taken (a few tries), so parallel tests and
  # other servers on the machine do not collide.
  local try
  for try in 1 2 3 4 5; do
    export PGPORT=$(( 20000 + RANDOM % 20000 ))
    if "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_DIR -c fsync=off -c full_page_writes=off" start >/dev/null; then
      break
    fi
    [ "$try" = 5 ] && { cat "$PG_DIR/server.log" >&2; return 1; }
  done
  trap pg_stop EXIT
  createdb coverage && psql -qAt -c "create extension postgis" >/dev/null
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"; PG_DIR=
}
psql_q() { psql -qAt -v ON_ERROR_STOP=1 -c "$1"; }
