import { ErrorText } from '../../components/error-text';
import { progressFraction, type UploadProgress } from './upload-progress';

export type UploadPhase = 'running' | 'done' | 'failed' | 'canceled';

const PHASE_TEXT: Readonly<Record<UploadPhase, string>> = {
  running: 'Uploading…',
  done: 'Upload finished',
  failed: 'Upload stopped by an error',
  canceled: 'Upload canceled',
};

function Counts(props: { readonly progress: UploadProgress }) {
  const p = props.progress;
  const parts: string[] = [];
  if (p.filesTotal > 0) parts.push(`files ${p.filesDone} / ${p.filesTotal}`);
  if (p.tasksTotal !== null) parts.push(`tasks ${p.tasksDone} / ${p.tasksTotal}`);
  else parts.push(`tasks ${p.tasksDone}`);
  if (p.bytesTotal > 0) parts.push(`${Math.round((100 * p.bytesDone) / p.bytesTotal)}% of the file read`);
  return <span data-testid="upload-counts">{parts.join(' · ')}</span>;
}

function Summary(props: { readonly progress: UploadProgress }) {
  const p = props.progress;
  return (
    <div className="upload-summary" data-testid="upload-summary">
      <span>
        <strong data-testid="upload-created">{p.created}</strong> created
      </span>
      <span>
        <strong data-testid="upload-duplicates">{p.duplicates}</strong> duplicates
      </span>
      <span>
        <strong data-testid="upload-invalid">{p.invalid}</strong> invalid
      </span>
      {p.filesFailed > 0 ? (
        <span>
          <strong data-testid="upload-files-failed">{p.filesFailed}</strong> files not uploaded
        </span>
      ) : null}
      {p.filesSkipped > 0 ? (
        <span>
          <strong data-testid="upload-files-skipped">{p.filesSkipped}</strong> files skipped (not a type this
          project takes)
        </span>
      ) : null}
    </div>
  );
}

function Errors(props: { readonly progress: UploadProgress }) {
  const { errors, errorCount } = props.progress;
  if (errorCount === 0) return null;
  return (
    <div className="upload-errors" data-testid="upload-errors">
      <h3>
        Problems ({errorCount}
        {errorCount > errors.length ? `, the first ${errors.length} shown` : ''})
      </h3>
      <ol>
        {errors.map((e) => (
          <li key={`${e.order}:${e.where}`} data-testid="upload-error">
            <span className="upload-where">{e.where}</span> {e.message}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Progress while running; then the summary and the first problems, with line numbers or file names. */
export function UploadStatus(props: {
  readonly phase: UploadPhase;
  readonly progress: UploadProgress;
  readonly error: unknown;
}) {
  const { phase, progress, error } = props;
  return (
    <div className="upload-status">
      <div className="upload-progress" data-testid="upload-progress" data-phase={phase} aria-live="polite">
        <div className="row">
          <strong>{PHASE_TEXT[phase]}</strong>
          <Counts progress={progress} />
        </div>
        <progress max={1} value={progressFraction(progress)} aria-label="Upload progress" />
      </div>
      {phase === 'failed' ? <ErrorText error={error} /> : null}
      {phase === 'running' ? null : <Summary progress={progress} />}
      <Errors progress={progress} />
    </div>
  );
}
