import type { OntologyDefinition } from '@tessera/schema';
import type { E2eServer } from '../e2e-server';
import { BIOGRAPHY, type NewsTask, newsNdjson, ORG, PERSON } from './news-fixtures';

/** The ontology the admin builds through the editor in the main flow, for projects seeded without the UI. */
export const NEWS_ONTOLOGY: OntologyDefinition = {
  classes: [
    { id: PERSON, name: 'Person', color: '#e03131', geometries: ['span'], attributes: [] },
    { id: ORG, name: 'Organization', color: '#1971c2', geometries: ['span'], attributes: [] },
    { id: BIOGRAPHY, name: 'Biography', color: '#2f9e44', geometries: ['classification'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: 'Mark people and organizations.',
};

/**
 * A text project made directly through the engine (the pages that make one are covered by the main flow):
 * one annotation per task, no review, the given lease length, the news ontology published, `tasks` queued,
 * and `members` added. Returns the project's name.
 */
export async function seedTextProject(
  server: E2eServer,
  input: {
    readonly name: string;
    readonly leaseSeconds: number;
    readonly tasks: readonly NewsTask[];
    readonly members: readonly string[];
  },
): Promise<string> {
  const { engine } = server.server.ctx;
  const project = await engine.projects.createProject(server.orgId, null, {
    name: input.name,
    modality: 'text',
    workflow: { annotations_per_task: 1, review: { policy: 'none' }, lease_seconds: input.leaseSeconds },
  });
  const draft = await engine.ontologies.createDraft(server.orgId, project.id, NEWS_ONTOLOGY);
  await engine.ontologies.publish(server.orgId, project.id, draft.version);
  for (const member of input.members) {
    const user = server.users[member];
    if (user === undefined) throw new Error(`no e2e user named ${member}`);
    await engine.projects.addMember(server.orgId, project.id, user.user_id);
  }
  const inputs = newsNdjson(input.tasks, `${input.name}-`)
    .trim()
    .split('\n')
    .map((line): unknown => JSON.parse(line));
  const results = await engine.tasks.createTasks(server.orgId, project.id, inputs);
  const refused = results.filter((r) => r.outcome !== 'created');
  if (refused.length > 0) throw new Error(`seeded tasks refused: ${JSON.stringify(refused)}`);
  return project.name;
}
