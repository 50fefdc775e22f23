import type { ReactNode } from 'react';
import { useApi, useMe } from './api/api-context';
import { hasScope } from './api/session';
import { Link, useLocation } from './router';

function ProjectTabs(props: { readonly project: string }) {
  const me = useMe();
  const { pathname } = useLocation();
  const base = `/projects/${encodeURIComponent(props.project)}`;
  const tabs: [string, string, boolean][] = [
    ['Dashboard', base, hasScope(me, 'results:read')],
    ['Label', `${base}/label`, hasScope(me, 'annotate')],
    ['Review', `${base}/review`, hasScope(me, 'review')],
    ['Ontology', `${base}/ontology`, hasScope(me, 'projects:read')],
    ['Upload & batches', `${base}/upload`, hasScope(me, 'tasks:write')],
    ['Members', `${base}/members`, hasScope(me, 'projects:write')],
  ];
  return (
    <nav className="tabs" aria-label="Project">
      <strong className="tabs-title">{props.project}</strong>
      {tabs
        .filter(([, , allowed]) => allowed)
        .map(([label, to]) => (
          <Link key={to} to={to} className={pathname === to ? 'tab active' : 'tab'}>
            {label}
          </Link>
        ))}
    </nav>
  );
}

/** The frame around every signed-in page: top bar, project tabs when inside a project, the page. */
export function Layout(props: { readonly project?: string; readonly children: ReactNode }) {
  const { logout } = useApi();
  const me = useMe();
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          Tessera
        </Link>
        <Link to="/">Projects</Link>
        {hasScope(me, 'keys:write') || hasScope(me, 'admin') ? <Link to="/keys">API keys</Link> : null}
        <span className="spacer" />
        <span className="who" data-testid="who">
          {me.role ?? 'key'} · {me.user_id ?? me.org_id}
        </span>
        <button type="button" onClick={() => void logout()}>
          Sign out
        </button>
      </header>
      {props.project ? <ProjectTabs project={props.project} /> : null}
      <main className="page">{props.children}</main>
    </div>
  );
}
