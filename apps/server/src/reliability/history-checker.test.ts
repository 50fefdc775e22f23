import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHistory, readHistory } from './history';
import { checkHistory, summarize } from './history-checker';

function history() {
  let t = 0;
  return createHistory(undefined, () => t++);
}

describe('history recorder', () => {
  it('writes invoke/ok/fail/info as JSONL that reads back identically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-history-'));
    try {
      const path = join(dir, 'history.jsonl');
      const h = createHistory(path);
      h.invoke(0, 'submit', 'k1', 't1#1').ok('ann_1');
      h.invoke(1, 'submit', 'k2', 't2#1').info('ECONNRESET');
      h.invoke(1, 'submit', 'k2', 't2#1').fail('409 stale_lease');
      await h.close();
      const back = readHistory(path);
      expect(back).toEqual(h.entries());
      expect(back.map((e) => e.type)).toEqual(['invoke', 'ok', 'invoke', 'info', 'invoke', 'fail']);
      expect(back[1]).toMatchObject({ process: 0, key: 'k1', value: 't1#1', result: 'ann_1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to complete an attempt twice', () => {
    const a = history().invoke(0, 'submit', 'k', 'v');
    a.ok();
    expect(() => a.info('late')).toThrow(/twice/);
  });
});

describe('history checker', () => {
  it('passes a clean history: acknowledged elements stored once, info retried to ok', () => {
    const h = history();
    h.invoke(0, 'submit', 'k1', 'a').ok('id-a');
    h.invoke(1, 'submit', 'k2', 'b').info('connection reset');
    h.invoke(1, 'submit', 'k2', 'b').ok('id-b');
    const report = checkHistory(h.entries(), [
      { value: 'a', id: 'id-a' },
      { value: 'b', id: 'id-b' },
    ]);
    expect(report.valid, summarize(report)).toBe(true);
    expect(report).toMatchObject({ operations: 2, acknowledged: 2, recovered: 0, indeterminate: 0 });
  });

  it('counts lost, duplicated and unexpected elements', () => {
    const h = history();
    h.invoke(0, 'submit', 'k1', 'a').ok('id-a');
    h.invoke(0, 'submit', 'k2', 'b').ok('id-b');
    const report = checkHistory(h.entries(), [
      { value: 'b', id: 'id-b' },
      { value: 'b', id: 'id-b2' },
      { value: 'z', id: 'id-z' },
    ]);
    expect(report.valid).toBe(false);
    expect(report.lost).toEqual(['a']);
    expect(report.duplicated).toEqual(['b']);
    expect(report.unexpected).toEqual(['z']);
  });

  it('lets an info-only operation be stored at most once, and a failed one never', () => {
    const h = history();
    h.invoke(0, 'submit', 'k1', 'a').info('timeout');
    h.invoke(1, 'submit', 'k2', 'b').info('timeout');
    h.invoke(2, 'submit', 'k3', 'c').fail('400 validation_failed');
    const report = checkHistory(h.entries(), [{ value: 'a' }, { value: 'c' }]);
    expect(report).toMatchObject({ recovered: 1, indeterminate: 1, failedButStored: ['c'], valid: false });
    expect(checkHistory(h.entries(), [{ value: 'a' }, { value: 'a' }]).duplicated).toEqual(['a']);
  });

  it('flags acknowledgements that disagree with each other or with the stored row', () => {
    const h = history();
    h.invoke(0, 'submit', 'k1', 'a').ok('id-1');
    h.invoke(0, 'submit', 'k1', 'a').ok('id-2');
    h.invoke(0, 'submit', 'k2', 'b').ok('id-b');
    const report = checkHistory(h.entries(), [
      { value: 'a', id: 'id-1' },
      { value: 'b', id: 'other' },
    ]);
    expect(report.mismatched.sort()).toEqual(['a', 'b']);
  });

  it('flags malformed histories: completion without invoke, overlapping invokes, one key for two values', () => {
    const entries = [
      { index: 0, type: 'ok' as const, process: 0, f: 'submit', key: 'k1', value: 'a', time: 0 },
      { index: 1, type: 'invoke' as const, process: 1, f: 'submit', key: 'k2', value: 'b', time: 1 },
      { index: 2, type: 'invoke' as const, process: 1, f: 'submit', key: 'k3', value: 'c', time: 2 },
      { index: 3, type: 'invoke' as const, process: 2, f: 'submit', key: 'k2', value: 'x', time: 3 },
    ];
    const report = checkHistory(entries, []);
    expect(report.malformed).toHaveLength(3);
    expect(report.valid).toBe(false);
    expect(summarize(report)).toContain('malformed 3');
  });
});
