import { createEngine, type Engine } from '@tessera/core';
import {
  createIdGenerator,
  type Database,
  openDatabase,
  seededRandom,
  systemClock,
  TEST_ONTOLOGY,
} from '@tessera/db';
import type { Project } from '@tessera/schema';

export interface EngineProject {
  readonly db: Database;
  readonly engine: Engine;
  readonly orgId: string;
  readonly project: Project;
}

/**
 * The engine without HTTP on a SQLite file as shipped (synchronous=FULL, group commit, the system clock), with one
 * organization and one image project whose ontology is published: the start of the `*.bench.ts` scripts.
 */
export async function openEngineProject(path: string, consensus = 1): Promise<EngineProject> {
  const db = await openDatabase({ kind: 'sqlite', path });
  const engine = createEngine({
    store: db.store,
    clock: systemClock,
    ids: createIdGenerator(),
    random: seededRandom(1),
  });
  const org = await engine.orgs.createOrganization('bench');
  const project = await engine.projects.createProject(org.id, null, {
    name: 'bench',
    modality: 'image',
    workflow: { annotations_per_task: consensus },
  });
  const draft = await engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY);
  await engine.ontologies.publish(org.id, project.id, draft.version);
  return { db, engine, orgId: org.id, project };
}

/** Queues `count` box tasks on 640×480 images in the project, 1,000 per transaction. */
export async function queueBoxTasks(ep: EngineProject, count: number): Promise<void> {
  const item = { media_type: 'image', width: 640, height: 480 };
  for (let i = 0; i < count; i += 1000) {
    const inputs = Array.from({ length: Math.min(1000, count - i) }, () => ({ type: 'box', item }));
    await ep.engine.tasks.createTasks(ep.orgId, ep.project.id, inputs);
  }
}
