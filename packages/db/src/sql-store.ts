import type { Store, Tx } from '@tessera/core';
import { bufferedEventRepo, eventRepo } from './repos/event-repo';
import { annotationRepo, finalLabelRepo, goldScoreRepo, reviewRepo } from './repos/label-repos';
import { queueRepo } from './repos/queue-repo';
import { statsRepo } from './repos/stats-repo';
import { batchRepo, itemRepo, taskRepo } from './repos/task-repo';
import { ontologyRepo, orgRepo, projectRepo, userRepo } from './repos/tenancy-repos';
import type { SqlClient, SqlExecutor } from './sql-client';

/** Every repository over one executor (a transaction, or the read snapshot). */
export function createTx(db: SqlExecutor): Tx {
  return {
    orgs: orgRepo(db),
    users: userRepo(db),
    projects: projectRepo(db),
    ontologies: ontologyRepo(db),
    items: itemRepo(db),
    batches: batchRepo(db),
    tasks: taskRepo(db),
    queue: queueRepo(db),
    annotations: annotationRepo(db),
    reviews: reviewRepo(db),
    finalLabels: finalLabelRepo(db),
    goldScores: goldScoreRepo(db),
    events: eventRepo(db),
    stats: statsRepo(db),
  };
}

/**
 * The engine's unit of work over SQL. Repository sets are cached per executor: on SQLite the write and read
 * executors live as long as the connection, so a transaction costs little allocation beyond its own work. Each
 * write unit gets its own event buffer (`bufferedEventRepo`), written just before the unit ends: inside its
 * savepoint on SQLite, inside its transaction (and each retry of it) on PostgreSQL.
 */
export function createSqlStore(client: SqlClient): Store {
  const cache = new WeakMap<SqlExecutor, Tx>();
  const txFor = (db: SqlExecutor): Tx => {
    let tx = cache.get(db);
    if (tx === undefined) {
      tx = createTx(db);
      cache.set(db, tx);
    }
    return tx;
  };
  return {
    write: (fn) =>
      client.transaction(async (db) => {
        const events = bufferedEventRepo(db);
        const result = await fn({ ...txFor(db), events });
        await events.flush();
        return result;
      }),
    read: (fn) => client.read((db) => fn(txFor(db))),
  };
}
