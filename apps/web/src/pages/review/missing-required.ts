import { missingRequired as problemsOf } from '@tessera/editor';
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';

/** What blocks saving a fix, grouped for the page: global attributes, and per chosen whole-item class. */
export interface MissingRequired {
  readonly global: readonly string[];
  readonly classes: ReadonlyMap<string, readonly string[]>;
  /** Every problem the server would refuse the fix for, objects' and spans' attributes included. */
  readonly total: number;
}

/** The editor's check (the server's rules), grouped by where the page shows it. */
export function missingRequired(ontology: OntologyDefinition, payload: AnnotationPayload): MissingRequired {
  const problems = problemsOf(ontology, payload);
  const global = problems.filter((p) => p.owner === 'global').map((p) => p.attribute_id);
  const classes = new Map<string, string[]>();
  for (const p of problems) {
    if (p.owner !== 'classification' || p.index === null) continue;
    const classId = payload.classifications[p.index]?.class_id;
    if (classId === undefined) continue;
    classes.set(classId, [...(classes.get(classId) ?? []), p.attribute_id]);
  }
  return { global, classes, total: problems.length };
}
