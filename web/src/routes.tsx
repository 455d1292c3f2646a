import { lazy, type ComponentType } from 'react';

// Each page is a chunk of its own, fetched when first shown: the overview's first load does not carry the Support,
// CPD or Imports pages. (A named export, so each page file stays as it is.)
const OverviewPage = lazy(() => import('./pages/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const SchoolPage = lazy(() => import('./pages/SchoolPage').then((m) => ({ default: m.SchoolPage })));
const LeadershipPage = lazy(() => import('./pages/LeadershipPage').then((m) => ({ default: m.LeadershipPage })));
const SupportPage = lazy(() => import('./pages/SupportPage').then((m) => ({ default: m.SupportPage })));
const CpdPage = lazy(() => import('./pages/CpdPage').then((m) => ({ default: m.CpdPage })));
const ImportsPage = lazy(() => import('./pages/ImportsPage').then((m) => ({ default: m.ImportsPage })));

export interface PageRoute {
  path: string;
  title: string;
  /** Roles that see the page (and its navigation entry); what each may call is in docs/access.md. */
  roles: string[];
  component: ComponentType<{ params: Record<string, string> }>;
  /** Shown in the navigation (a school's page is reached from the overview). */
  nav: boolean;
}

/**
 * Every page of the dashboard. A page is its own file under pages/; a new one adds one line here. The roles follow
 * the route table: the trust-wide view is for the CEO, executives and heads; designations and capacity for HR too.
 */
export const ROUTES: PageRoute[] = [
  { path: '/overview', title: 'Trust overview', roles: ['ceo', 'executive', 'headteacher'], component: OverviewPage, nav: true },
  { path: '/schools/:schoolId', title: 'School', roles: ['ceo', 'executive', 'headteacher'], component: SchoolPage, nav: false },
  { path: '/leadership', title: 'Leadership', roles: ['ceo', 'executive', 'hr'], component: LeadershipPage, nav: true },
  {
    path: '/support',
    title: 'Support',
    roles: ['ceo', 'executive', 'qa-lead', 'headteacher', 'head-of-school'],
    component: SupportPage,
    nav: true,
  },
  { path: '/cpd', title: 'CPD', roles: ['ceo', 'executive', 'cpd-lead', 'hr'], component: CpdPage, nav: true },
  { path: '/imports', title: 'Imports', roles: ['trust-admin', 'hr', 'ceo', 'executive'], component: ImportsPage, nav: true },
];

/** Where a user lands after signing in: the first page their roles see. */
export function homeFor(roles: string[]): string {
  return ROUTES.find((r) => r.nav && r.roles.some((role) => roles.includes(role)))?.path ?? '/no-access';
}
