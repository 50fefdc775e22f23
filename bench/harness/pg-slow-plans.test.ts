import { describe, expect, it } from 'vitest';
import { formatSlowPlans, slowPlans } from './pg-slow-plans';

// Lines as PostgreSQL 15 writes them with the harness's log_line_prefix (taken from a lifecycle run).
const LOG = [
  'db=bench_a:LOG:  duration: 2.301 ms  plan:',
  '\tQuery Text: SELECT an.* FROM annotations an JOIN assignments a ON a.id = an.assignment_id',
  "\t         WHERE an.task_id = $1 AND a.status = 'submitted'",
  '\tNested Loop  (cost=0.15..21.68 rows=1 width=280)',
  '\t  Join Filter: (an.assignment_id = a.id)',
  '\t  ->  Seq Scan on assignments a  (cost=0.00..13.50 rows=1 width=32)',
  'db=bench_b:LOG:  duration: 9.000 ms  plan:',
  '\tQuery Text: SELECT 1',
  '\tResult  (cost=0.00..0.01 rows=1 width=4)',
  'db=bench_a:LOG:  checkpoint starting: time',
  'db=bench_a:LOG:  duration: 4.500 ms  plan:',
  '\tQuery Text: SELECT an.* FROM annotations an JOIN assignments a ON a.id = an.assignment_id',
  "\t         WHERE an.task_id = $1 AND a.status = 'submitted'",
  '\tNested Loop  (cost=0.15..21.68 rows=1 width=280)',
  '\t  ->  Seq Scan on assignments a  (cost=0.00..13.50 rows=1 width=32)',
  'db=bench_a:LOG:  duration: 1.200 ms  plan:',
  '\tQuery Text: SELECT * FROM tasks WHERE id = $1 FOR UPDATE',
  '\tLockRows  (cost=0.28..8.30 rows=1 width=626)',
  '',
].join('\n');

describe('slow plans from the PostgreSQL log', () => {
  it("groups one database's entries by query text, keeping the slowest plan", () => {
    const plans = slowPlans(LOG, 'bench_a');
    expect(plans.map((p) => [p.count, p.slowestMs])).toEqual([
      [2, 4.5],
      [1, 1.2],
    ]);
    expect(plans[0]?.totalMs).toBeCloseTo(6.801, 9);
    expect(plans[0]?.query).toBe(
      "SELECT an.* FROM annotations an JOIN assignments a ON a.id = an.assignment_id WHERE an.task_id = $1 AND a.status = 'submitted'",
    );
    expect(plans[0]?.plan).toEqual([
      'Nested Loop  (cost=0.15..21.68 rows=1 width=280)',
      '  ->  Seq Scan on assignments a  (cost=0.00..13.50 rows=1 width=32)',
    ]);
  });

  it('keeps the actual rows and buffers that log_analyze adds to every node', () => {
    // A lease from a three-process drain: ten candidates reached LockRows for the one row it returned.
    const analyzed = [
      'db=bench_a:LOG:  duration: 2.800 ms  plan:',
      '\tQuery Text: SELECT t.* FROM tasks t WHERE t.project_id = $1 LIMIT 1 FOR UPDATE OF t SKIP LOCKED',
      '\tLimit  (cost=2.44..20.65 rows=1 width=658) (actual rows=1 loops=1)',
      '\t  Buffers: shared hit=187',
      '\t  ->  LockRows  (cost=0.69..45518.03 rows=2500 width=658) (actual rows=1 loops=1)',
      '\t        Buffers: shared hit=187',
      '\t        ->  Index Scan using tasks_lease on tasks t  (cost=0.41..43581.53 rows=2500 width=432) (actual rows=10 loops=1)',
      '',
    ].join('\n');
    const [lease] = slowPlans(analyzed, 'bench_a');
    expect(lease?.plan).toHaveLength(5);
    expect(lease?.plan[1]).toBe('  Buffers: shared hit=187');
    expect(lease?.plan[4]).toContain('(actual rows=10 loops=1)');
  });

  it('skips other databases and other log lines', () => {
    expect(slowPlans(LOG, 'bench_b').map((p) => p.query)).toEqual(['SELECT 1']);
    expect(slowPlans(LOG, 'bench_c')).toEqual([]);
  });

  it('writes each statement with its plan indented under it, or says none', () => {
    const text = formatSlowPlans(slowPlans(LOG, 'bench_a'), 100);
    expect(text).toContain('2 × ≥ 1 ms (0.020 per task), slowest 4.5 ms: SELECT an.*');
    expect(text).toContain('\n      ->  Seq Scan on assignments a');
    expect(formatSlowPlans([], 100)).toMatch(/\n\nnone\n$/);
    const long = {
      query: `INSERT INTO t VALUES ${'($1), '.repeat(100)}`,
      count: 1,
      totalMs: 2,
      slowestMs: 2,
      plan: [],
    };
    expect(formatSlowPlans([long], 1)).toContain(
      `${long.query.slice(0, 300)}… (${long.query.length} characters)`,
    );
  });
});
