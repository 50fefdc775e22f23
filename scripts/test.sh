#!/usr/bin/env bash
# The whole test suite: type check, lint, web build, then every test on SQLite and on PostgreSQL (the browser
# tests in headless Chromium), then (for the whole suite only) the benchmark harness with tiny sizes, on the
# same PostgreSQL, so it never rots.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-deps.sh
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx biome check .
echo "== web app (type check and build: the browser tests run against the built app)"
npx tsc --noEmit -p apps/web/tsconfig.json
npx tsc --noEmit -p apps/web/e2e/tsconfig.json
npm run build --silent -w @tessera/web >/dev/null
echo "== tests (SQLite and PostgreSQL)"
export TESSERA_REQUIRE_PG=1 TESSERA_REQUIRE_BROWSER=1
exec bash scripts/with-postgres.sh bash -c '
  set -euo pipefail
  npx vitest run "$@"
  if [ $# -eq 0 ]; then
    echo "== bench smoke (tiny sizes; the figures mean nothing, nothing is written)"
    stats=$(mktemp -d)
    rm -f bench/.tmp/cpu-per-task.svg
    npx tsx bench/run.ts --smoke --no-write --sql-stats "$stats"
    # The statement profiler (--sql-stats) saw the SQLite serve processes write tasks, and their WAL frames.
    grep -q "INSERT INTO tasks" "$stats"/sql-stats-*.txt
    grep -Eq "^ +[0-9]+ +[0-9.]+/commit  tasks$" "$stats"/sql-stats-*.txt
    # …and pg_stat_statements saw the PostgreSQL lifecycle runs update tasks.
    grep -Eq "/task .* UPDATE tasks SET" "$stats"/pg-stats-lifecycle-postgres-*.txt
    # …and the slow-plan file was written from the server log (its list may be "none" at these sizes).
    grep -q "auto_explain" "$stats"/pg-plans-lifecycle-postgres-*.txt
    # …and the CPU-per-task chart has a bar for a PostgreSQL run.
    grep -q "PostgreSQL 3p, SDK" bench/.tmp/cpu-per-task.svg
    rm -rf "$stats"
  fi' bash "$@"
