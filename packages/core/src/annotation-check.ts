import type { AnnotationPayload, Task, Validation } from '@tessera/schema';
import { validateAnnotation } from './ontology/validate-annotation';
import type { OntologyCache } from './ontology-cache';
import type { Tx } from './ports';

/** Validates a payload against the task's pinned ontology version and its item's size or text length. */
export async function validateForTask(
  tx: Tx,
  ontologies: OntologyCache,
  task: Task,
  payload: unknown,
): Promise<Validation<AnnotationPayload>> {
  const definition = await ontologies.definition(tx, task.project_id, task.ontology_version);
  const item = task.item_id === null ? undefined : await tx.items.get(task.org_id, task.item_id);
  return validateAnnotation(payload, definition, {
    width: item?.width ?? null,
    height: item?.height ?? null,
    textLength: item?.text?.length ?? item?.length ?? null,
  });
}
