import { ROLES, SCHOOL_ROLES, type Role } from '@trustwide/common';
import { ROUTE_TABLE, type RouteRule } from './route-table';

/** A gateway route of its own API (sign-in, users): from its `@Public()` / `@Allow()` metadata. */
export interface GatewayRoute {
  method: string;
  path: string;
  roles: readonly Role[] | 'anyone';
}

const ABBREVIATION: Record<Role, string> = {
  'platform-admin': 'PA',
  'trust-admin': 'TA',
  ceo: 'CEO',
  executive: 'EX',
  hr: 'HR',
  'cpd-lead': 'CPD',
  headteacher: 'HT',
  'head-of-school': 'HoS',
  'qa-lead': 'QA',
};

function cell(rule: RouteRule, role: Role): string {
  if (!rule.roles.includes(role)) return '';
  if (SCHOOL_ROLES.includes(role)) return rule.schools === 'whole-trust' ? '✓' : 'own school';
  if ((role === 'qa-lead' && rule.qaNamed) || rule.staffNamed) return 'if named';
  return '✓';
}

/** docs/access.md: the route table as a reader sees it (generated; the spec fails when the file is out of date). */
export function renderAccessDocs(gatewayRoutes: readonly GatewayRoute[]): string {
  const head = `| | ${ROLES.map((r) => ABBREVIATION[r]).join(' | ')} |\n|---|${ROLES.map(() => ':-:').join('|')}|`;
  const row = (label: string, cells: string[]) => `| ${label} | ${cells.join(' | ')} |`;
  const out: string[] = [
    '# Who may call what',
    '',
    'Generated from `apps/gateway/src/access/route-table.ts` (the table the gateway enforces) and the gateway’s own',
    '`@Allow` declarations by `UPDATE_ACCESS_DOCS=1 npm run jest -- apps/gateway/src/access/access-docs.spec.ts`; a test fails',
    'when this file is out of date. Paths are under `/api`; `:trustId` is always the caller’s own trust (another trust’s',
    'answers 404, as if it did not exist). Without a token: 401. A role not marked: 403. Unknown routes: 404.',
    '',
    `Roles: ${ROLES.map((r) => `${ABBREVIATION[r]} \`${r}\``).join(', ')}.`,
    '',
    '- **own school**: a headteacher or head of school, for the schools they lead only: lists hold only theirs, another',
    '  school’s item answers 404 (checked by the gateway for `:schoolId`, by the service for a URN, a plan, a member of',
    '  staff, or an agreement, impact report or review their school is party to).',
    '- **if named**: the service checks that the staff record linked to the caller’s sign-in is the one named: the QA lead of',
    '  the support agreement (approval, final sign-off), or the review’s commissioned reviewer. An account linked to no',
    '  staff record is refused 403; anyone else 422 (`qa-lead`, `reviewer`). No role overrides it.',
    '',
  ];
  for (const service of ['schools', 'people', 'improvement', 'cpd'] as const) {
    out.push(`## ${service}`, '', head);
    for (const rule of ROUTE_TABLE.filter((r) => r.service === service)) {
      out.push(
        row(
          `\`${rule.method} ${rule.path}\` ${rule.does}${rule.upload ? ' (upload)' : ''}`,
          ROLES.map((role) => cell(rule, role)),
        ),
      );
    }
    out.push('');
  }
  out.push('## gateway (sign-in, users, read model administration)', '', head);
  for (const r of gatewayRoutes) {
    out.push(
      row(
        `\`${r.method} ${r.path}\`${r.roles === 'anyone' ? ' (anyone)' : ''}`,
        ROLES.map((role) => (r.roles === 'anyone' || r.roles.includes(role) ? '✓' : '')),
      ),
    );
  }
  out.push('');
  return out.join('\n');
}
