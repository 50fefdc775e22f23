import type { TesseraClient } from '@tessera/client';
import type { BatchDto, projectRoutes, ResponseOf } from '@tessera/schema';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useAction } from '../../api/use-action';
import { ErrorText } from '../../components/error-text';
import { ACTION_LABELS, allowedActions, type BatchAction } from './batch-actions';

type Counts = ResponseOf<typeof projectRoutes.batchStatus>;

/** A batch with its task counts (null when they could not be read). */
export interface BatchRow {
  readonly batch: BatchDto;
  readonly counts: Counts | null;
}

/** The project's batches, newest first page of at most 100, each with its task counts. */
export async function loadBatchRows(
  client: TesseraClient,
  project: string,
): Promise<{ rows: BatchRow[]; hasMore: boolean }> {
  const page = await client.listBatches({ project, limit: 100 });
  const rows = await Promise.all(
    page.docs.map(async (batch) => ({
      batch,
      counts: await client.batchStatus({ batch: batch.batch_id }).catch(() => null),
    })),
  );
  return { rows, hasMore: page.has_more };
}

function call(client: TesseraClient, action: BatchAction, batch: string) {
  if (action === 'finalize') return client.finalizeBatch({ batch });
  if (action === 'pause') return client.pauseBatch({ batch });
  if (action === 'resume') return client.resumeBatch({ batch });
  return client.cancelBatch({ batch });
}

/** The actions the status allows; cancel first asks for a confirmation in place. */
function BatchButtons(props: {
  readonly id: string;
  readonly status: string;
  readonly busy: boolean;
  readonly confirming: boolean;
  readonly onAction: (action: BatchAction) => void;
  readonly onKeep: () => void;
}) {
  const { id, busy, confirming, onAction } = props;
  return (
    <div className="row">
      {allowedActions(props.status).map((action) =>
        action === 'cancel' && confirming ? (
          <span key={action} className="row batch-confirm">
            Cancel every unfinished task?
            <button
              type="button"
              className="danger"
              disabled={busy}
              data-testid={`${id}-cancel-confirm`}
              onClick={() => onAction('cancel')}
            >
              Yes, cancel batch
            </button>
            <button type="button" disabled={busy} onClick={props.onKeep}>
              Keep it
            </button>
          </span>
        ) : (
          <button
            key={action}
            type="button"
            className={action === 'cancel' ? 'danger' : undefined}
            disabled={busy}
            data-testid={`${id}-${action}`}
            onClick={() => onAction(action)}
          >
            {ACTION_LABELS[action]}
          </button>
        ),
      )}
    </div>
  );
}

function Row(props: { readonly row: BatchRow; readonly onChanged: () => void }) {
  const { client } = useApi();
  const { batch, counts } = props.row;
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run: send } = useAction();
  const id = `batch-${batch.name}`;

  async function run(action: BatchAction) {
    await send(async () => {
      await call(client, action, batch.batch_id);
      props.onChanged();
    });
    setConfirming(false);
  }

  return (
    <tr data-testid={id}>
      <td>{batch.name}</td>
      <td data-testid={`${id}-status`}>{batch.status}</td>
      <td data-testid={`${id}-counts`}>
        {counts === null
          ? '—'
          : `${counts.pending} pending · ${counts.completed} completed · ${counts.error} error · ${counts.canceled} canceled`}
      </td>
      <td>
        <BatchButtons
          id={id}
          status={batch.status}
          busy={busy}
          confirming={confirming}
          onAction={(action) => (action === 'cancel' && !confirming ? setConfirming(true) : void run(action))}
          onKeep={() => setConfirming(false)}
        />
        <ErrorText error={error} />
      </td>
    </tr>
  );
}

/** The batches table: status, task counts, and the lifecycle actions (cancel asks first). */
export function BatchesPanel(props: {
  readonly rows: readonly BatchRow[];
  readonly hasMore: boolean;
  readonly onChanged: () => void;
}) {
  if (props.rows.length === 0) return <p className="muted">No batches yet: name one when you upload.</p>;
  return (
    <>
      <table data-testid="batches-table">
        <thead>
          <tr>
            <th>Batch</th>
            <th>Status</th>
            <th>Tasks</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <Row key={row.batch.batch_id} row={row} onChanged={props.onChanged} />
          ))}
        </tbody>
      </table>
      {props.hasMore ? <p className="muted">Only the first 100 batches are shown.</p> : null}
    </>
  );
}
