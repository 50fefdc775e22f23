#!/usr/bin/env bash
# The whole test suite: type check, lint, then every test on SQLite and on PostgreSQL, then (for the whole
# suite only) the benchmark harness with tiny sizes, on the same PostgreSQL, so it never rots.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx biome check .
echo "== tests (SQLite and PostgreSQL)"
export TESSERA_REQUIRE_PG=1
exec bash scripts/with-postgres.sh bash -c '
  set -euo pipefail
  npx vitest run "$@"
  if [ $# -eq 0 ]; then
    echo "== bench smoke (tiny sizes; the figures mean nothing, nothing is written)"
    npx tsx bench/run.ts --smoke --no-write
  fi' bash "$@"
