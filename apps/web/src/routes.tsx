import type { ReactNode } from 'react';
import { DashboardPage } from './pages/dashboard/dashboard-page';
import { KeysPage } from './pages/keys/keys-page';
import { LabelPage } from './pages/label/label-page';
import { MembersPage } from './pages/members/members-page';
import { OntologyPage } from './pages/ontology/ontology-page';
import { NewProjectPage } from './pages/projects/new-project-page';
import { ProjectsPage } from './pages/projects/projects-page';
import { ReviewPage } from './pages/review/review-page';
import { UploadPage } from './pages/upload/upload-page';
import type { Params } from './router';

export interface AppRoute {
  readonly pattern: string;
  /** Pages inside a project get the project tabs. */
  readonly inProject: boolean;
  render(params: Params): ReactNode;
}

const p = (params: Params): string => params.project as string;

/** Every page of the app; the first pattern that matches wins. */
export const ROUTES: readonly AppRoute[] = [
  { pattern: '/', inProject: false, render: () => <ProjectsPage /> },
  { pattern: '/projects/new', inProject: false, render: () => <NewProjectPage /> },
  { pattern: '/keys', inProject: false, render: () => <KeysPage /> },
  { pattern: '/projects/:project', inProject: true, render: (x) => <DashboardPage project={p(x)} /> },
  { pattern: '/projects/:project/label', inProject: true, render: (x) => <LabelPage project={p(x)} /> },
  { pattern: '/projects/:project/review', inProject: true, render: (x) => <ReviewPage project={p(x)} /> },
  { pattern: '/projects/:project/ontology', inProject: true, render: (x) => <OntologyPage project={p(x)} /> },
  { pattern: '/projects/:project/upload', inProject: true, render: (x) => <UploadPage project={p(x)} /> },
  { pattern: '/projects/:project/members', inProject: true, render: (x) => <MembersPage project={p(x)} /> },
];
