import { describe, expect, it } from 'vitest';
import type { Figures } from '../harness/scenario';
import { backlogKey } from './backlog';
import { lifecycleKey, TESSERA_PG_KEY } from './lifecycle';
import { type TargetLine, targetLines, targetsMarkdown } from './target-status';

const SQLITE_KEY = lifecycleKey(
  { db: 'sqlite', processes: 1, client: 'sdk', calls: 'combined' },
  1,
  'tasksPerSecond',
);

/** A full run's figures; `changes` overrides some. */
function run(changes: Record<string, number> = {}): Figures {
  const f: Figures = new Map<string, number>([
    [SQLITE_KEY, 1_632],
    [TESSERA_PG_KEY, 600],
    ['graphile.default.jobsPerSecond', 1_258],
    ['pgboss.batched.jobsPerSecond', 1_847],
    ['pgboss.single.100000.jobsPerSecond', 6],
    ['ingest.sqlite.tasksPerSecond', 34_050],
    ['ingest.sqlite.rssSecondHalfOverFirstMiB', -10],
    ['ingest.sqlite.peakRssMiB', 341],
    ['ingest.postgres.rssSecondHalfOverFirstMiB', 40],
    ['ingest.postgres.peakRssMiB', 301],
  ]);
  for (const db of ['sqlite', 'postgres'] as const) {
    f.set(backlogKey(db, 10_000, 'leaseP99'), 47);
    f.set(backlogKey(db, 5_000_000, 'leaseP99'), 57);
    f.set(backlogKey(db, 10_000, 'soloP50'), 1.8);
    f.set(backlogKey(db, 5_000_000, 'soloP50'), db === 'sqlite' ? 2.0 : 3.7);
  }
  for (const [k, v] of Object.entries(changes)) f.set(k, v);
  return f;
}

const line = (lines: readonly TargetLine[], start: string): TargetLine => {
  const found = lines.find((l) => l.target.startsWith(start));
  if (found === undefined) throw new Error(`no target line starting "${start}"`);
  return found;
};

describe('issue 6 targets against a run', () => {
  it('judges throughput against the target and the floor', () => {
    expect(line(targetLines(run()), 'Labeling lifecycle, SQLite').status).toBe('not met');
    expect(line(targetLines(run({ [SQLITE_KEY]: 5_000 })), 'Labeling lifecycle, SQLite').status).toBe(
      'floor met',
    );
    expect(
      line(targetLines(run({ [TESSERA_PG_KEY]: 8_000 })), 'Labeling lifecycle, PostgreSQL'),
    ).toMatchObject({
      status: 'met',
      measured: '8,000 tasks/s',
    });
  });

  it('compares the PostgreSQL figure (3 processes, SDK) with each peer of the same run', () => {
    const lines = targetLines(run());
    expect(line(lines, 'Against pg-boss, one at a time')).toMatchObject({
      status: 'met',
      measured: '100× (600 tasks/s against 6 jobs/s)',
    });
    expect(line(lines, 'Against graphile-worker')).toMatchObject({
      status: 'not met',
      measured: expect.stringMatching(/^0\.5×/),
    });
    expect(
      line(targetLines(run({ 'pgboss.single.100000.jobsPerSecond': 7 })), 'Against pg-boss, one at a time')
        .status,
    ).toBe('not met');
  });

  it('holds lease latency to 10 ms at 50 connections and to a flat curve over the backlog', () => {
    const lines = targetLines(run());
    expect(line(lines, 'Lease p99 at 50 connections, SQLite')).toMatchObject({
      status: 'not met',
      measured: '47.0 / 57.0 ms',
    });
    expect(line(lines, 'Lease latency does not grow with the backlog, SQLite').status).toBe('met');
    expect(line(lines, 'Lease latency does not grow with the backlog, PostgreSQL').status).toBe('not met');
    const fast = run({
      [backlogKey('postgres', 10_000, 'leaseP99')]: 9,
      [backlogKey('postgres', 5_000_000, 'leaseP99')]: 10,
    });
    expect(line(targetLines(fast), 'Lease p99 at 50 connections, PostgreSQL').status).toBe('met');
  });

  it('calls ingest memory flat only when the second half of the upload peaks (almost) no higher than the first', () => {
    const lines = targetLines(run());
    expect(line(lines, 'Ingest memory flat, SQLite')).toMatchObject({
      status: 'met',
      measured: '-10 MiB (peak 341 MiB)',
    });
    expect(line(lines, 'Ingest memory flat, PostgreSQL').status).toBe('not met');
    expect(line(lines, 'Bulk ingest, SQLite')).toMatchObject({
      status: 'not met',
      measured: '34,050 tasks/s',
    });
  });

  it('says "not measured" for a scenario that did not run, and counts only measured targets', () => {
    const lines = targetLines(new Map([[SQLITE_KEY, 12_000]]));
    expect(lines.filter((l) => l.status === 'not measured')).toHaveLength(lines.length - 1);
    const page = targetsMarkdown(lines, 'test');
    expect(page).toContain('1 of 1 measured targets met.');
    expect(page).toContain(
      '| Labeling lifecycle, SQLite, consensus 1, durable (SDK, 1 serve process) | ≥ 10,000 tasks/s (floor 5,000) | 12,000 tasks/s | met |',
    );
  });
});
