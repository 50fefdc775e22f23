import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type Engine } from '@tessera/core';
import { createIdGenerator, createSqlStore, openSqlite, seededRandom, systemClock } from '@tessera/db';
import { markedBox } from './marked-box';

/** What a lease returned: the task's counters after this lease was added. */
export interface LeaseRecord {
  readonly taskId: string;
  readonly annotatorId: string;
  readonly token: number;
  readonly done: number;
  readonly active: number;
  readonly needed: number;
}

export interface ThreadInput {
  readonly path: string;
  readonly orgId: string;
  readonly annotatorIds: readonly string[];
  readonly seed: number;
  /** Share of leases given back with `skip` instead of submitted. */
  readonly skipRate: number;
}

/** One annotator: lease two, submit or skip each, until the queue has nothing left for them. */
async function annotate(engine: Engine, input: ThreadInput, annotatorId: string, random: { next(): number }) {
  const records: LeaseRecord[] = [];
  for (;;) {
    const leases = await engine.queue.lease({ orgId: input.orgId, annotatorId, count: 2 });
    if (leases.length === 0) return records;
    for (const l of leases) {
      const t = l.task;
      records.push({
        taskId: t.id,
        annotatorId,
        token: l.token,
        done: t.annotations_done,
        active: t.leases_active,
        needed: t.annotations_needed,
      });
      if (random.next() < input.skipRate) {
        await engine.queue.release(input.orgId, annotatorId, t.id, l.token, 'skip');
      } else {
        const payload = markedBox(records.length);
        await engine.queue.submit({ orgId: input.orgId, annotatorId, taskId: t.id, token: l.token, payload });
      }
    }
  }
}

/** Worker-thread annotators on their own SQLite connection (Q4: one process, many connections). */
const input = workerData as ThreadInput;
const client = openSqlite({ path: input.path });
const engine = createEngine({
  store: createSqlStore(client),
  clock: systemClock,
  ids: createIdGenerator(),
  random: seededRandom(input.seed),
});
const random = seededRandom(input.seed);
const records = await Promise.all(input.annotatorIds.map((id) => annotate(engine, input, id, random)));
await client.close();
parentPort?.postMessage(records.flat());
