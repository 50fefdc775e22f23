/**
 * Which b-trees a SQLite commit writes (`--sql-stats`): after each commit of the writer, the frame headers it
 * appended to the WAL are read (24 bytes each, not the pages), and their page numbers counted; when the process
 * exits, `dbstat` names the table or index each page belongs to. COMMIT's cost is about one frame per page
 * (a header and a page written, then one fsync), so this table says what a commit's time is made of.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** Counts the pages of every frame a commit appended to `dbPath`'s WAL. */
export function createWalFrameCounter(dbPath: string) {
  const fd = openSync(`${dbPath}-wal`, 'r');
  const header = Buffer.alloc(WAL_HEADER);
  const frame = Buffer.alloc(FRAME_HEADER);
  const pages = new Map<number, number>();
  let salt = '';
  let pageSize = 0;
  let offset = WAL_HEADER;
  let commits = 0;
  return {
    /** Reads the frames appended since the last call (the WAL restarts after a checkpoint: new salts). */
    afterCommit(): void {
      if (readSync(fd, header, 0, WAL_HEADER, 0) < WAL_HEADER) return;
      const current = header.subarray(16, 24).toString('hex');
      if (current !== salt) {
        salt = current;
        pageSize = header.readUInt32BE(8);
        offset = WAL_HEADER;
      }
      commits += 1;
      while (readSync(fd, frame, 0, FRAME_HEADER, offset) === FRAME_HEADER) {
        if (frame.subarray(8, 16).toString('hex') !== salt) break; // a frame of an earlier generation
        const page = frame.readUInt32BE(0);
        pages.set(page, (pages.get(page) ?? 0) + 1);
        offset += FRAME_HEADER + pageSize;
      }
    },
    /** The table: frames per b-tree (by `dbstat`, opened read-only after the run), costliest first. */
    report(): string {
      closeSync(fd);
      const owner = new Map<number, string>();
      const db = new Database(dbPath, { readonly: true });
      for (const r of db.prepare('SELECT name, pageno FROM dbstat').all() as {
        name: string;
        pageno: number;
      }[]) {
        owner.set(r.pageno, r.name);
      }
      db.close();
      const byTree = new Map<string, number>();
      let frames = 0;
      for (const [page, n] of pages) {
        const name = owner.get(page) ?? '(free or new page)';
        byTree.set(name, (byTree.get(name) ?? 0) + n);
        frames += n;
      }
      const rows = [...byTree.entries()].sort((a, b) => b[1] - a[1]);
      const perCommit = (n: number) => (commits === 0 ? 0 : n / commits).toFixed(1);
      return [
        `${frames} WAL frames in ${commits} commits (${perCommit(frames)} per commit), by b-tree`,
        ...rows.map(([name, n]) => `${String(n).padStart(10)} ${perCommit(n).padStart(7)}/commit  ${name}`),
        '',
      ].join('\n');
    },
  };
}
export type WalFrameCounter = ReturnType<typeof createWalFrameCounter>;
