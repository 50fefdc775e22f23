import type { EventRepo, NewEvent } from '@tessera/core';
import type { SqlExecutor, SqlValue } from '../sql-client';
import { insertRows } from './insert-rows';
import { j, toEvent } from './rows';

const EVENT_COLUMNS = ['id', 'org_id', 'project_id', 'task_id', 'type', 'actor_id', 'data', 'created_at'];
const OUTBOX_COLUMNS = ['id', 'org_id', 'event_id', 'event_type', 'task_id', 'payload', 'created_at'];

const eventValues = (e: NewEvent): SqlValue[] => [
  e.id,
  e.org_id,
  e.project_id,
  e.task_id,
  e.type,
  e.actor_id,
  j(e.data),
  e.created_at,
];

/** A customer-visible event's webhook message: its payload is the event as appended. */
const outboxValues = (e: NewEvent): SqlValue[] => [
  `msg_${e.id}`,
  e.org_id,
  e.id,
  e.type,
  e.task_id,
  j(e),
  e.created_at,
];

/** Writes events (in order, so `seq` follows it), then the outbox rows of those that have one. */
async function insertEvents(db: SqlExecutor, events: readonly NewEvent[], outbox: readonly NewEvent[]) {
  await insertRows(db, 'events', EVENT_COLUMNS, events, eventValues);
  await insertRows(db, 'outbox', OUTBOX_COLUMNS, outbox, outboxValues);
}

/** Events written as they are appended (outside the engine's write units: tests, the ML callback). */
export function eventRepo(db: SqlExecutor): EventRepo {
  return {
    append: (e, outbox) => insertEvents(db, [e], outbox ? [e] : []),
    async list(orgId, afterSeq, limit, filter = {}) {
      const where = ['org_id = ?', 'seq > ?'];
      const params: SqlValue[] = [orgId, afterSeq];
      if (filter.projectId !== undefined) {
        where.push('project_id = ?');
        params.push(filter.projectId);
      }
      if (filter.taskId !== undefined) {
        where.push('task_id = ?');
        params.push(filter.taskId);
      }
      const rows = await db.all(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`, [
        ...params,
        limit,
      ]);
      return rows.map(toEvent);
    },
    async outboxCount(filter) {
      const where: string[] = [];
      const params: SqlValue[] = [];
      for (const [col, v] of [
        ['org_id', filter.orgId],
        ['event_type', filter.type],
        ['task_id', filter.taskId],
      ] as const) {
        if (v !== undefined) {
          where.push(`${col} = ?`);
          params.push(v);
        }
      }
      const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
      const [r] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox${clause}`, params);
      return Number(r?.n ?? 0);
    },
  };
}

export interface BufferedEventRepo extends EventRepo {
  /** Writes the events appended since the last flush; the write unit calls it before it ends. */
  flush(): Promise<void>;
}

/**
 * The event repository of one write unit: appended events are held and written together by `flush`, as
 * multi-row INSERTs (one statement per 100 events and one per 100 outbox rows, instead of one or two per
 * event). A unit appends several events (a submit that completes its task and leases the next: four), and a bulk
 * create one per task. Reads of events in the unit flush first, so they see its own appends.
 */
export function bufferedEventRepo(db: SqlExecutor): BufferedEventRepo {
  const direct = eventRepo(db);
  let events: NewEvent[] = [];
  let outbox: NewEvent[] = [];
  async function flush(): Promise<void> {
    const held = events;
    const messages = outbox;
    events = [];
    outbox = [];
    await insertEvents(db, held, messages);
  }
  return {
    append(e, toOutbox) {
      events.push(e);
      if (toOutbox) outbox.push(e);
      return Promise.resolve();
    },
    async list(orgId, afterSeq, limit, filter) {
      await flush();
      return direct.list(orgId, afterSeq, limit, filter);
    },
    async outboxCount(filter) {
      await flush();
      return direct.outboxCount(filter);
    },
    flush,
  };
}
