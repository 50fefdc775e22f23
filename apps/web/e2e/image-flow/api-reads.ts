import type { FinalLabelDto, TaskAnnotationsDto, TaskDto } from '@tessera/schema';
import type { Page } from 'playwright-core';
import type { FixtureImage } from './fixture-images';
import type { TaskImage } from './label-tasks';

/** A GET through the page's context: it carries that person's session cookie. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The project's tasks (the test makes fewer than one page of them). */
export async function listTasks(page: Page, project: string): Promise<TaskDto[]> {
  const body = await getJson<{ docs: TaskDto[]; has_more: boolean }>(
    page,
    `/v1/tasks?project=${encodeURIComponent(project)}&limit=100`,
  );
  if (body.has_more) throw new Error('more tasks than one page');
  return body.docs;
}

/** Each task with the image it shows, matched by the file name the upload page keeps in its metadata. */
export async function taskImages(
  page: Page,
  project: string,
  images: readonly FixtureImage[],
): Promise<Map<string, TaskImage>> {
  const out = new Map<string, TaskImage>();
  for (const task of await listTasks(page, project)) {
    const index = images.findIndex((i) => i.name === task.metadata.file_name);
    const image = images[index];
    if (image === undefined) throw new Error(`task ${task.task_id} has no known file name`);
    out.set(task.task_id, { taskId: task.task_id, index, width: image.width, height: image.height });
  }
  return out;
}

/** The newest final-label revision of a task, and how many revisions it has. */
export async function latestFinalLabel(
  page: Page,
  taskId: string,
): Promise<{ latest: FinalLabelDto | undefined; revisions: number }> {
  const path = `/v1/task/${encodeURIComponent(taskId)}/labels`;
  const { docs } = await getJson<{ docs: FinalLabelDto[] }>(page, path);
  const latest = docs.reduce<FinalLabelDto | undefined>(
    (a, d) => (a === undefined || d.revision > a.revision ? d : a),
    undefined,
  );
  return { latest, revisions: docs.length };
}

/** The annotations submitted on a task, with their authors. */
export function taskAnnotations(page: Page, taskId: string): Promise<TaskAnnotationsDto> {
  return getJson<TaskAnnotationsDto>(page, `/v1/task/${encodeURIComponent(taskId)}/annotations`);
}
