import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { BatchesPanel, loadBatchRows } from './batches-panel';
import { UploadForm } from './upload-form';
import './upload.css';

/** Batch counts move while annotators work: read them again this often. */
const BATCH_POLL_MS = 15_000;

/** `/projects/:project/upload`: upload tasks (a tasks file or images) into a batch, and run the batches. */
export function UploadPage(props: { readonly project: string }) {
  const { client } = useApi();
  const me = useMe();
  const project = useLoad(() => client.getProject({ project: props.project }), [client, props.project]);
  const batches = useLoad(() => loadBatchRows(client, props.project), [client, props.project], BATCH_POLL_MS);
  if (!hasScope(me, 'tasks:write')) {
    return <p className="error">Uploading needs the tasks:write permission (managers and admins).</p>;
  }
  const rows = batches.data?.rows ?? [];
  return (
    <div className="upload-page">
      <section className="card" data-testid="upload-panel">
        <h2>Upload tasks</h2>
        <p className="muted">
          A tasks file: NDJSON (one task per line, as in the API) or CSV (columns <code>uri</code> or{' '}
          <code>image_url</code> and/or <code>text</code>; optional <code>unique_id</code>,{' '}
          <code>priority</code>, <code>instruction</code>; other columns become metadata). Or images (PDFs in
          a document project): each becomes one task.
        </p>
        <ErrorText error={project.error} />
        {project.data ? (
          <UploadForm
            project={project.data}
            batchNames={rows.map((r) => r.batch.name)}
            onFinished={batches.reload}
          />
        ) : null}
      </section>
      <section className="card" data-testid="batches-panel">
        <div className="row">
          <h2>Batches</h2>
          <span className="upload-spacer" />
          <button type="button" data-testid="batches-refresh" onClick={batches.reload}>
            Refresh
          </button>
        </div>
        <ErrorText error={batches.error} />
        {batches.data ? (
          <BatchesPanel rows={rows} hasMore={batches.data.hasMore} onChanged={batches.reload} />
        ) : batches.loading ? (
          <p className="muted">Loading batches…</p>
        ) : null}
      </section>
    </div>
  );
}
