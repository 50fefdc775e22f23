import type { Engine, Store } from '@tessera/core';
import type { FinalLabel, Task, TaskDto } from '@tessera/schema';
import { taskDto } from './dto';

/**
 * Renders tasks as wire objects: project and batch names (immutable, so cached per process) and each task's
 * current final label, loaded for the whole page in one query.
 */
export function createTaskRenderer(engine: Engine, store: Store) {
  const projectNames = new Map<string, string>();
  const batchNames = new Map<string, string>();

  async function projectName(orgId: string, id: string): Promise<string> {
    let name = projectNames.get(id);
    if (name === undefined) {
      name = (await engine.projects.getProject(orgId, id)).name;
      projectNames.set(id, name);
    }
    return name;
  }

  async function batchName(orgId: string, id: string | null): Promise<string | null> {
    if (id === null) return null;
    let name = batchNames.get(id);
    if (name === undefined) {
      name = (await engine.batches.getBatch(orgId, id)).name;
      batchNames.set(id, name);
    }
    return name;
  }

  return {
    projectName,
    /** `known`: final labels already in hand (the one a submit just made), read again only if outdated. */
    async render(
      orgId: string,
      tasks: readonly Task[],
      known: readonly FinalLabel[] = [],
    ): Promise<TaskDto[]> {
      const labels = new Map(known.map((l) => [l.task_id, l]));
      const current = (t: Task) => labels.get(t.id)?.revision === t.final_revision;
      const missing = tasks.filter((t) => t.final_revision > 0 && !current(t)).map((t) => t.id);
      if (missing.length > 0) {
        for (const l of await store.read((tx) => tx.finalLabels.latestForTasks(missing)))
          labels.set(l.task_id, l);
      }
      const out: TaskDto[] = [];
      for (const t of tasks) {
        const names = {
          project: await projectName(orgId, t.project_id),
          batch: await batchName(orgId, t.batch_id),
        };
        out.push(taskDto(t, names, labels.get(t.id)));
      }
      return out;
    },
    async renderOne(orgId: string, task: Task, known?: FinalLabel): Promise<TaskDto> {
      return (await this.render(orgId, [task], known ? [known] : []))[0] as TaskDto;
    },
  };
}
export type TaskRenderer = ReturnType<typeof createTaskRenderer>;
