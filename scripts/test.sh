#!/usr/bin/env bash
# The whole test suite: type check, lint, then every test on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx biome check .
echo "== tests (SQLite and PostgreSQL)"
export TESSERA_REQUIRE_PG=1
exec bash scripts/with-postgres.sh npx vitest run "$@"
