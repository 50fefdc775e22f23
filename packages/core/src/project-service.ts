import {
  DEFAULT_WORKFLOW,
  MODALITIES,
  type Modality,
  type Project,
  projectValidator,
  type Workflow,
  workflowValidator,
} from '@tessera/schema';
import { createBoundedCache } from './bounded-cache';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import type { EngineDeps, Tx } from './ports';

export interface NewProject {
  readonly name: string;
  readonly title?: string;
  readonly modality: Modality;
  readonly workflow?: Partial<Workflow>;
}

/** Loads a project of the organization or fails with 404 (also for another organization's project). */
export async function requireProject(tx: Tx, orgId: string, projectId: string): Promise<Project> {
  const project = await tx.projects.get(orgId, projectId);
  if (project === undefined) throw new NotFoundError('project', projectId);
  return project;
}

export function createProjectService(deps: EngineDeps) {
  const { store, clock, ids } = deps;
  const projectIds = createBoundedCache<string>(10_000);

  function resolveProject(orgId: string, ref: string): Promise<Project> {
    return store.read(async (tx) => {
      const project = ref.startsWith('prj_')
        ? await tx.projects.get(orgId, ref)
        : await tx.projects.getByName(orgId, ref);
      if (project === undefined) throw new NotFoundError('project', ref);
      return project;
    });
  }

  return {
    async createProject(orgId: string, actorId: string | null, input: NewProject): Promise<Project> {
      const now = clock.now();
      const project: Project = {
        id: ids.next('prj'),
        org_id: orgId,
        name: input.name,
        title: input.title ?? input.name,
        modality: input.modality,
        workflow: { ...DEFAULT_WORKFLOW, ...input.workflow },
        ontology_version: 0,
        created_at: now,
        updated_at: now,
      };
      if (!MODALITIES.includes(input.modality)) {
        throw new ValidationError([{ path: '/modality', code: 'invalid', message: 'unknown modality' }]);
      }
      const checked = projectValidator.validate(project);
      if (!checked.ok) throw new ValidationError(checked.issues);
      return store.write(async (tx) => {
        if ((await tx.projects.getByName(orgId, project.name)) !== undefined) {
          throw new ConflictError('project_name_conflict', `a project named ${project.name} already exists`);
        }
        await tx.projects.insert(project);
        await appendEvent(tx, ids, now, {
          orgId,
          projectId: project.id,
          taskId: null,
          type: 'project.created',
          actorId,
          data: { name: project.name },
        });
        return project;
      });
    },

    async updateWorkflow(orgId: string, projectId: string, changes: Partial<Workflow>): Promise<Project> {
      return store.write(async (tx) => {
        const project = await requireProject(tx, orgId, projectId);
        const workflow = { ...project.workflow, ...changes };
        const checked = workflowValidator.validate(workflow);
        if (!checked.ok)
          throw new ValidationError(checked.issues.map((i) => ({ ...i, path: `/workflow${i.path}` })));
        const updated: Project = { ...project, workflow, updated_at: clock.now() };
        await tx.projects.update(updated);
        return updated;
      });
    },

    async addMember(orgId: string, projectId: string, userId: string): Promise<void> {
      await store.write(async (tx) => {
        await requireProject(tx, orgId, projectId);
        if ((await tx.users.get(orgId, userId)) === undefined) throw new NotFoundError('user', userId);
        if (!(await tx.projects.isMember(projectId, userId)))
          await tx.projects.addMember(orgId, projectId, userId);
      });
    },

    /** A project by id (`prj_…`) or by name. */
    resolveProject,

    /**
     * The id of a project by id or name. Names never change and projects are never deleted, so each process
     * remembers the answer: a lease by project name then reads no project row.
     */
    async resolveProjectId(orgId: string, ref: string): Promise<string> {
      const key = `${orgId}/${ref}`;
      const hit = projectIds.get(key);
      if (hit !== undefined) return hit;
      const { id } = await resolveProject(orgId, ref);
      projectIds.set(key, id);
      return id;
    },

    getProject(orgId: string, projectId: string): Promise<Project> {
      return store.read((tx) => requireProject(tx, orgId, projectId));
    },

    listForMember(orgId: string, userId: string): Promise<Project[]> {
      return store.read((tx) => tx.projects.listForMember(orgId, userId));
    },

    listProjects(orgId: string): Promise<Project[]> {
      return store.read((tx) => tx.projects.list(orgId));
    },
  };
}
export type ProjectService = ReturnType<typeof createProjectService>;
