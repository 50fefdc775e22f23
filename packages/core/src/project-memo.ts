import type { Project } from '@tessera/schema';
import type { ProjectRepo } from './ports';

/**
 * `tx` for one transaction that reads each project once: a submit that closes a round and the lease after it
 * (`submitAndLease`) both need the project. The read itself is remembered, so a get issued while another is
 * on its way shares it; a project read through its task (`getOfTask`) is remembered once it arrives. Writes
 * through `projects.update` replace the remembered copy.
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
      getOfTask(orgId, taskId) {
        // Remembered under the project's id once known: the gets after it are answered from here.
        return tx.projects.getOfTask(orgId, taskId).then((project) => {
          if (project !== undefined && !seen.has(key(orgId, project.id))) {
            seen.set(key(orgId, project.id), Promise.resolve(project));
          }
          return project;
        });
      },
      async update(project) {
        await tx.projects.update(project);
        seen.set(key(project.org_id, project.id), Promise.resolve(project));
      },
    },
  };
}
