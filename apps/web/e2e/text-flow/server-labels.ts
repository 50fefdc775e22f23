import type { AnnotationPayload, FinalLabelDto } from '@tessera/schema';
import type { APIRequestContext } from 'playwright-core';
import { type SpanShape, sortSpans } from './news-fixtures';

/**
 * The newest final-label revision of a task as the server answers `GET /v1/task/:id/labels` to the session
 * of `request`'s context; null while the task has none.
 */
export async function finalLabel(
  request: APIRequestContext,
  taskId: string,
): Promise<AnnotationPayload | null> {
  const response = await request.get(`/v1/task/${encodeURIComponent(taskId)}/labels`);
  if (!response.ok())
    throw new Error(`GET labels of ${taskId}: ${response.status()} ${await response.text()}`);
  const { docs } = (await response.json()) as { docs: FinalLabelDto[] };
  const newest = docs.reduce<FinalLabelDto | null>(
    (a, d) => (a === null || d.revision > a.revision ? d : a),
    null,
  );
  return newest?.annotations ?? null;
}

/** How many tasks of the project wait for review, as the server says (`GET /v1/projects/:p/review-queue`). */
export async function reviewQueueLength(request: APIRequestContext, project: string): Promise<number> {
  const response = await request.get(`/v1/projects/${encodeURIComponent(project)}/review-queue?limit=100`);
  if (!response.ok()) throw new Error(`GET review queue: ${response.status()} ${await response.text()}`);
  const { docs } = (await response.json()) as { docs: unknown[] };
  return docs.length;
}

/** The final label reduced to what the tests compare: spans (sorted, without ids) and whole-item class ids. */
export async function finalShape(
  request: APIRequestContext,
  taskId: string,
): Promise<{ spans: SpanShape[]; classes: string[] } | null> {
  const label = await finalLabel(request, taskId);
  if (label === null) return null;
  return { spans: sortSpans(label.spans), classes: label.classifications.map((c) => c.class_id).sort() };
}
