import {
  type Batch,
  type FieldIssue,
  type Item,
  METADATA_MAX_BYTES,
  type OntologyDefinition,
  type Project,
  STAGE_STATUS,
  type Task,
  type TaskInput,
  type TaskStage,
  taskInputValidator,
} from '@tessera/schema';
import { validateAnnotation } from './ontology/validate-annotation';
import type { IdGenerator } from './ports';

export type CheckedInput =
  | { readonly ok: true; readonly input: TaskInput }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** Structural and semantic checks of one task input that need no database (pure). */
export function checkTaskInput(value: unknown, ontology: OntologyDefinition): CheckedInput {
  const checked = taskInputValidator.validate(value);
  if (!checked.ok) return checked;
  const input = checked.value;
  const issues: FieldIssue[] = [];
  if (input.metadata !== undefined && JSON.stringify(input.metadata).length > METADATA_MAX_BYTES) {
    issues.push({
      path: '/metadata',
      code: 'too_large',
      message: `must be at most ${METADATA_MAX_BYTES} bytes as JSON`,
    });
  }
  if (input.expected_response !== undefined) {
    const item = input.item;
    const gold = validateAnnotation(input.expected_response, ontology, {
      width: item?.width ?? null,
      height: item?.height ?? null,
      textLength: item?.text?.length ?? item?.length ?? null,
    });
    if (!gold.ok) issues.push(...gold.issues.map((i) => ({ ...i, path: `/expected_response${i.path}` })));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, input };
}

/** The stage a new task starts in, from its batch's state (gold tasks are always servable). */
export function initialStage(isGold: boolean, batch: Batch | undefined): TaskStage {
  if (isGold) return 'gold';
  if (batch === undefined) return 'queued';
  if (batch.status === 'staging') return 'staging';
  if (batch.status === 'paused') return 'paused';
  return 'queued';
}

export interface BuildContext {
  readonly orgId: string;
  readonly project: Project;
  readonly batch: Batch | undefined;
  readonly now: number;
  readonly ids: IdGenerator;
}

/** Builds the item and task rows for a checked input. */
export function buildTask(input: TaskInput, ctx: BuildContext): { task: Task; item: Item | undefined } {
  const { project, now } = ctx;
  const item: Item | undefined =
    input.item === undefined
      ? undefined
      : {
          id: ctx.ids.next('itm'),
          org_id: ctx.orgId,
          uri: input.item.uri ?? null,
          blob_key: null,
          media_type: input.item.media_type,
          width: input.item.width ?? null,
          height: input.item.height ?? null,
          length: input.item.length ?? input.item.text?.length ?? null,
          text: input.item.text ?? null,
          metadata: input.item.metadata ?? {},
          content_hash: input.item.content_hash ?? null,
          created_at: now,
        };
  const isGold = input.expected_response !== undefined;
  const stage = initialStage(isGold, ctx.batch);
  const task: Task = {
    id: ctx.ids.next('tsk'),
    org_id: ctx.orgId,
    project_id: project.id,
    batch_id: ctx.batch?.id ?? null,
    item_id: item?.id ?? null,
    type: input.type,
    unique_id: input.unique_id ?? null,
    status: STAGE_STATUS[stage],
    stage,
    priority: input.priority ?? project.workflow.priority,
    deadline: input.deadline ?? null,
    ontology_version: project.ontology_version,
    instruction: input.instruction ?? '',
    params: input.params ?? {},
    metadata: input.metadata ?? {},
    tags: input.tags ?? [],
    callback_url: input.callback_url ?? ctx.batch?.callback_url ?? null,
    callback_succeeded: null,
    is_gold: isGold,
    expected_response: input.expected_response ?? null,
    annotations_needed: project.workflow.annotations_per_task,
    annotations_done: 0,
    leases_active: 0,
    lease_seq: 0,
    failed_attempts: 0,
    last_error: null,
    final_revision: 0,
    created_at: now,
    updated_at: now,
    completed_at: null,
  };
  return { task, item };
}
