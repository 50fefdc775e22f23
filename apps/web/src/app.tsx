import { ApiProvider, useApi } from './api/api-context';
import { Layout } from './layout';
import { LoginPage } from './pages/login-page';
import { matchPath, useLocation } from './router';
import { ROUTES } from './routes';

function Routed() {
  const { pathname } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params === null) continue;
    return <Layout project={route.inProject ? params.project : undefined}>{route.render(params)}</Layout>;
  }
  return (
    <Layout>
      <h1>Not found</h1>
      <p>No page at {pathname}.</p>
    </Layout>
  );
}

function Gate() {
  const { me, checking } = useApi();
  if (checking) return <p className="page">Loading…</p>;
  return me === null ? <LoginPage /> : <Routed />;
}

export function App() {
  return (
    <ApiProvider>
      <Gate />
    </ApiProvider>
  );
}
