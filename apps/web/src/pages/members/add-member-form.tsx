import { type MemberDto, ROLES, type UserDto } from '@tessera/schema';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useAction } from '../../api/use-action';
import { ErrorText } from '../../components/error-text';
import { memberCandidates, type RoleFilter } from './member-candidates';

/** A select of candidates, or (when users cannot be listed) a field for the user id. */
function UserPicker(props: {
  readonly candidates: readonly UserDto[] | null;
  readonly value: string;
  readonly chosen: string;
  readonly onChange: (userId: string) => void;
}) {
  const field = useId();
  const { candidates, onChange } = props;
  return (
    <label htmlFor={field}>
      User
      {candidates === null ? (
        <input
          id={field}
          value={props.value}
          placeholder="usr_…"
          data-testid="member-user"
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <select
          id={field}
          value={props.chosen}
          data-testid="member-user"
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">
            {candidates.length === 0 ? 'Everyone with this role is a member' : 'Pick a user…'}
          </option>
          {candidates.map((u) => (
            <option key={u.user_id} value={u.user_id}>
              {u.email} — {u.name} ({u.role})
            </option>
          ))}
        </select>
      )}
    </label>
  );
}

/**
 * Adds a user of the organization to the project. Admins pick from the user list (narrowed by role);
 * others, who may not list users, type the user id.
 */
export function AddMemberForm(props: {
  readonly project: string;
  /** The organization's users; null when the caller may not list them. */
  readonly users: readonly UserDto[] | null;
  readonly members: readonly MemberDto[];
  readonly onAdded: () => void;
}) {
  const { client } = useApi();
  const [role, setRole] = useState<RoleFilter>('any');
  const [userId, setUserId] = useState('');
  const { busy, error, run } = useAction();
  const candidates = props.users === null ? null : memberCandidates(props.users, props.members, role);
  const chosen = candidates === null || candidates.some((u) => u.user_id === userId) ? userId.trim() : '';

  async function add(event: FormEvent) {
    event.preventDefault();
    if (chosen === '' || busy) return;
    await run(async () => {
      await client.addMember({ project: props.project, user_id: chosen });
      setUserId('');
      props.onAdded();
    });
  }

  return (
    <form className="members-form" onSubmit={(e) => void add(e)}>
      <h3>Add a member</h3>
      <div className="row">
        {candidates === null ? null : (
          <label>
            Role
            <select
              value={role}
              data-testid="member-role"
              onChange={(e) => setRole(e.target.value as RoleFilter)}
            >
              <option value="any">Any role</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        )}
        <UserPicker candidates={candidates} value={userId} chosen={chosen} onChange={setUserId} />
        <button type="submit" className="primary" disabled={chosen === '' || busy} data-testid="member-add">
          Add to project
        </button>
      </div>
      {candidates === null ? (
        <p className="muted">Only admins can list the organization's users: enter the user's id.</p>
      ) : (
        <p className="muted">
          What a member may do follows their organization role (annotator, reviewer, manager, admin).
        </p>
      )}
      <ErrorText error={error} />
    </form>
  );
}
