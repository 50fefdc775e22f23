import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '@tessera/core';
import { createIdGenerator } from '../ids';
import { createSqlStore } from '../sql-store';
import { openSqlite } from '../sqlite-client';
import { systemClock, systemRandom } from '../system';
import { runAnnotator } from './annotator-loop';
import { carBox } from './engine-fixture';

/** Worker-thread annotators on their own SQLite connection (the concurrency test's other "processes"). */
interface Input {
  readonly path: string;
  readonly orgId: string;
  readonly annotatorIds: readonly string[];
}

const input = workerData as Input;
const client = openSqlite({ path: input.path });
const engine = createEngine({
  store: createSqlStore(client),
  clock: systemClock,
  ids: createIdGenerator(),
  random: systemRandom,
});
const results = await Promise.all(
  input.annotatorIds.map((id) => runAnnotator(engine, input.orgId, id, () => carBox())),
);
await client.close();
parentPort?.postMessage(results);
