import type { AnnotationPayload, Task, Validation } from '@tessera/schema';
import { createItemCache, type ItemCache } from './item-cache';
import { validateAnnotation } from './ontology/validate-annotation';
import { createOntologyCache, type OntologyCache } from './ontology-cache';
import type { Tx } from './ports';

/** What a payload is checked against and never changes: published ontology versions and items. */
export interface CheckCaches {
  readonly ontologies: OntologyCache;
  readonly items: ItemCache;
}

export function createCheckCaches(): CheckCaches {
  return { ontologies: createOntologyCache(), items: createItemCache() };
}

/** Validates a payload against the task's pinned ontology version and its item's size or text length. */
export async function validateForTask(
  tx: Tx,
  caches: CheckCaches,
  task: Task,
  payload: unknown,
): Promise<Validation<AnnotationPayload>> {
  const definition = await caches.ontologies.definition(tx, task.project_id, task.ontology_version);
  const item = task.item_id === null ? undefined : await caches.items.get(tx, task.org_id, task.item_id);
  return validateAnnotation(payload, definition, {
    width: item?.width ?? null,
    height: item?.height ?? null,
    textLength: item?.text?.length ?? item?.length ?? null,
  });
}
