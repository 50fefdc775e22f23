import type { FinalLabel, Migration, OntologyDefinition, OntologyVersion } from '@tessera/schema';
import { migrationValidator } from '@tessera/schema';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import { diffOntology, type OntologyDiff } from './ontology/diff-ontology';
import { migratePayload } from './ontology/migrate-payload';
import { validateMigration } from './ontology/validate-migration';
import { validateOntologyDefinition } from './ontology/validate-ontology';
import type { EngineDeps, Tx } from './ports';
import { requireProject } from './project-service';

const MIGRATION_CHUNK = 200;

async function requireVersion(tx: Tx, projectId: string, version: number): Promise<OntologyVersion> {
  const found = await tx.ontologies.get(projectId, version);
  if (found === undefined) throw new NotFoundError('ontology version', `${projectId}@${version}`);
  return found;
}

function checkDraft(definition: unknown, migration: unknown, previous: OntologyVersion | undefined) {
  const def = validateOntologyDefinition(definition);
  if (!def.ok) throw new ValidationError(def.issues.map((i) => ({ ...i, path: `/definition${i.path}` })));
  const mig = migrationValidator.validate(migration ?? []);
  if (!mig.ok) throw new ValidationError(mig.issues.map((i) => ({ ...i, path: `/migration${i.path}` })));
  if (previous !== undefined && mig.value.length > 0) {
    const issues = validateMigration(previous.definition, def.value, mig.value);
    if (issues.length > 0) throw new ValidationError(issues);
  }
  if (previous === undefined && mig.value.length > 0) {
    throw new ValidationError([
      { path: '/migration', code: 'invalid', message: 'the first version has nothing to migrate' },
    ]);
  }
  return { definition: def.value, migration: mig.value };
}

/**
 * Versioned ontologies: drafts are edited, publishing locks a version and makes it the one new tasks pin;
 * a version's migration rewrites a project's final labels as new revisions, keeping the old ones.
 */
