import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, type FixtureEntry } from '../assets/archive-fixtures';
import { type ArchiveWorkspace, archiveWorkspace } from '../assets/archive-test-kit';

/** A PKWARE Unix extra field (0x000d) naming the file an entry is a hard link to. */
function hardLinkExtra(target: string): Buffer {
  const name = Buffer.from(target);
  const field = Buffer.alloc(4 + 12);
  field.writeUInt16LE(0x000d, 0);
  field.writeUInt16LE(12 + name.length, 2);
  return Buffer.concat([field, name]);
}

const payload = Buffer.from('written by a zip slip');

/** Each hostile entry, the reason it is refused for, and where a naive extractor would have written it. */
const HOSTILE: readonly { entry: FixtureEntry; reason: string }[] = [
  { entry: { name: '../evil-u3.png', data: payload }, reason: 'traversal' },
  { entry: { name: 'a/../../evil-u3.png', data: payload }, reason: 'traversal' },
  { entry: { name: 'a/b/../../../../../../../../tmp/evil-u3.png', data: payload }, reason: 'traversal' },
  { entry: { name: '/tmp/evil-u3.png', data: payload }, reason: 'absolute_path' },
  { entry: { name: 'C:/Windows/evil-u3.png', data: payload }, reason: 'drive_letter' },
  { entry: { name: 'C:evil-u3.png', data: payload }, reason: 'drive_letter' },
  { entry: { name: '..\\evil-u3.png', data: payload }, reason: 'backslash' },
  { entry: { name: 'a\\..\\..\\evil-u3.png', data: payload }, reason: 'backslash' },
  { entry: { name: 'a//evil-u3.png', data: payload }, reason: 'empty_segment' },
  { entry: { name: './evil-u3.png', data: payload }, reason: 'empty_segment' },
  { entry: { name: 'evil-u3\u0000.png', data: payload }, reason: 'control_character' },
  // A symlink to /etc/passwd (the link target is the entry's data), and one posing as a directory.
  { entry: { name: 'passwd.png', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }, reason: 'symlink' },
  { entry: { name: 'up/', data: Buffer.from('..'), unixMode: 0o120755, method: 0 }, reason: 'symlink' },
  // A hard link: zip has no link type bit for it, PKWARE's Unix extra field carries the target.
  {
    entry: {
      name: 'hard.png',
      data: Buffer.alloc(0),
      unixMode: 0o100644,
      extra: hardLinkExtra('/etc/passwd'),
    },
    reason: 'link',
  },
  { entry: { name: 'fifo.png', data: Buffer.alloc(0), unixMode: 0o010644 }, reason: 'special_file' },
  { entry: { name: 'tty.png', data: Buffer.alloc(0), unixMode: 0o020644 }, reason: 'special_file' },
  { entry: { name: 'disk.png', data: Buffer.alloc(0), unixMode: 0o060644 }, reason: 'special_file' },
];

/** The places the entries above would land if extracted naively from the staging folder or the data folder. */
function slipTargets(dataDir: string): string[] {
  const parents = [dataDir, dirname(dataDir), tmpdir(), '/tmp', '/', join(dataDir, 'archive-staging')];
  return parents.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((name) => name.includes('evil-u3') || name === 'passwd.png');
    } catch {
      return [];
    }
  });
}

describe.each(testDatabases().slice(0, 1))('U3 zip slip ($dialect)', (db) => {
  let w: ArchiveWorkspace;
  beforeAll(async () => {
    w = await archiveWorkspace(db, 'u3');
  });
  afterAll(async () => w?.dispose());

  it(`refuses all ${HOSTILE.length} hostile entries with 422 archive_unsafe_entry and writes nothing outside staging`, async () => {
    const good = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const before = w.tree();
    expect(slipTargets(w.dataDir)).toEqual([]);
    const seen: string[] = [];
    for (const { entry, reason } of HOSTILE) {
      // The hostile entry sits between good images, so refusing it must also undo nothing: none was stored.
      const zip = buildZip([{ name: 'first.png', data: good }, entry, { name: 'last.png', data: good }]);
      const res = await w.post(zip);
      seen.push(
        `${JSON.stringify(entry.name)} → ${res.status} ${String(res.body.code)} ${String(res.body.reason)}`,
      );
      expect({
        status: res.status,
        code: res.body.code,
        reason: res.body.reason,
        entry: res.body.entry,
      }).toEqual({
        status: 422,
        code: 'archive_unsafe_entry',
        reason,
        entry: entry.name,
      });
      expect(w.staging()).toEqual([]);
    }
    console.log(`[U3] ${seen.join('; ')}`);
    expect(w.tree().filter((p) => p !== 'archive-staging/')).toEqual(before);
    expect(w.assets()).toEqual([]);
    expect(slipTargets(w.dataDir)).toEqual([]);
    expect(existsSync('/etc/passwd.png')).toBe(false);
  });

  it('accepts the same images under safe names, and stores them under their hashes only', async () => {
    const good = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#654321' } })
      .png()
      .toBuffer();
    const res = await w.post(
      buildZip([{ name: 'dir/sub dir/ünïcode name.png', data: good, unixMode: 0o100600 }]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ assets: [{ entry: 'dir/sub dir/ünïcode name.png' }] });
    expect(w.assets()).toEqual([
      String((res.body.assets as { uri: string }[])[0]?.uri).replace('/assets/', ''),
    ]);
    expect(w.staging()).toEqual([]);
  });
});
