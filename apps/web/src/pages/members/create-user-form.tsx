import { ROLES, type Role } from '@tessera/schema';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useAction } from '../../api/use-action';
import { ErrorText } from '../../components/error-text';

interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly password: string;
}

const EMPTY: NewUser = { email: '', name: '', role: 'annotator', password: '' };

/** Email, name, organization role and an optional first password. */
function UserFields(props: { readonly form: NewUser; readonly onChange: (patch: Partial<NewUser>) => void }) {
  const { form } = props;
  const set = props.onChange;
  return (
    <div className="row">
      <label>
        Email
        <input
          type="email"
          required
          value={form.email}
          autoComplete="off"
          data-testid="new-user-email"
          onChange={(e) => set({ email: e.target.value })}
        />
      </label>
      <label>
        Name
        <input
          required
          value={form.name}
          data-testid="new-user-name"
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      <label>
        Role
        <select
          value={form.role}
          data-testid="new-user-role"
          onChange={(e) => set({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password (12+ characters; empty: none yet)
        <input
          type="password"
          value={form.password}
          autoComplete="new-password"
          data-testid="new-user-password"
          onChange={(e) => set({ password: e.target.value })}
        />
      </label>
    </div>
  );
}

/** Admins: creates a user of the organization (with a password to sign in) and, by default, adds them here. */
export function CreateUserForm(props: { readonly project: string; readonly onCreated: () => void }) {
  const { client } = useApi();
  const [form, setForm] = useState(EMPTY);
  const [addHere, setAddHere] = useState(true);
  const { busy, error, run } = useAction();
  const [created, setCreated] = useState<string | null>(null);
  const set = (patch: Partial<NewUser>) => setForm((f) => ({ ...f, ...patch }));
  const passwordShort = form.password !== '' && form.password.length < 12;

  async function create(event: FormEvent) {
    event.preventDefault();
    if (busy || passwordShort) return;
    setCreated(null);
    await run(async () => {
      const user = await client.createUser({
        email: form.email.trim(),
        name: form.name.trim(),
        role: form.role,
        ...(form.password === '' ? {} : { password: form.password }),
      });
      if (addHere) await client.addMember({ project: props.project, user_id: user.user_id });
      setCreated(`${user.email} was created${addHere ? ' and added to this project' : ''}.`);
      setForm(EMPTY);
      props.onCreated();
    });
  }

  return (
    <form className="members-form" onSubmit={(e) => void create(e)}>
      <h3>Create a user</h3>
      <UserFields form={form} onChange={set} />
      <div className="row">
        <label className="members-check">
          <input
            type="checkbox"
            checked={addHere}
            data-testid="new-user-add-to-project"
            onChange={(e) => setAddHere(e.target.checked)}
          />
          Add to this project
        </label>
        <button
          type="submit"
          className="primary"
          disabled={busy || passwordShort}
          data-testid="new-user-create"
        >
          Create user
        </button>
      </div>
      {passwordShort ? <p className="error">Passwords need at least 12 characters.</p> : null}
      {created ? (
        <p className="members-ok" data-testid="new-user-created">
          {created}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  );
}
