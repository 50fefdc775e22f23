import type { Project } from '@tessera/schema';
import type { ProjectRepo } from './ports';

/**
 * `tx` for one transaction that reads each project once: a submit that closes a round and the lease after it
 * (`submitAndLease`) both need the project. Writes through `projects.update` replace the remembered copy.
 */
export function memoizeProjects<T extends { readonly projects: ProjectRepo }>(tx: T): T {
  const seen = new Map<string, Project | undefined>();
  const key = (orgId: string, id: string) => `${orgId}/${id}`;
  return {
    ...tx,
    projects: {
      ...tx.projects,
      async get(orgId, id) {
        const k = key(orgId, id);
        if (seen.has(k)) return seen.get(k);
        const project = await tx.projects.get(orgId, id);
        seen.set(k, project);
        return project;
      },
      async update(project) {
        await tx.projects.update(project);
        seen.set(key(project.org_id, project.id), project);
      },
    },
  };
}
