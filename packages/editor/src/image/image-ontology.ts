import type { OntologyClass, OntologyDefinition } from '@tessera/schema';

/** The geometries an image object can have (the ontology's `span` and `classification` are not objects). */
export type ObjectKind = 'box' | 'polygon' | 'point';
export const OBJECT_KINDS: readonly ObjectKind[] = ['box', 'polygon', 'point'];

/** Keys that pick a class for new objects, in ontology order: 1–9 then 0. */
export const CLASS_DIGITS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export interface ClassShortcut {
  readonly key: string;
  readonly classId: string;
}

/** The ontology as the image tools read it; built once per workspace. */
export interface ImageOntology {
  readonly definition: OntologyDefinition;
  readonly classes: ReadonlyMap<string, OntologyClass>;
  /** Classes that allow at least one object geometry, in ontology order. */
  readonly objectClasses: readonly OntologyClass[];
  /** The digit of each of the first ten object classes. */
  readonly shortcuts: readonly ClassShortcut[];
}

export const FALLBACK_COLOR = '#868e96';

export function objectKindsOf(cls: OntologyClass): readonly ObjectKind[] {
  return OBJECT_KINDS.filter((kind) => cls.geometries.includes(kind));
}

export function imageOntology(definition: OntologyDefinition): ImageOntology {
  const classes = new Map<string, OntologyClass>();
  for (const cls of definition.classes) if (!classes.has(cls.id)) classes.set(cls.id, cls);
  const objectClasses = [...classes.values()].filter((cls) => objectKindsOf(cls).length > 0);
  const shortcuts = objectClasses
    .slice(0, CLASS_DIGITS.length)
    .map((cls, i) => ({ key: CLASS_DIGITS[i]!, classId: cls.id }));
  return { definition, classes, objectClasses, shortcuts };
}

/** True when `classId` exists and allows objects of `kind`. */
export function classAllows(ontology: ImageOntology, classId: string | null, kind: ObjectKind): boolean {
  if (classId === null) return false;
  return ontology.classes.get(classId)?.geometries.includes(kind) ?? false;
}

/** The first class (ontology order) that allows `kind`, or null. */
export function firstClassFor(ontology: ImageOntology, kind: ObjectKind): string | null {
  return ontology.objectClasses.find((cls) => cls.geometries.includes(kind))?.id ?? null;
}

/** The object classes that allow `kind` (what a selected object's class may change to). */
export function classesFor(ontology: ImageOntology, kind: ObjectKind): readonly OntologyClass[] {
  return ontology.objectClasses.filter((cls) => cls.geometries.includes(kind));
}

export function classColor(ontology: ImageOntology, classId: string): string {
  return ontology.classes.get(classId)?.color ?? FALLBACK_COLOR;
}

/** The digit that picks `classId`, or null when it has none. */
export function shortcutOfClass(ontology: ImageOntology, classId: string): string | null {
  return ontology.shortcuts.find((s) => s.classId === classId)?.key ?? null;
}
