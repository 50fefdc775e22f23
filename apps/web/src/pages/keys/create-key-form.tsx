import type { CreatedApiKeyDto, Scope } from '@tessera/schema';
import { type FormEvent, useState } from 'react';
import { useApi, useMe } from '../../api/api-context';
import { useAction } from '../../api/use-action';
import { ErrorText } from '../../components/error-text';
import { grantableScopes, presetScopes } from './key-scopes';
import { ScopePicker } from './scope-picker';

/** Creates an API key: name, scopes (from a role preset or one by one), for the caller or for no user. */
export function CreateKeyForm(props: { readonly onCreated: (created: CreatedApiKeyDto) => void }) {
  const { client } = useApi();
  const me = useMe();
  const grantable = grantableScopes(me.scopes);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(() => presetScopes('annotator', grantable));
  const [forMe, setForMe] = useState(me.user_id !== null);
  const { busy, error, run } = useAction();

  async function create(event: FormEvent) {
    event.preventDefault();
    if (busy || name.trim() === '' || scopes.length === 0) return;
    await run(async () => {
      const created = await client.createApiKey({
        name: name.trim(),
        scopes,
        ...(forMe && me.user_id !== null ? { user_id: me.user_id } : {}),
      });
      setName('');
      props.onCreated(created);
    });
  }

  return (
    <form className="keys-form" onSubmit={(e) => void create(e)}>
      <h3>Create a key</h3>
      <div className="row">
        <label>
          Name
          <input
            required
            value={name}
            maxLength={200}
            placeholder="e.g. nightly import"
            data-testid="key-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          Acts as
          <select
            value={forMe ? 'me' : 'none'}
            data-testid="key-owner"
            onChange={(e) => setForMe(e.target.value === 'me')}
          >
            {me.user_id !== null ? <option value="me">me ({me.user_id})</option> : null}
            <option value="none">no user (service key: cannot annotate or review)</option>
          </select>
        </label>
      </div>
      <ScopePicker grantable={grantable} scopes={scopes} onChange={setScopes} />
      <button
        type="submit"
        className="primary"
        disabled={busy || name.trim() === '' || scopes.length === 0}
        data-testid="key-create"
      >
        Create key
      </button>
      <ErrorText error={error} />
    </form>
  );
}
