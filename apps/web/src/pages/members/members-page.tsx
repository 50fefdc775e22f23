import { authRoutes, memberRoutes } from '@tessera/schema';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { AddMemberForm } from './add-member-form';
import { CreateUserForm } from './create-user-form';
import { collect } from './member-candidates';
import './members.css';

/** Lists are read whole up to this many entries (the table is for people, not for bulk exports). */
const MAX_LISTED = 2_000;

/** `/projects/:project/members`: who works on the project; add members, and (admins) create users. */
export function MembersPage(props: { readonly project: string }) {
  const { client } = useApi();
  const me = useMe();
  const isAdmin = hasScope(me, 'admin');
  const members = useLoad(
    () => collect(client.iterate(memberRoutes.listMembers, { project: props.project }), MAX_LISTED),
    [client, props.project],
  );
  const users = useLoad(
    () => (isAdmin ? collect(client.iterate(authRoutes.listUsers), MAX_LISTED) : Promise.resolve(null)),
    [client, isAdmin],
  );
  const reload = () => {
    members.reload();
    users.reload();
  };
  const list = members.data ?? [];
  return (
    <div className="members-page">
      <section className="card">
        <h2>Members {members.data ? <span className="muted">({list.length})</span> : null}</h2>
        <ErrorText error={members.error} />
        {members.data && list.length === 0 ? <p className="muted">No members yet.</p> : null}
        {list.length > 0 ? (
          <table data-testid="members-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.user_id} data-testid={`member-${m.user_id}`}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {hasScope(me, 'projects:write') ? (
        <section className="card">
          <ErrorText error={users.error} />
          <AddMemberForm project={props.project} users={users.data ?? null} members={list} onAdded={reload} />
        </section>
      ) : null}
      {isAdmin ? (
        <section className="card">
          <CreateUserForm project={props.project} onCreated={reload} />
        </section>
      ) : null}
    </div>
  );
}
