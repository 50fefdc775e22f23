import { TesseraApiError } from '@tessera/client';
import { MODALITIES, type Modality } from '@tessera/schema';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { ErrorText } from '../../components/error-text';
import { navigate } from '../../router';
import {
  errorsFromServer,
  type FormErrors,
  initialProjectForm,
  NAME_RULE,
  nameProblem,
  type ProjectForm,
  slugify,
  validateProjectForm,
  type WorkflowForm,
} from './new-project-form';

const MODALITY_HELP: Readonly<Record<Modality, string>> = {
  image: 'Images (boxes, polygons, points, whole-image labels).',
  video: 'Video.',
  pointcloud: '3D point clouds.',
  text: 'Plain text (spans, whole-text labels).',
  document: 'Documents.',
  llm: 'Outputs of language models.',
};

type NumberField = Exclude<keyof WorkflowForm, 'review'>;

const WORKFLOW_FIELDS: readonly { field: NumberField; label: string; help: string; unit?: string }[] = [
  {
    field: 'annotations_per_task',
    label: 'Annotations per task',
    help: 'Independent labels collected per task; above 1 they are merged by consensus.',
  },
  {
    field: 'gold_rate',
    label: 'Gold rate',
    unit: '%',
    help: 'Share of leases that serve a gold task with a known answer, to score annotators.',
  },
  {
    field: 'lease_seconds',
    label: 'Lease duration',
    unit: 's',
    help: 'How long an annotator holds a task before it returns to the queue.',
  },
  {
    field: 'max_attempts',
    label: 'Max attempts',
    help: 'Expired or failed leases on one task before it is set aside as poison.',
  },
  {
    field: 'sla_seconds',
    label: 'Turnaround target (SLA)',
    unit: 's',
    help: 'Target time from task creation to completion; empty for none (at least 60 s).',
  },
  { field: 'priority', label: 'Default priority', help: 'Tasks with a higher priority are served first.' },
];

function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly help?: string;
  readonly error?: string;
  readonly children: ReactNode;
}) {
  return (
    <label htmlFor={props.id}>
      {props.label}
      {props.children}
      {props.error ? (
        <span className="error" role="alert">
          {props.error}
        </span>
      ) : props.help ? (
        <span className="hint">{props.help}</span>
      ) : null}
    </label>
  );
}

/** The review policy, and the sampled share when it is `sample`. */
function ReviewFields(props: {
  readonly form: WorkflowForm;
  readonly errors: FormErrors;
  readonly set: (field: keyof WorkflowForm, value: string) => void;
}) {
  const { form, errors, set } = props;
  return (
    <>
      <Field
        id="np-workflow-review"
        label="Review"
        help="Whether a reviewer checks finished tasks: none, all, or a random sample."
        error={errors['workflow-review']}
      >
        <select
          id="np-workflow-review"
          data-testid="workflow-review"
          value={form.review}
          onChange={(e) => set('review', e.target.value)}
        >
          <option value="none">No review</option>
          <option value="all">Review every task</option>
          <option value="sample">Review a sample</option>
        </select>
      </Field>
      {form.review === 'sample' ? (
        <Field
          id="np-workflow-review_rate"
          label="Review sample (%)"
          help="Share of finished tasks sent to review."
          error={errors['workflow-review_rate']}
        >
          <input
            type="number"
            step="any"
            id="np-workflow-review_rate"
            data-testid="workflow-review_rate"
            value={form.review_rate}
            onChange={(e) => set('review_rate', e.target.value)}
          />
        </Field>
      ) : null}
    </>
  );
}

