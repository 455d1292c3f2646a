import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { api, download, trustPath } from '../api/client';
import { getSession, hasRole } from '../api/session';
import type { Leadership, Overview, OverviewSchool, RegisterSchool } from '../api/types';
import { AlertFeed } from '../components/AlertFeed';
import { SchoolScatter } from '../components/charts/Scatter';
import { Sparkline } from '../components/charts/Sparkline';
import { DataTable } from '../components/DataTable';
import { SelectField, TextField } from '../components/Form';
import { ErrorNote, Loading, RiskBadge, Section } from '../components/Status';
import { inspectionSummary, MEASURE_NAMES, PHASES } from '../format';
import { useLoad } from '../hooks';
import { Link, navigate } from '../router';

const RISKS = ['', 'red', 'amber', 'green', 'unassessed'];
/** Who may acknowledge an alert: the gateway's read-model roles (READ_MODEL_ROLES; a head only their schools' alerts). */
const ACKNOWLEDGERS = ['ceo', 'executive', 'headteacher'];
const MODELS = ['', 'A', 'B', 'C'];

function filterQuery(f: { q: string; risk: string; phase: string; leadershipModel: string }): string {
  const params = new URLSearchParams({ membership: 'member', sort: 'risk' });
  for (const [k, v] of Object.entries(f)) if (v.trim()) params.set(k, v.trim());
  return params.toString();
}

const trendValues = (s: OverviewSchool, measure: string) => {
  const m = s.measures[measure];
  if (!m) return [];
  return m.previous === null ? [m.value] : [m.previous, m.value];
};

