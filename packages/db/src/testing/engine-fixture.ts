import { createEngine, type Engine, type EngineDeps } from '@tessera/core';
import type { OntologyDefinition, Project, User, Workflow } from '@tessera/schema';
import { createIdGenerator } from '../ids';
import { migrate } from '../migrator';
import { MIGRATIONS } from '../open-database';
import type { SqlClient } from '../sql-client';
import { createSqlStore } from '../sql-store';
import { fakeClock, seededRandom } from '../system';
import type { TestDatabase, TestHandle } from './test-databases';

/** A small image + text ontology used across engine tests. */
export const TEST_ONTOLOGY: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box', 'polygon', 'classification'],
      attributes: [
        { id: 'occluded', name: 'Occluded', type: 'boolean', required: true },
        { id: 'color', name: 'Color', type: 'enum', required: false, options: ['red', 'blue', 'other'] },
      ],
    },
    { id: 'truck', name: 'Truck', color: '#00ff00', geometries: ['box', 'classification'], attributes: [] },
    { id: 'person', name: 'Person', color: '#0000ff', geometries: ['box', 'point', 'span'], attributes: [] },
    {
      id: 'org',
      name: 'Organization',
      color: '#888888',
      geometries: ['span'],
      attributes: [],
      allow_overlap: false,
    },
  ],
  global_attributes: [],
  guidelines: '# Label every vehicle',
};

export interface EngineFixture {
  readonly engine: Engine;
  readonly deps: EngineDeps;
  readonly clock: ReturnType<typeof fakeClock>;
  readonly handle: TestHandle;
  readonly client: SqlClient;
  readonly orgId: string;
  readonly admin: User;
  readonly annotators: User[];
  readonly reviewer: User;
  readonly project: Project;
  /** Another engine over a new client on the same database (a second process). */
  engineOnNewClient(): Engine;
  dispose(): Promise<void>;
}

export async function engineFor(
  client: SqlClient,
  clock = fakeClock(),
  seed = 7,
): Promise<{ engine: Engine; deps: EngineDeps }> {
  await migrate(client, MIGRATIONS);
  const deps: EngineDeps = {
    store: createSqlStore(client),
    clock,
    ids: createIdGenerator(() => clock.now()),
    random: seededRandom(seed),
  };
  return { engine: createEngine(deps), deps };
}

/** A migrated database with one organization, an admin, a reviewer, N annotators and one project (ontology published). */
export async function createFixture(
  db: TestDatabase,
  options: { annotators?: number; workflow?: Partial<Workflow>; modality?: Project['modality'] } = {},
): Promise<EngineFixture> {
  const handle = await db.open();
  const clock = fakeClock();
  const { engine, deps } = await engineFor(handle.client, clock);
  const org = await engine.orgs.createOrganization('Acme');
  const admin = await engine.orgs.createUser(org.id, {
    email: 'admin@acme.test',
    name: 'Admin',
    role: 'admin',
  });
  const reviewer = await engine.orgs.createUser(org.id, {
    email: 'rev@acme.test',
    name: 'Reviewer',
    role: 'reviewer',
  });
  const annotators: User[] = [];
  for (let i = 0; i < (options.annotators ?? 3); i++) {
    annotators.push(
      await engine.orgs.createUser(org.id, {
        email: `a${i}@acme.test`,
        name: `Annotator ${i}`,
        role: 'annotator',
      }),
    );
  }
  let project = await engine.projects.createProject(org.id, admin.id, {
    name: 'kitti',
    modality: options.modality ?? 'image',
    workflow: options.workflow,
  });
  const draft = await engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY);
  await engine.ontologies.publish(org.id, project.id, draft.version);
  for (const u of [...annotators, reviewer]) await engine.projects.addMember(org.id, project.id, u.id);
  project = await engine.projects.getProject(org.id, project.id);
  return {
    engine,
    deps,
    clock,
    handle,
    client: handle.client,
    orgId: org.id,
    admin,
    annotators,
    reviewer,
    project,
    engineOnNewClient: () => createEngine({ ...deps, store: createSqlStore(handle.reopen()) }),
    dispose: () => handle.dispose(),
  };
}

/** An image task input of 100×100 px. */
export function imageTask(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'imageannotation',
    item: { media_type: 'image', uri: 'https://example.test/a.png', width: 100, height: 100 },
    ...overrides,
  };
}

/** A valid payload: one car box. */
export function carBox(x = 10, y = 10, w = 20, h = 20, occluded = false) {
  return {
    classifications: [],
    objects: [{ id: 'o1', class_id: 'car', geometry: { type: 'box', x, y, w, h }, attributes: { occluded } }],
    spans: [],
    attributes: {},
  };
}

/** Counts rows of a table (tests only; the table name is a constant). */
export async function countRows(
  client: SqlClient,
  table: string,
  where = '1 = 1',
  params: (string | number)[] = [],
): Promise<number> {
  const [r] = await client.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(r?.n ?? 0);
}