function WorkflowFields(props: {
  readonly form: WorkflowForm;
  readonly errors: FormErrors;
  readonly onChange: (next: WorkflowForm, field: keyof WorkflowForm) => void;
}) {
  const { form, errors, onChange } = props;
  const set = (field: keyof WorkflowForm, value: string) => onChange({ ...form, [field]: value }, field);
  return (
    <fieldset className="card">
      <legend>Workflow</legend>
      <p className="hint">Defaults suit most projects; every setting can be changed later.</p>
      <div className="grid">
        {WORKFLOW_FIELDS.map(({ field, label, help, unit }) => (
          <Field
            id={`np-workflow-${field}`}
            key={field}
            label={unit ? `${label} (${unit})` : label}
            help={help}
            error={errors[`workflow-${field}`]}
          >
            <input
              type="number"
              inputMode={unit === '%' ? 'decimal' : 'numeric'}
              step={unit === '%' ? 'any' : 1}
              id={`np-workflow-${field}`}
              data-testid={`workflow-${field}`}
              value={form[field]}
              onChange={(e) => set(field, e.target.value)}
            />
          </Field>
        ))}
        <ReviewFields form={form} errors={errors} set={set} />
      </div>
    </fieldset>
  );
}

/** Title (which names the project until the name is typed), name and modality. */
function ProjectBasics(props: {
  readonly form: ProjectForm;
  readonly errors: FormErrors;
  readonly edit: (next: ProjectForm, key: string) => void;
}) {
  const { form, errors, edit } = props;
  const [nameTouched, setNameTouched] = useState(false);
  const liveNameProblem = form.name === '' ? null : nameProblem(form.name);
  return (
    <div className="card">
      <Field
        id="np-project-title"
        label="Title"
        help="Shown to people; up to 200 characters."
        error={errors.title}
      >
        <input
          id="np-project-title"
          data-testid="project-title"
          // biome-ignore lint/a11y/noAutofocus: the page exists to fill this form; typing starts at once
          autoFocus
          value={form.title}
          onChange={(e) => {
            const title = e.target.value;
            edit({ ...form, title, name: nameTouched ? form.name : slugify(title) }, 'title');
          }}
        />
      </Field>
      <Field
        id="np-project-name"
        label="Name"
        help={`Used in URLs and the API. ${NAME_RULE}`}
        error={errors.name ?? liveNameProblem ?? undefined}
      >
        <input
          id="np-project-name"
          data-testid="project-name"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={(errors.name ?? liveNameProblem) != null}
          value={form.name}
          onChange={(e) => {
            setNameTouched(true);
            edit({ ...form, name: e.target.value }, 'name');
          }}
        />
      </Field>
      <Field
        id="np-project-modality"
        label="Modality"
        help={MODALITY_HELP[form.modality]}
        error={errors.modality}
      >
        <select
          id="np-project-modality"
          data-testid="project-modality"
          value={form.modality}
          onChange={(e) => edit({ ...form, modality: e.target.value as Modality }, 'modality')}
        >
          {MODALITIES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** Creates a project (name, title, modality, workflow), then opens its ontology. */
export function NewProjectPage() {
  const { client } = useApi();
  const me = useMe();
  const [form, setForm] = useState<ProjectForm>(initialProjectForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** A changed field's old message no longer applies. */
  const edit = (next: ProjectForm, key: string) => {
    setForm(next);
    setErrors(({ [key]: _stale, ...rest }) => rest);
  };

  if (!hasScope(me, 'projects:write')) {
    return <p className="muted">Creating projects needs the projects:write permission.</p>;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateProjectForm(form);
    setFailure(null);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const created = await client.createProject(checked.body);
      navigate(`/projects/${encodeURIComponent(created.name)}/ontology`);
    } catch (error) {
      const fields =
        error instanceof TesseraApiError && error.code === 'project_name_conflict'
          ? { name: error.detail }
          : error instanceof TesseraApiError
            ? errorsFromServer(error.errors)
            : {};
      setErrors(fields);
      // The message shows beside its field; anything else (or a field-less refusal) shows below the form.
      if (Object.keys(fields).length === 0 || 'form' in fields) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-project" onSubmit={(e) => void submit(e)} noValidate>
      <h1>New project</h1>
      <ProjectBasics form={form} errors={errors} edit={edit} />
      <WorkflowFields
        form={form.workflow}
        errors={errors}
        onChange={(workflow, field) => edit({ ...form, workflow }, `workflow-${field}`)}
      />
      <div className="row">
        <button type="submit" className="primary" data-testid="create-project" disabled={busy}>
          {busy ? 'Creating…' : 'Create project'}
        </button>
      </div>
      <ErrorText error={failure} />
    </form>
  );
}
