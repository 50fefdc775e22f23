import type { ApiKeyDto } from '@tessera/schema';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useAction } from '../../api/use-action';
import { ErrorText } from '../../components/error-text';

const when = (iso: string | null) => (iso === null ? '—' : new Date(iso).toLocaleString());

function KeyRow(props: { readonly apiKey: ApiKeyDto; readonly onRevoked: () => void }) {
  const { client } = useApi();
  const k = props.apiKey;
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const id = `key-revoke-${k.key_id}`;

  async function revoke() {
    await run(async () => {
      await client.revokeApiKey({ key_id: k.key_id });
      props.onRevoked();
    });
    setConfirming(false);
  }

  return (
    <tr data-testid={`key-${k.key_id}`} className={k.revoked_at ? 'keys-revoked' : undefined}>
      <td>{k.name}</td>
      <td>
        <code>{k.prefix}…</code>
      </td>
      <td>{k.scopes.join(', ')}</td>
      <td>{k.user_id ?? 'no user'}</td>
      <td>{when(k.created_at)}</td>
      <td>{when(k.last_used_at)}</td>
      <td>
        {k.revoked_at ? (
          <span className="muted">revoked {when(k.revoked_at)}</span>
        ) : confirming ? (
          <span className="row">
            Revoke? Programs using it stop working within seconds.
            <button
              type="button"
              className="danger"
              disabled={busy}
              data-testid={`${id}-confirm`}
              onClick={() => void revoke()}
            >
              Yes, revoke
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="danger" data-testid={id} onClick={() => setConfirming(true)}>
            Revoke
          </button>
        )}
        <ErrorText error={error} />
      </td>
    </tr>
  );
}

/** Keys by prefix (secrets are never listed), with revoke-after-confirmation. */
export function KeysTable(props: { readonly keys: readonly ApiKeyDto[]; readonly onRevoked: () => void }) {
  return (
    <table data-testid="keys-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Prefix</th>
          <th>Scopes</th>
          <th>User</th>
          <th>Created</th>
          <th>Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.keys.map((k) => (
          <KeyRow key={k.key_id} apiKey={k} onRevoked={props.onRevoked} />
        ))}
      </tbody>
    </table>
  );
}
