import type { OntologyClass, OntologyDefinition } from '@tessera/schema';

/** What the text editor needs from an ontology, looked up once per definition. */
export interface TextOntology {
  /** Classes that may label spans, in ontology order; the one at index i answers to the digit i + 1. */
  readonly spanClasses: readonly OntologyClass[];
  /** Classes that may label the whole document (`classification` geometry), in ontology order. */
  readonly documentClasses: readonly OntologyClass[];
  /** Every class by id; on a duplicated id the first definition wins, as on the server. */
  readonly byId: ReadonlyMap<string, OntologyClass>;
}

/** How many span classes have a digit shortcut (1–9). */
export const TEXT_DIGIT_CLASSES = 9;

const cache = new WeakMap<OntologyDefinition, TextOntology>();

/** Indexes an ontology for the text editor, memoised per definition object (definitions are immutable). */
export function textOntology(definition: OntologyDefinition): TextOntology {
  const cached = cache.get(definition);
  if (cached !== undefined) return cached;
  const byId = new Map<string, OntologyClass>();
  for (const c of definition.classes) if (!byId.has(c.id)) byId.set(c.id, c);
  const unique = [...byId.values()];
  const result: TextOntology = {
    spanClasses: unique.filter((c) => c.geometries.includes('span')),
    documentClasses: unique.filter((c) => c.geometries.includes('classification')),
    byId,
  };
  cache.set(definition, result);
  return result;
}

/**
 * The server's overlap rule: two overlapping spans are accepted only when both their classes set
 * `allow_overlap: true`. An unknown class counts as not allowing overlap.
 */
export function allowsOverlap(ontology: TextOntology, classId: string): boolean {
  return ontology.byId.get(classId)?.allow_overlap === true;
}

/** The span class a digit key (1–9) picks, or null. */
export function spanClassForDigit(ontology: TextOntology, digit: number): OntologyClass | null {
  if (!Number.isInteger(digit) || digit < 1 || digit > TEXT_DIGIT_CLASSES) return null;
  return ontology.spanClasses[digit - 1] ?? null;
}

/** The digit (1–9) that picks a span class, or null when it has none. */
export function digitForSpanClass(ontology: TextOntology, classId: string): number | null {
  const index = ontology.spanClasses.findIndex((c) => c.id === classId);
  return index >= 0 && index < TEXT_DIGIT_CLASSES ? index + 1 : null;
}
