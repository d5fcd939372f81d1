#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback with its own data directory under a temp dir.
# Usage: source scripts/postgres-test-server.sh  → exports SAMPLEMIND_TEST_POSTGRES and
# registers a trap that stops the server and deletes the directory when the calling shell exits.
set -euo pipefail

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pg_bin" ]; then echo "postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; fi

pg_dir="$(mktemp -d /tmp/samplemind-pg.XXXXXX)"
pg_port="${SAMPLEMIND_TEST_PG_PORT:-$(( 20000 + RANDOM % 20000 ))}"
pg_user_cmd=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg_dir"
  pg_user_cmd=(runuser -u postgres --)
fi

"${pg_user_cmd[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
"${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null

stop_test_postgres() {
  "${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_test_postgres EXIT

export SAMPLEMIND_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
echo "postgres: test server on 127.0.0.1:$pg_port (data in $pg_dir)"
