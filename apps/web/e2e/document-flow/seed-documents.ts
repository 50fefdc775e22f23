import type { OntologyDefinition } from '@tessera/schema';
import type { E2eServer } from '../e2e-server';

export const INVOICE = 'invoice';
export const CONTRACT = 'contract';

/** Whole-document classes: what an annotator labels a PDF with until document fields (boxes) exist. */
export const DOCUMENT_ONTOLOGY: OntologyDefinition = {
  classes: [
    { id: INVOICE, name: 'Invoice', color: '#1971c2', geometries: ['classification'], attributes: [] },
    { id: CONTRACT, name: 'Contract', color: '#e8590c', geometries: ['classification'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: 'Tick the kind of document.',
};

/** One document task: where its PDF is (a path the test serves) and its page count when the item says. */
export interface DocumentTask {
  readonly uniqueId: string;
  readonly uri: string;
  readonly pages?: number;
  /** Leased first when higher. */
  readonly priority?: number;
}

/**
 * A `document` project made through the engine: one annotation per task, no review, the document ontology
 * published, `members` added, and `tasks` queued (their items are `media_type: 'document'` with a `uri`).
 * Returns the project's name.
 */
export async function seedDocumentProject(
  server: E2eServer,
  input: {
    readonly name: string;
    readonly tasks: readonly DocumentTask[];
    readonly members: readonly string[];
  },
): Promise<string> {
  const { engine } = server.server.ctx;
  const project = await engine.projects.createProject(server.orgId, null, {
    name: input.name,
    modality: 'document',
    workflow: { annotations_per_task: 1, review: { policy: 'none' }, lease_seconds: 300 },
  });
  const draft = await engine.ontologies.createDraft(server.orgId, project.id, DOCUMENT_ONTOLOGY);
  await engine.ontologies.publish(server.orgId, project.id, draft.version);
  for (const member of input.members) {
    const user = server.users[member];
    if (user === undefined) throw new Error(`no e2e user named ${member}`);
    await engine.projects.addMember(server.orgId, project.id, user.user_id);
  }
  const inputs = input.tasks.map((t) => ({
    type: 'documentclassification',
    unique_id: `${input.name}-${t.uniqueId}`,
    instruction: 'Tick the kind of document.',
    priority: t.priority ?? 0,
    item: { media_type: 'document', uri: t.uri, ...(t.pages === undefined ? {} : { length: t.pages }) },
  }));
  const results = await engine.tasks.createTasks(server.orgId, project.id, inputs);
  const refused = results.filter((r) => r.outcome !== 'created');
  if (refused.length > 0) throw new Error(`seeded tasks refused: ${JSON.stringify(refused)}`);
  return project.name;
}
