import type { AnnotationPayload, ReviewAnnotationDto, TaskAnnotationsDto } from '@tessera/schema';
import { EMPTY_PAYLOAD } from '@tessera/schema';
import type { Overlay } from '../../label/workspace';
import {
  type Disagreement,
  disagreementCount,
  disagreementPayload,
  findDisagreements,
} from './disagreements';

/** One color per annotator (in order), chosen to stay apart from each other and from the highlight red. */
export const ANNOTATOR_COLORS = ['#1c7ed6', '#f08c00', '#2b8a3e', '#ae3ec9', '#0c8599', '#5c940d', '#862e9c'];
export const DISAGREEMENT_COLOR = '#e03131';

/** An annotation the reviewer compares, with its display name, color and what others did not draw. */
export interface ComparedAnnotation {
  readonly doc: ReviewAnnotationDto;
  readonly name: string;
  readonly color: string;
  readonly disagreement: Disagreement;
}

/**
 * The annotations under review: the current round's labels (and gold attempts on a gold task); when the
 * task has no current round any more (it left review), every annotation except review fixes.
 */
export function comparedAnnotations(data: TaskAnnotationsDto): ComparedAnnotation[] {
  const work = data.docs.filter((d) => d.kind !== 'review_fix');
  const current = work.filter((d) => d.current_round);
  const docs = current.length > 0 ? current : work;
  const disagreements = findDisagreements(docs.map((d) => d.annotations));
  return docs.map((doc, i) => ({
    doc,
    name: `Annotator ${i + 1}`,
    color: ANNOTATOR_COLORS[i % ANNOTATOR_COLORS.length] as string,
    disagreement: disagreements[i] as Disagreement,
  }));
}

export function totalDisagreements(compared: readonly ComparedAnnotation[]): number {
  return compared.reduce((n, c) => n + disagreementCount(c.disagreement), 0);
}

/** Each annotator's annotation as an overlay in their color. */
export function annotatorOverlays(compared: readonly ComparedAnnotation[]): Overlay[] {
  return compared.map((c) => ({ label: c.name, color: c.color, payload: c.doc.annotations }));
}

/** The disagreeing objects and spans of the given annotations, in the highlight color; none → no overlay. */
export function disagreementOverlays(compared: readonly ComparedAnnotation[]): Overlay[] {
  const payload = disagreementPayload(compared.map((c) => c.disagreement));
  if (payload.objects.length + payload.spans.length === 0) return [];
  return [{ label: 'Disagreement', color: DISAGREEMENT_COLOR, payload }];
}

/** The current final label, or an empty annotation when the task has none yet. */
export function finalPayload(data: TaskAnnotationsDto): AnnotationPayload {
  return data.final_label?.annotations ?? EMPTY_PAYLOAD;
}

/** 0.8333 → "83%"; null → "—". */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}
