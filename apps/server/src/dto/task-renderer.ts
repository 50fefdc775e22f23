import type { Engine, Store } from '@tessera/core';
import type { Task, TaskDto } from '@tessera/schema';
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
    async render(orgId: string, tasks: readonly Task[]): Promise<TaskDto[]> {
      const withLabels = tasks.filter((t) => t.final_revision > 0).map((t) => t.id);
      const labels = new Map(
        (await store.read((tx) => tx.finalLabels.latestForTasks(withLabels))).map((l) => [l.task_id, l]),
      );
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
    async renderOne(orgId: string, task: Task): Promise<TaskDto> {
      return (await this.render(orgId, [task]))[0] as TaskDto;
    },
  };
}
export type TaskRenderer = ReturnType<typeof createTaskRenderer>;
