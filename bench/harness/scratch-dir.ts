import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory on the machine's disk (not tmpfs: SQLite's fsyncs must be real) for one run. */
export function scratchDir(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `tessera-bench-${prefix}-`));
  const remove = () => rmSync(path, { recursive: true, force: true });
  process.once('exit', remove); // an interrupted run leaves nothing behind
  return {
    path,
    remove() {
      process.off('exit', remove);
      remove();
    },
  };
}
