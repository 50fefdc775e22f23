import { DEFAULT_WORKFLOW, type Modality, type ReviewPolicy, type Workflow } from '@tessera/schema';

/**
 * The "new project" form as typed text (so half-typed numbers survive), its checks (the server's own
 * limits from packages/schema), and the request body it becomes. Rates are entered in percent.
 */
export interface WorkflowForm {
  readonly annotations_per_task: string;
  readonly review: ReviewPolicy['policy'];
  /** Percent of tasks reviewed when `review` is `sample`. */
  readonly review_rate: string;
  /** Percent of leases that serve a gold task. */
  readonly gold_rate: string;
  readonly lease_seconds: string;
  /** Empty = no SLA. */
  readonly sla_seconds: string;
  readonly priority: string;
  readonly max_attempts: string;
}

export interface ProjectForm {
  readonly name: string;
  readonly title: string;
  readonly modality: Modality;
  readonly workflow: WorkflowForm;
}

export interface NewProjectBody {
  readonly name: string;
  readonly title?: string;
  readonly modality: Modality;
  readonly workflow: Workflow;
}

/** Messages by field key: `name`, `title`, `modality`, `workflow-<field>` (like the inputs' test ids). */
export type FormErrors = Readonly<Record<string, string>>;

export type FormResult =
  | { readonly ok: true; readonly body: NewProjectBody }
  | { readonly ok: false; readonly errors: FormErrors };

/** The server's project name pattern (`Slug` in packages/schema). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;
export const NAME_RULE =
  'Use lowercase letters, digits and _ . - only, starting with a letter or digit (max 64).';

const percent = (fraction: number): string => String(Math.round(fraction * 10_000) / 100);

export function initialProjectForm(): ProjectForm {
  const w = DEFAULT_WORKFLOW;
  return {
    name: '',
    title: '',
    modality: 'image',
    workflow: {
      annotations_per_task: String(w.annotations_per_task),
      review: w.review.policy,
      review_rate: w.review.policy === 'sample' ? percent(w.review.rate) : '10',
      gold_rate: percent(w.gold_rate),
      lease_seconds: String(w.lease_seconds),
      sla_seconds: w.sla_seconds === null ? '' : String(w.sla_seconds),
      priority: String(w.priority),
      max_attempts: String(w.max_attempts),
    },
  };
}

/** A name derived from a title: `Street Scenes 2024!` → `street-scenes-2024`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
}

export function nameProblem(name: string): string | null {
  if (name === '') return 'A name is required.';
  if (name.length > 64 || !NAME_PATTERN.test(name)) return NAME_RULE;
  return null;
}

type Check = { readonly value: number } | { readonly error: string };

function integerIn(text: string, min: number, max: number): Check {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) return { error: 'Enter a whole number.' };
  if (value < min || value > max)
    return { error: max === Number.POSITIVE_INFINITY ? `At least ${min}.` : `Between ${min} and ${max}.` };
  return { value };
}

function percentIn(text: string): Check {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return { error: 'Enter a percentage.' };
  if (value < 0 || value > 100) return { error: 'Between 0 and 100 %.' };
  return { value: value / 100 };
}

function checkWorkflow(form: WorkflowForm, errors: Record<string, string>): Workflow | null {
  const checks = {
    annotations_per_task: integerIn(form.annotations_per_task, 1, 25),
    gold_rate: percentIn(form.gold_rate),
    lease_seconds: integerIn(form.lease_seconds, 5, 86_400),
    priority: integerIn(form.priority, -1_000_000, 1_000_000),
    max_attempts: integerIn(form.max_attempts, 1, 1000),
    review_rate: form.review === 'sample' ? percentIn(form.review_rate) : { value: 0 },
    sla_seconds:
      form.sla_seconds.trim() === ''
        ? { value: -1 }
        : integerIn(form.sla_seconds, 60, Number.POSITIVE_INFINITY),
  } satisfies Record<string, Check>;
  const values: Record<string, number> = {};
  for (const [key, check] of Object.entries(checks)) {
    if ('error' in check) errors[`workflow-${key}`] = check.error;
    else values[key] = check.value;
  }
  if (Object.keys(values).length !== Object.keys(checks).length) return null;
  const num = (key: keyof typeof checks): number => values[key] as number;
  const review: ReviewPolicy =
    form.review === 'sample' ? { policy: 'sample', rate: num('review_rate') } : { policy: form.review };
  return {
    annotations_per_task: num('annotations_per_task'),
    review,
    gold_rate: num('gold_rate'),
    lease_seconds: num('lease_seconds'),
    sla_seconds: num('sla_seconds') < 0 ? null : num('sla_seconds'),
    priority: num('priority'),
    max_attempts: num('max_attempts'),
  };
}

/** Checks every field at once; the body when all are fine, otherwise a message per bad field. */
export function validateProjectForm(form: ProjectForm): FormResult {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  const problem = nameProblem(name);
  if (problem !== null) errors.name = problem;
  const title = form.title.trim();
  if (title.length > 200) errors.title = 'At most 200 characters.';
  const workflow = checkWorkflow(form.workflow, errors);
  if (workflow === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { name, ...(title === '' ? {} : { title }), modality: form.modality, workflow },
  };
}

/** The server's field errors (JSON Pointers into the body) as form keys: `/workflow/review/rate` → `workflow-review_rate`. */
export function errorsFromServer(errors: readonly { readonly pointer: string; readonly message: string }[]) {
  const out: Record<string, string> = {};
  for (const { pointer, message } of errors) {
    const parts = pointer.split('/').filter(Boolean);
    const key =
      parts[0] === 'workflow' && parts[1] !== undefined
        ? `workflow-${parts[1] === 'review' && parts[2] === 'rate' ? 'review_rate' : parts[1]}`
        : (parts[0] ?? 'form');
    out[key] = out[key] === undefined ? message : `${out[key]}; ${message}`;
  }
  return out as FormErrors;
}
