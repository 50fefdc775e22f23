import type { Box } from '@tessera/geometry';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { latestFinalLabel, listTasks, taskAnnotations } from './api-reads';
import { boxDistance, type Drawn, meanBox } from './box-plan';

/** What each annotator drew, by task id, and the user who drew it. */
export interface AnnotatorWork {
  readonly userId: string;
  readonly drawn: ReadonlyMap<string, Drawn>;
}

/** Rounding of mouse positions moves a corner by less than one image pixel (the canvas scale is ≥ 1). */
const PIXEL = 1;

function onlyBox(objects: readonly { geometry: { type: string } }[], where: string): Box {
  expect(objects, where).toHaveLength(1);
  const geometry = objects[0]?.geometry as { type: string } & Box;
  expect(geometry.type, where).toBe('box');
  return { x: geometry.x, y: geometry.y, w: geometry.w, h: geometry.h };
}

/** Each annotator's submitted annotation is what they drew: one box of class car, within a pixel. */
async function expectAnnotations(page: Page, taskId: string, work: readonly AnnotatorWork[]) {
  const { docs } = await taskAnnotations(page, taskId);
  expect(docs.map((d) => d.author_id).sort()).toEqual(work.map((w) => w.userId).sort());
  for (const w of work) {
    const doc = docs.find((d) => d.author_id === w.userId);
    const drawn = w.drawn.get(taskId) as Drawn;
    const where = `task ${taskId}, annotation of ${w.userId}`;
    const box = onlyBox(doc?.annotations.objects ?? [], where);
    expect(boxDistance(box, drawn.box), `${where}: ${JSON.stringify(box)}`).toBeLessThan(PIXEL);
    expect(doc?.annotations.objects[0]?.class_id, where).toBe(drawn.classId);
    expect(doc?.annotations.objects[0]?.attributes, where).toEqual(drawn.attributes);
  }
}

/**
 * The exported results equal what was drawn: every task is completed, its final label (the consensus revision
 * the reviewer accepted) holds one car whose box is the mean of the two drawn boxes within a pixel, and the
 * attributes both annotators gave it.
 */
export async function expectFinalLabels(
  page: Page,
  project: string,
  work: readonly AnnotatorWork[],
): Promise<void> {
  const tasks = await listTasks(page, project);
  for (const w of work) expect([...w.drawn.keys()].sort()).toEqual(tasks.map((t) => t.task_id).sort());
  for (const task of tasks) {
    const where = `task ${task.task_id}`;
    expect([task.status, task.stage], where).toEqual(['completed', 'completed']);
    const drawn = work.map((w) => w.drawn.get(task.task_id));
    if (drawn.some((d) => d === undefined)) throw new Error(`${where} was not labeled by everyone`);
    const [first] = drawn as Drawn[];
    const expected = meanBox((drawn as Drawn[]).map((d) => d.box));
    const { latest, revisions } = await latestFinalLabel(page, task.task_id);
    expect(revisions, where).toBe(1);
    expect(latest?.source, where).toBe('consensus');
    const box = onlyBox(latest?.annotations.objects ?? [], where);
    expect(
      boxDistance(box, expected),
      `${where}: ${JSON.stringify(box)} vs ${JSON.stringify(expected)}`,
    ).toBeLessThan(PIXEL);
    expect(latest?.annotations.objects[0]?.class_id, where).toBe('car');
    expect(latest?.annotations.objects[0]?.attributes, where).toEqual(first?.attributes);
    expect(task.response?.revision, where).toBe(latest?.revision);
    expect(task.response?.annotations, where).toEqual(latest?.annotations);
    await expectAnnotations(page, task.task_id, work);
  }
}