/** All schools at a glance for the CEO and executives (a head sees their own): risk, inspections, trends, support, alerts. */
export function OverviewPage() {
  const [filters, setFilters] = useState({ q: '', risk: '', phase: '', leadershipModel: '' });
  // Search waits for a pause in typing; the selects apply at once.
  const [applied, setApplied] = useState(filters);
  useEffect(() => {
    const t = setTimeout(() => setApplied(filters), filters.q === applied.q ? 0 : 250);
    return () => clearTimeout(t);
  }, [filters, applied.q]);
  const query = filterQuery(applied);
  const overview = useLoad(() => api.get<Overview>(`${trustPath()}/overview?limit=500&${query}`), [query]);
  // Where the schools are and the executive heads' spans: loaded once, after the list has arrived, so that the
  // list (what the page is for) does not share the gateway and the database with them on the way in.
  const listed = overview.data !== undefined;
  const places = useLoad(
    () =>
      listed
        ? Promise.all([
            api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?membership=member&limit=1000`),
            api.get<Leadership>(`${trustPath()}/leadership`),
          ])
        : Promise.resolve(undefined),
    [listed],
  );
  // A live alert changes what the list says of its school (risk, support, leaders): the list is read again, once
  // for a burst of alerts. The read model wrote the change in the transaction that raised the alert.
  const { reload } = overview;
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onLiveAlert = useCallback(() => {
    clearTimeout(refresh.current);
    refresh.current = setTimeout(reload, 300);
  }, [reload]);
  useEffect(() => () => clearTimeout(refresh.current), []);

  const set = (name: keyof typeof filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [name]: e.target.value }));
  const totals = overview.data?.totals;
  return (
    <>
      {totals && (
        <ul className="cards" aria-label="Trust totals">
          <li className="card">
            <strong>{totals.schools}</strong> member schools
          </li>
          <li className="card">
            <strong>{totals.pupils.toLocaleString('en-GB')}</strong> pupils
          </li>
          {(['red', 'amber', 'green', 'unassessed'] as const).map((r) => (
            <li className="card" key={r}>
              <strong>{totals.schoolsByRisk[r]}</strong> <RiskBadge level={r} />
            </li>
          ))}
          <li className="card">
            <strong>{totals.overdueReports}</strong> impact reports overdue
          </li>
          <li className="card">
            <strong>{totals.leadersOverCapacity}</strong> leaders over capacity
          </li>
        </ul>
      )}
      <div className="grid-2">
        <div>
          <Section
            title="Schools"
            actions={
              <button type="button" onClick={() => void download(`${trustPath()}/overview?format=csv&${query}`, 'overview.csv')}>
                Download CSV
              </button>
            }
          >
            <form className="filters" role="search" aria-label="Filter schools" onSubmit={(e) => e.preventDefault()}>
              <TextField
                label="Search"
                name="q"
                type="search"
                value={filters.q}
                onChange={set('q')}
                problems={[]}
                hint="Name, URN or local authority"
              />
              <SelectField
                label="Risk"
                name="risk"
                value={filters.risk}
                onChange={set('risk')}
                problems={[]}
                options={RISKS.map((r) => ({ value: r, label: r || 'Any' }))}
              />
              <SelectField
                label="Phase"
                name="phase"
                value={filters.phase}
                onChange={set('phase')}
                problems={[]}
                options={['', ...PHASES].map((p) => ({ value: p, label: p || 'Any' }))}
              />
              <SelectField
                label="Leadership model"
                name="leadershipModel"
                value={filters.leadershipModel}
                onChange={set('leadershipModel')}
                problems={[]}
                options={MODELS.map((m) => ({ value: m, label: m || 'Any' }))}
              />
            </form>
            {overview.error && <ErrorNote error={overview.error} />}
            {!overview.data ? (
              <Loading what="the schools" />
            ) : (
              <>
                <p className="muted" role="status" aria-live="polite">
                  {overview.loading ? 'Updating…' : `${overview.data.total} schools`}
                </p>
                <SchoolsTable schools={overview.data.schools} />
              </>
            )}
          </Section>
        </div>
        <div>
          <Section title="Live alerts">
            <AlertFeed
              // The feed and its stream start once the list is in, for the same reason as the plot.
              trustId={listed ? (getSession()?.user.trustId ?? '') : ''}
              canAcknowledge={hasRole(getSession(), ...ACKNOWLEDGERS)}
              onLiveAlert={onLiveAlert}
            />
          </Section>
          <Section title="Where the schools are">
            {places.error && <ErrorNote error={places.error} />}
            {places.data ? (
              <SchoolScatter
                title="Schools by Easting and Northing"
                schools={places.data[0].items
                  .filter((s) => s.easting !== null && s.northing !== null)
                  .map((s) => {
                    const o = overview.data?.schools.find((x) => x.schoolId === s.id);
                    return { id: s.id, name: s.name, easting: s.easting!, northing: s.northing!, tone: o?.risk.level ?? 'unassessed' };
                  })}
                spans={places.data[1].executiveHeads.map((h) => ({
                  label: `${h.name ?? 'Executive head'}: ${h.schools.map((s) => s.name).join(', ')}${h.travel.longestMinutes !== null ? ` (${h.travel.longestMinutes} min apart)` : ''}`,
                  schoolIds: h.schools.map((s) => s.schoolId),
                  far: h.travel.overAnHour,
                }))}
                onSelect={(id) => navigate(`/schools/${id}`)}
              />
            ) : (
              !places.error && <Loading what="the map" />
            )}
          </Section>
        </div>
      </div>
    </>
  );
}

/** Memoised: 120 rows of cells and sparklines are rendered again only when the list changes, not when the plot or totals do. */
const SchoolsTable = memo(function SchoolsTable({ schools }: { schools: OverviewSchool[] }) {
  // Marks when the rows are in the document, so load time can be measured in the browser (the tests report it).
  useEffect(() => {
    if (schools.length > 0 && performance.getEntriesByName('trustwide:overview-rows').length === 0)
      performance.mark('trustwide:overview-rows');
  }, [schools]);
  return (
    <DataTable
      caption="Member schools"
      className="schools"
      rows={schools}
      rowKey={(s) => s.schoolId}
      columns={[
        { key: 'name', header: 'School', render: (s) => <Link to={`/schools/${s.schoolId}`}>{s.name}</Link>, sort: (s) => s.name },
        {
          key: 'phase',
          header: 'Phase',
          render: (s) => `${s.phase}${s.leadershipModel ? ` · ${s.leadershipModel}` : ''}`,
          sort: (s) => s.phase,
        },
        {
          key: 'risk',
          header: 'Risk',
          render: (s) => (
            <>
              <RiskBadge level={s.risk.level} />
              {s.risk.reasons.length > 0 && <div className="muted small">{s.risk.reasons.slice(0, 2).join('; ')}</div>}
            </>
          ),
          sort: (s) => ['red', 'amber', 'green', 'unassessed'].indexOf(s.risk.level),
        },
        { key: 'inspection', header: 'Latest inspection', render: (s) => inspectionSummary(s.latestInspection) },
        ...(['attendance', 'attainmentExpectedStandard'] as const).map((m) => ({
          key: m,
          header: MEASURE_NAMES[m],
          numeric: true,
          render: (s: OverviewSchool) =>
            s.measures[m] ? (
              <>
                {s.measures[m].value}{' '}
                <Sparkline
                  values={trendValues(s, m)}
                  label={`${MEASURE_NAMES[m]} ${s.measures[m].previousPeriod ?? ''} to ${s.measures[m].period}`}
                />
              </>
            ) : (
              '–'
            ),
          sort: (s: OverviewSchool) => s.measures[m]?.value,
        })),
        { key: 'pupils', header: 'Pupils', numeric: true, render: (s) => s.pupils?.toLocaleString('en-GB') ?? '–', sort: (s) => s.pupils },
        {
          key: 'support',
          header: 'Support',
          render: (s) => {
            const flagged = [...s.support.receiving, ...s.support.giving].some((a) => a.flags > 0 || a.overdueReports > 0);
            return (
              <>
                {s.support.receiving.length} received · {s.support.giving.length} given
                {flagged && <div className="field-error small">needs attention</div>}
              </>
            );
          },
          sort: (s) => s.support.receiving.length + s.support.giving.length,
        },
        {
          key: 'leaders',
          header: 'System leaders',
          numeric: true,
          render: (s) => s.designatedLeaders.length,
          sort: (s) => s.designatedLeaders.length,
        },
        { key: 'cpd', header: 'CPD places', numeric: true, render: (s) => s.cpd.placesTaken, sort: (s) => s.cpd.placesTaken },
      ]}
    />
  );
});
