import type { DemoSummary } from './demo-setup';

/** What `tessera demo` prints once everything is ready: where to go, the admin key, the logins. */
export function demoBanner(url: string, summary: DemoSummary, storage: string): string {
  const width = Math.max(...summary.logins.map((l) => l.email.length));
  const logins = summary.logins.map(
    (l, i) =>
      `${i === 0 ? '  Logins         ' : '                 '}${l.email.padEnd(width)}  ${l.password}  (${l.role})`,
  );
  const projects = summary.projects.map((p) => `${p.name} (${p.tasks} tasks)`).join(', ');
  return [
    '',
    `Tessera demo is running at ${url}`,
    '',
    '  Open it in a browser and sign in with a login below: the annotator labels, the reviewer reviews,',
    '  the admin runs projects and watches the dashboards.',
    '',
    `  Admin API key  ${summary.adminKey}`,
    ...logins,
    `  Projects       ${projects}`,
    `  Data           ${storage}; images and texts in ${summary.assetsDir}`,
    `  Credentials    ${summary.credentialsPath} (also the annotator's and reviewer's API keys)`,
    '',
    'Try it from another terminal:',
    `  export TESSERA_URL=${url} TESSERA_API_KEY=${summary.adminKey}`,
    '  npx tessera projects list',
    '  npx tessera tasks list --project demo-images --max 3',
    `  curl -u "$TESSERA_API_KEY:" ${url}/v1/batches/demo-images-1/status`,
    `  open ${url}/assets/scene-0001.png`,
    '',
    'Press Ctrl+C to stop. Running `npx tessera demo` again reuses the same data.',
    '',
  ].join('\n');
}
