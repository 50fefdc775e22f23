import { authRoutes, type CreatedApiKeyDto } from '@tessera/schema';
import { useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { collect } from '../members/member-candidates';
import { CreateKeyForm } from './create-key-form';
import { KeySecret } from './key-secret';
import { KeysTable } from './keys-table';
import './keys.css';

const MAX_LISTED = 2_000;

/** `/keys`: the organization's API keys (prefixes only); create one (secret shown once) or revoke one. */
export function KeysPage() {
  const { client } = useApi();
  const me = useMe();
  const allowed = hasScope(me, 'keys:write');
  const keys = useLoad(
    () => (allowed ? collect(client.iterate(authRoutes.listApiKeys), MAX_LISTED) : Promise.resolve([])),
    [client, allowed],
  );
  const [created, setCreated] = useState<CreatedApiKeyDto | null>(null);
  if (!allowed) return <p className="error">Managing API keys needs the keys:write permission.</p>;
  const list = keys.data ?? [];
  return (
    <div className="keys-page">
      <section className="card">
        {created ? (
          <KeySecret created={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateKeyForm
            onCreated={(k) => {
              setCreated(k);
              keys.reload();
            }}
          />
        )}
      </section>
      <section className="card">
        <h2>API keys</h2>
        <ErrorText error={keys.error} />
        {keys.data && list.length === 0 ? <p className="muted">No keys yet.</p> : null}
        {list.length > 0 ? <KeysTable keys={list} onRevoked={keys.reload} /> : null}
      </section>
    </div>
  );
}
