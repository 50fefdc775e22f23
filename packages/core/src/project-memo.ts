import type { Project } from '@tessera/schema';
import type { ProjectRepo } from './ports';

/**
 * `tx` for one transaction that reads each project once: a submit that closes a round and the lease after it
 * (`submitAndLease`) both need the project. The read itself is remembered, so a get issued while another is
 * on its way shares it. Writes through `projects.update` replace the remembered copy.
 */
export function memoizeProjects<T extends { readonly projects: ProjectRepo }>(tx: T): T {
  const seen = new Map<string, Promise<Project | undefined>>();
  const key = (orgId: string, id: string) => `${orgId}/${id}`;
  return {
    ...tx,
    projects: {
      ...tx.projects,
      get(orgId, id) {
        const k = key(orgId, id);
        let read = seen.get(k);
        if (read === undefined) {
          read = tx.projects.get(orgId, id);
          seen.set(k, read);
        }
        return read;
      },
      async update(project) {
        await tx.projects.update(project);
        seen.set(key(project.org_id, project.id), Promise.resolve(project));
      },
    },
  };
}
