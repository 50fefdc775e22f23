import type { WorkItemDto } from '@tessera/schema';
import { useApi, useMe } from '../../api/api-context';
import { hasScope } from '../../api/session';
import { useLoad } from '../../api/use-load';
import { ErrorText } from '../../components/error-text';
import { Link, navigate } from '../../router';
import './projects-page.css';

/** The list refreshes now and then so "available" stays honest while others label. */
const POLL_MS = 15_000;

const labelPath = (name: string) => `/projects/${encodeURIComponent(name)}/label`;

function ProjectRow(props: {
  readonly work: WorkItemDto;
  readonly canSeeDashboard: boolean;
  readonly autoFocus: boolean;
}) {
  const w = props.work;
  return (
    <tr data-testid={`project-row-${w.project}`} className={w.available > 0 ? '' : 'projects-idle'}>
      <td>
        <div className="projects-title">{w.title}</div>
        <div className="muted">{w.title === w.project ? w.modality : `${w.project} · ${w.modality}`}</div>
      </td>
      <td className="num" data-testid={`available-${w.project}`}>
        {w.available.toLocaleString()}
      </td>
      <td className="num">{w.in_review.toLocaleString()}</td>
      <td className="num">{w.completed.toLocaleString()}</td>
      <td>
        <div className="projects-actions">
          <button
            type="button"
            className={w.available > 0 ? 'primary' : ''}
            data-testid={`start-${w.project}`}
            // biome-ignore lint/a11y/noAutofocus: the first project with work is what an annotator opens this page for
            autoFocus={props.autoFocus}
            onClick={() => navigate(labelPath(w.project))}
          >
            Start
          </button>
          {props.canSeeDashboard ? (
            <Link to={`/projects/${encodeURIComponent(w.project)}`} data-testid={`dashboard-${w.project}`}>
              Dashboard
            </Link>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** `/`: the caller's projects with the work waiting in each, a Start button per project. */
export function ProjectsPage() {
  const { client } = useApi();
  const me = useMe();
  const work = useLoad(() => client.listMyWork(), [client], POLL_MS);
  const docs = work.data?.docs ?? [];
  const firstWithWork = docs.find((w) => w.available > 0)?.project;
  const canCreate = hasScope(me, 'projects:write');
  return (
    <div className="projects-page">
      <header className="projects-head">
        <h1>Projects</h1>
        {canCreate ? (
          <Link to="/projects/new" data-testid="new-project" className="projects-new">
            New project
          </Link>
        ) : null}
      </header>
      <ErrorText error={work.error} />
      {work.data && docs.length === 0 ? (
        <p className="muted" data-testid="projects-empty">
          {canCreate ? 'No projects yet: create the first one.' : 'You are not a member of any project yet.'}
        </p>
      ) : null}
      {docs.length > 0 ? (
        <table className="card projects-table" data-testid="projects-table">
          <thead>
            <tr>
              <th>Project</th>
              <th className="num">Available</th>
              <th className="num">In review</th>
              <th className="num">Completed</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((w) => (
              <ProjectRow
                key={w.project_id}
                work={w}
                canSeeDashboard={hasScope(me, 'results:read')}
                autoFocus={w.project === firstWithWork}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
