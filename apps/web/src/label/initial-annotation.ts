import {
  type AnnotationPayload,
  annotationPayloadValidator,
  EMPTY_PAYLOAD,
  type LeaseDto,
} from '@tessera/schema';
import type { DraftStore } from './draft-store';

/** Where a task's starting annotation came from (shown to the annotator). */
export type InitialSource = 'draft' | 'kept-draft' | 'prelabels' | 'empty';

export interface InitialAnnotation {
  readonly payload: AnnotationPayload;
  readonly source: InitialSource;
  /** Time already spent on this task (restored with a draft), for the task timer. */
  readonly elapsed_ms: number;
  /** Why `task.params.prelabels` was ignored, when it was present but not a valid annotation payload. */
  readonly prelabelProblem: string | null;
}

/**
 * The annotation a task starts from: the draft saved under this lease (a reload), else work kept from an
 * earlier lease of the same task, else the task's pre-labels when they are a valid annotation payload, else
 * empty.
 */
export function initialAnnotation(
  lease: LeaseDto,
  who: { readonly org: string; readonly user: string },
  drafts: Pick<DraftStore, 'load' | 'latestForTask'>,
): InitialAnnotation {
  const task = lease.task.task_id;
  const own = drafts.load({ org: who.org, user: who.user, task, token: lease.token });
  if (own !== null)
    return { payload: own.payload, source: 'draft', elapsed_ms: own.elapsed_ms, prelabelProblem: null };
  const kept = drafts.latestForTask(who.org, who.user, task);
  if (kept !== null)
    return { payload: kept.payload, source: 'kept-draft', elapsed_ms: 0, prelabelProblem: null };
  const prelabels = lease.task.params.prelabels;
  if (prelabels === undefined)
    return { payload: EMPTY_PAYLOAD, source: 'empty', elapsed_ms: 0, prelabelProblem: null };
  const checked = annotationPayloadValidator.validate(prelabels);
  if (checked.ok)
    return { payload: checked.value, source: 'prelabels', elapsed_ms: 0, prelabelProblem: null };
  const first = checked.issues[0];
  const problem = first === undefined ? 'not an annotation payload' : `${first.path}: ${first.message}`;
  return { payload: EMPTY_PAYLOAD, source: 'empty', elapsed_ms: 0, prelabelProblem: problem };
}
