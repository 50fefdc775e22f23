/** Batch names are slugs, like project names. */
const SLUG = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export interface Settings {
  readonly batch: string;
  readonly taskType: string;
  readonly dedupe: boolean;
}

/** Why the batch name cannot be used, or null (empty means: no batch). */
export function batchProblem(batch: string): string | null {
  const name = batch.trim();
  return name === '' || SLUG.test(name)
    ? null
    : 'Batch names use lower-case letters, digits, ".", "_" and "-", and start with a letter or digit.';
}

/** The upload's batch (pick an existing one or type a new name), task type, and image de-duplication. */
export function UploadSettings(props: {
  readonly value: Settings;
  readonly batchNames: readonly string[];
  readonly typeProblem: string | null;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<Settings>) => void;
}) {
  const { value, disabled, onChange } = props;
  const problem = batchProblem(value.batch);
  return (
    <>
      <div className="row">
        <label>
          Batch (pick one or type a new name; empty: no batch)
          <input
            list="upload-batch-names"
            value={value.batch}
            disabled={disabled}
            placeholder="e.g. week-42"
            data-testid="batch-name"
            onChange={(e) => onChange({ batch: e.target.value })}
          />
          <datalist id="upload-batch-names">
            {props.batchNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          Task type
          <input
            value={value.taskType}
            disabled={disabled}
            data-testid="upload-task-type"
            onChange={(e) => onChange({ taskType: e.target.value.trim() })}
          />
        </label>
      </div>
      {problem ? <p className="error">{problem}</p> : null}
      {props.typeProblem ? <p className="error">{props.typeProblem}</p> : null}
      <label className="upload-check">
        <input
          type="checkbox"
          checked={value.dedupe}
          disabled={disabled}
          data-testid="upload-dedupe"
          onChange={(e) => onChange({ dedupe: e.target.checked })}
        />
        Images and PDFs: skip files already in this project (unique_id from the content hash)
      </label>
    </>
  );
}
