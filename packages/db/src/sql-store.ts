import type { Store, Tx } from '@tessera/core';
import { annotationRepo, eventRepo, finalLabelRepo, goldScoreRepo, reviewRepo } from './repos/label-repos';
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
 * executors live as long as the connection, so a transaction costs no allocation beyond its own work.
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
    write: (fn) => client.transaction((db) => fn(txFor(db))),
    read: (fn) => client.read((db) => fn(txFor(db))),
  };
}
