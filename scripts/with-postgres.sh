#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 on a free loopback port and TESSERA_PG_URL pointing at it.
# If TESSERA_PG_URL is already set, the command runs against that server instead.
# Installs Debian's postgresql-15 when it is missing and we are root (CI runs as root; initdb refuses root,
# so the server runs as the 'postgres' user that the package creates).
set -euo pipefail
if [ -n "${TESSERA_PG_URL:-}" ]; then exec "$@"; fi
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/postgres" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL 15 is not installed and we are not root: run 'sudo apt-get install postgresql-15' first" >&2
    exit 2
  fi
  mkdir -p /etc/postgresql-common/createcluster.d
  echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/tessera.conf
  (apt-get install -y -qq postgresql-15 postgresql-client-15 >/dev/null 2>&1 ||
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-client-15 >/dev/null))
fi
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
PGTMP=$(mktemp -d /tmp/tessera-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
cleanup() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGTMP"; }
trap cleanup EXIT
PORT=${TESSERA_PG_PORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
"${AS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U tessera -A trust -E UTF8 --locale=C --no-sync >/dev/null
# Fast settings for ordinary suites; durability tests start their own instance with fsync on.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
  -p $PORT -k $PGTMP -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
psql "postgresql://tessera@127.0.0.1:$PORT/postgres" -qc 'CREATE DATABASE tessera_test'
export TESSERA_PG_URL="postgresql://tessera@127.0.0.1:$PORT/tessera_test"
"$@"
