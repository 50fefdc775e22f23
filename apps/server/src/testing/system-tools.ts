import { existsSync } from 'node:fs';

/**
 * Whether a Debian tool a fault test needs (faketime, promtool, …) is installed. Under `npm test` and CI
 * (TESSERA_REQUIRE_PG=1, set by scripts/test.sh, whose CI installs them all) a missing tool fails the test
 * instead of skipping it, so no test is skipped silently.
 */
export function toolAvailable(path: string): boolean {
  return existsSync(path) || process.env.TESSERA_REQUIRE_PG === '1';
}
