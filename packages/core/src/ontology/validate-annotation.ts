import {
  type AnnotationPayload,
  type AttributeValues,
  annotationPayloadValidator,
  type GeometryKind,
  type LabeledObject,
  type LabeledSpan,
  type OntologyDefinition,
  type Validation,
} from '@tessera/schema';
import { checkAttributes } from './check-attributes';
import { checkGeometry } from './check-geometry';
import { checkSpanRanges } from './check-spans';
import { createIssueSink, type IssueSink } from './issue-sink';
import { indexOntology, type OntologyIndex } from './ontology-index';

/** What is known about the task's media; null means unknown (or not applicable) and skips those checks. */
export interface MediaExtent {
  /** Image width in pixels. */
  readonly width: number | null;
  /** Image height in pixels. */
  readonly height: number | null;
  /** Text length in UTF-16 code units. */
  readonly textLength: number | null;
}

/**
 * Validates an annotation payload against an ontology (assumed valid) and the task's media.
 *
 * Structural problems (`annotationPayloadValidator`, code `invalid`) are reported alone; otherwise every
 * semantic issue, each with a JSON Pointer path, grouped by check (ids, classifications, objects, spans,
 * global attributes) and capped at 1,000 issues:
 * - `duplicate_id` at `/objects/i/id` or `/spans/i/id`: object and span ids share one namespace; the later
 *   occurrence (objects before spans) is reported.
 * - `unknown_class` at `<label>/class_id`; the label's attributes are then not checked.
 * - `geometry_not_allowed` at `/objects/i/geometry/type`, `/spans/i/class_id` or `/classifications/i/class_id`.
 * - attribute codes (see `checkAttributes`) at `<label>/attributes/<id>` and `/attributes/<id>` (global).
 * - geometry codes (see `checkGeometry`) and span codes (see `checkSpanRanges`).
 *
 * Never throws: anything that is not a structurally valid payload is rejected by the schema first.
 */
export function validateAnnotation(
  payload: unknown,
  ontology: OntologyDefinition,
  media: MediaExtent,
): Validation<AnnotationPayload> {
  const structural = annotationPayloadValidator.validate(payload);
  if (!structural.ok) return structural;
  const value = structural.value;
  const index = indexOntology(ontology);
  const sink = createIssueSink();
  checkUniqueIds(value.objects, value.spans, sink);
  value.classifications.forEach((c, i) => {
    checkLabel(c, 'classification', `/classifications/${i}`, 'class_id', index, sink);
  });
  checkObjects(value.objects, index, media, sink);
  value.spans.forEach((s, i) => {
    checkLabel(s, 'span', `/spans/${i}`, 'class_id', index, sink);
  });
  checkSpanRanges(value.spans, index, media.textLength, sink);
  checkAttributes(value.attributes, index.globalAttributes, '/attributes', sink);
  return sink.issues.length === 0 ? { ok: true, value } : { ok: false, issues: sink.issues };
}

function checkUniqueIds(
  objects: readonly LabeledObject[],
  spans: readonly LabeledSpan[],
  sink: IssueSink,
): void {
  const seen = new Map<string, number>(); // id → index, spans offset by objects.length
  const where = (at: number): string =>
    at < objects.length ? `/objects/${at}` : `/spans/${at - objects.length}`;
  const visit = (id: string, at: number): void => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, at);
    else sink.add(`${where(at)}/id`, 'duplicate_id', `id "${id}" is already used by ${where(first)}`);
  };
  objects.forEach((o, i) => {
    visit(o.id, i);
  });
  spans.forEach((s, i) => {
    visit(s.id, objects.length + i);
  });
}

function checkObjects(
  objects: readonly LabeledObject[],
  index: OntologyIndex,
  media: MediaExtent,
  sink: IssueSink,
): void {
  for (let i = 0; i < objects.length && !sink.full; i++) {
    const object = objects[i]!;
    const base = `/objects/${i}`;
    checkLabel(object, object.geometry.type, base, 'geometry/type', index, sink);
    checkGeometry(object.geometry, `${base}/geometry`, media, sink);
  }
}

/** Class exists, allows this kind of label, and the label's attributes match the class's attributes. */
function checkLabel(
  label: { readonly class_id: string; readonly attributes: AttributeValues },
  kind: GeometryKind,
  base: string,
  kindField: string,
  index: OntologyIndex,
  sink: IssueSink,
): void {
  const info = index.classes.get(label.class_id);
  if (info === undefined) {
    sink.add(`${base}/class_id`, 'unknown_class', `class "${label.class_id}" is not in the ontology`);
    return;
  }
  if (!info.geometries.has(kind)) {
    sink.add(
      `${base}/${kindField}`,
      'geometry_not_allowed',
      `class "${label.class_id}" does not allow ${kind}`,
    );
  }
  checkAttributes(label.attributes, info.attributes, `${base}/attributes`, sink);
}