export function createOntologyService(deps: EngineDeps) {
  const { store, clock, ids } = deps;

  async function migrateChunk(projectId: string, target: number, after: string) {
    return store.write(async (tx) => {
      const stale = await tx.finalLabels.listStale(projectId, target, after, MIGRATION_CHUNK);
      const now = clock.now();
      for (const label of stale) await reviseLabel(tx, label, target, now);
      return stale;
    });
  }

  async function reviseLabel(tx: Tx, label: FinalLabel, target: number, now: number): Promise<void> {
    let payload = label.payload;
    for (let v = label.ontology_version + 1; v <= target; v++) {
      payload = migratePayload(payload, (await requireVersion(tx, label.project_id, v)).migration);
    }
    const revision = label.revision + 1;
    await tx.finalLabels.insert({
      ...label,
      revision,
      payload,
      source: 'migration',
      ontology_version: target,
      details: { from_revision: label.revision, from_version: label.ontology_version },
      created_at: now,
    });
    await tx.tasks.patch(label.task_id, { final_revision: revision, updated_at: now });
    await appendEvent(tx, ids, now, {
      orgId: label.org_id,
      projectId: label.project_id,
      taskId: label.task_id,
      type: 'task.label_revised',
      actorId: null,
      data: { revision, ontology_version: target, reason: 'migration' },
    });
  }

  return {
    /** Creates the next version as an unpublished draft. */
    async createDraft(
      orgId: string,
      projectId: string,
      definition: unknown,
      migration?: unknown,
    ): Promise<OntologyVersion> {
      return store.write(async (tx) => {
        await requireProject(tx, orgId, projectId);
        const latest = await tx.ontologies.latest(projectId);
        if (latest !== undefined && !latest.published) {
          throw new ConflictError(
            'draft_exists',
            `version ${latest.version} is an unpublished draft: edit or publish it`,
          );
        }
        const checked = checkDraft(definition, migration, latest);
        const now = clock.now();
        const version: OntologyVersion = {
          org_id: orgId,
          project_id: projectId,
          version: (latest?.version ?? 0) + 1,
          ...checked,
          published: false,
          created_at: now,
          published_at: null,
        };
        await tx.ontologies.insert(version);
        await appendEvent(tx, ids, now, {
          orgId,
          projectId,
          taskId: null,
          type: 'ontology.created',
          actorId: null,
          data: { version: version.version },
        });
        return version;
      });
    },

    /** Replaces a draft's definition and migration; published versions are locked. */
    async updateDraft(
      orgId: string,
      projectId: string,
      version: number,
      definition: unknown,
      migration?: unknown,
    ) {
      return store.write(async (tx) => {
        await requireProject(tx, orgId, projectId);
        const current = await requireVersion(tx, projectId, version);
        if (current.published)
          throw new ConflictError('ontology_locked', `version ${version} is published and locked`);
        const previous = version > 1 ? await requireVersion(tx, projectId, version - 1) : undefined;
        const updated: OntologyVersion = { ...current, ...checkDraft(definition, migration, previous) };
        if (!(await tx.ontologies.updateDraft(updated))) {
          throw new ConflictError('ontology_locked', `version ${version} is published and locked`);
        }
        return updated;
      });
    },

    /** Locks the version and makes it current: tasks created from now on pin it. */
    async publish(orgId: string, projectId: string, version: number): Promise<OntologyVersion> {
      return store.write(async (tx) => {
        const project = await requireProject(tx, orgId, projectId);
        const current = await requireVersion(tx, projectId, version);
        if (current.published) return current;
        const now = clock.now();
        const published: OntologyVersion = { ...current, published: true, published_at: now };
        if (!(await tx.ontologies.updateDraft(published))) {
          throw new ConflictError('ontology_locked', `version ${version} was published concurrently`);
        }
        await tx.projects.update({
          ...project,
          ontology_version: Math.max(project.ontology_version, version),
          updated_at: now,
        });
        await appendEvent(tx, ids, now, {
          orgId,
          projectId,
          taskId: null,
          type: 'ontology.published',
          actorId: null,
          data: { version },
        });
        return published;
      });
    },

    get(orgId: string, projectId: string, version: number): Promise<OntologyVersion> {
      return store.read(async (tx) => {
        await requireProject(tx, orgId, projectId);
        return requireVersion(tx, projectId, version);
      });
    },

    list(orgId: string, projectId: string): Promise<OntologyVersion[]> {
      return store.read(async (tx) => {
        await requireProject(tx, orgId, projectId);
        return tx.ontologies.list(projectId);
      });
    },

    /** What changed from `from` to `to` (classes, attributes, guidelines). */
    diff(orgId: string, projectId: string, from: number, to: number): Promise<OntologyDiff> {
      return store.read(async (tx) => {
        await requireProject(tx, orgId, projectId);
        const [a, b] = [await requireVersion(tx, projectId, from), await requireVersion(tx, projectId, to)];
        return diffOntology(a.definition, b.definition);
      });
    },

    /**
     * Rewrites every final label made under an older version as a new revision under `target` (a published
     * version), chaining each intermediate version's migration. Runs in chunks; safe to re-run.
     */
    async applyMigration(orgId: string, projectId: string, target: number): Promise<{ revised: number }> {
      const version = await store.read(async (tx) => {
        await requireProject(tx, orgId, projectId);
        return requireVersion(tx, projectId, target);
      });
      if (!version.published)
        throw new ConflictError('ontology_not_published', `publish version ${target} first`);
      let revised = 0;
      let after = '';
      for (;;) {
        const chunk = await migrateChunk(projectId, target, after);
        revised += chunk.length;
        const last = chunk.at(-1);
        if (last === undefined || chunk.length < MIGRATION_CHUNK) break;
        after = last.task_id;
      }
      await store.write((tx) =>
        appendEvent(tx, ids, clock.now(), {
          orgId,
          projectId,
          taskId: null,
          type: 'ontology.migrated',
          actorId: null,
          data: { version: target, revised },
        }),
      );
      return { revised };
    },
  };
}
export type OntologyService = ReturnType<typeof createOntologyService>;

export type { Migration, OntologyDefinition };
