import { useMemo, useState } from 'react';
import { api, trustPath } from '../api/client';
import { getSession, hasRole } from '../api/session';
import type { Capacity, Designation, GapReport, PipelinePerson, RegisterSchool, Staff } from '../api/types';
import { AuditTrail } from '../components/AuditTrail';
import { CapacityBars, GapChart } from '../components/charts/Bars';
import { DataTable } from '../components/DataTable';
import { SelectField } from '../components/Form';
import { Badge, ErrorNote, Loading, Section } from '../components/Status';
import { date, words } from '../format';
import { useLoad } from '../hooks';
import { DesignationWorkflow } from './leadership/DesignationWorkflow';
import { academicYear, DESIGNATION_STATUSES, personName } from './leadership/designations';

const FRAMEWORK_ROLES = ['lle', 'nle', 'sip', 'professional-partner', 'executive-headteacher'];

/** Designations by status and expiry, the designation workflow (HR), capacity per leader, the pipeline and skills gaps. */
export function LeadershipPage() {
  const session = getSession();
  const isHr = hasRole(session, 'hr');
  const readsPipeline = hasRole(session, 'ceo', 'executive');
  const [status, setStatus] = useState('');
  const [year, setYear] = useState(academicYear());
  const [gapRole, setGapRole] = useState('lle');
  const [traced, setTraced] = useState('');
  const base = useLoad(
    () =>
      Promise.all([
        api.get<{ items: Designation[] }>(`${trustPath()}/designations?limit=500`),
        api.get<{ items: Staff[] }>(`${trustPath()}/staff?limit=500`),
        api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?membership=member&limit=1000`),
      ]),
    [],
  );
  const capacity = useLoad(
    () => api.get<{ items: Capacity[] }>(`${trustPath()}/capacity?academicYear=${encodeURIComponent(year)}&limit=500`),
    [year],
  );
  const gaps = useLoad(() => api.get<GapReport>(`${trustPath()}/skills/gaps?role=${gapRole}&aspiring=true`), [gapRole]);
  const pipeline = useLoad(
    () => (readsPipeline ? api.get<{ people: PipelinePerson[] }>(`${trustPath()}/pipeline`) : Promise.resolve(null)),
    [],
  );

  const staff = useMemo(() => new Map((base.data?.[1].items ?? []).map((p) => [p.id, p])), [base.data]);
  const schools = useMemo(() => new Map((base.data?.[2].items ?? []).map((s) => [s.id, s.name])), [base.data]);
  if (base.error) return <ErrorNote error={base.error} />;
  if (!base.data) return <Loading what="designations" />;
  const designations = base.data[0].items;
  const shown = status ? designations.filter((d) => d.status === status) : designations;
  const counts = Object.fromEntries(DESIGNATION_STATUSES.map((s) => [s, designations.filter((d) => d.status === s).length]));
  const years = [-1, 0, 1].map((k) => academicYear(new Date(new Date().getFullYear() + k, new Date().getMonth(), 1)));

  return (
    <>
      <ul className="cards" aria-label="Designations by status">
        {DESIGNATION_STATUSES.map((s) => (
          <li className="card" key={s}>
            <strong>{counts[s]}</strong> <Badge tone={s}>{s}</Badge>
          </li>
        ))}
      </ul>
      <Section title="Designations">
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter designations">
          <SelectField
            label="Status"
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            problems={[]}
            options={['', ...DESIGNATION_STATUSES].map((s) => ({ value: s, label: s || 'Any' }))}
          />
        </form>
        <DataTable
          caption="Designations, by expiry"
          rows={shown}
          rowKey={(d) => d.id}
          initialSort={{ key: 'expires', dir: 'asc' }}
          columns={[
            {
              key: 'who',
              header: 'Leader',
              render: (d) => personName(staff.get(d.staffId)),
              sort: (d) => personName(staff.get(d.staffId)),
            },
            {
              key: 'type',
              header: 'Designation',
              render: (d) => `${d.type.toUpperCase()}${d.specialisms.length ? ` (${d.specialisms.join(', ')})` : ''}`,
              sort: (d) => d.type,
            },
            {
              key: 'status',
              header: 'Status',
              render: (d) => <Badge tone={d.status}>{d.status}</Badge>,
              sort: (d) => DESIGNATION_STATUSES.indexOf(d.status),
            },
            { key: 'school', header: 'School', render: (d) => schools.get(d.schoolId) ?? '–', sort: (d) => schools.get(d.schoolId) },
            { key: 'starts', header: 'Term starts', render: (d) => date(d.termStartsOn), sort: (d) => d.termStartsOn },
            {
              key: 'expires',
              header: 'Expires',
              render: (d) => (
                <>
                  {date(d.termEndsOn)}
                  {d.renewalFlaggedFor && <div className="field-error small">due for renewal</div>}
                </>
              ),
              sort: (d) => d.termEndsOn,
            },
            {
              key: 'days',
              header: 'Days/year',
              numeric: true,
              render: (d) => d.releaseDaysPerYear ?? '–',
              sort: (d) => d.releaseDaysPerYear,
            },
          ]}
        />
      </Section>
      {isHr && (
        <DesignationWorkflow
          designations={designations}
          staff={base.data[1].items}
          schools={base.data[2].items}
          onChanged={base.reload}
          decidedBy={session?.user.email ?? 'hr'}
        />
      )}
      <div className="grid">
        <Section
          title="Capacity per leader"
          actions={
            <SelectField
              label="Academic year"
              name="academicYear"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              problems={[]}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          }
        >
          {capacity.error && <ErrorNote error={capacity.error} />}
          {capacity.data ? (
            capacity.data.items.length === 0 ? (
              <p className="muted">No leader is released in {year}.</p>
            ) : (
              <CapacityBars
                title={`Days committed against days available, ${year}`}
                bars={capacity.data.items.map((c) => ({
                  label: personName(staff.get(c.staffId)),
                  committed: c.committedDays,
                  available: c.availableDays,
                }))}
              />
            )
          ) : (
            <Loading what="capacity" />
          )}
        </Section>
        <Section
          title="Skills gaps of aspiring leaders"
          actions={
            <SelectField
              label="Role aspired to"
              name="gapRole"
              value={gapRole}
              onChange={(e) => setGapRole(e.target.value)}
              problems={[]}
              options={FRAMEWORK_ROLES.map((r) => ({ value: r, label: words(r) }))}
            />
          }
        >
          {gaps.error && <ErrorNote error={gaps.error} />}
          {gaps.data ? (
            gaps.data.people === 0 ? (
              <p className="muted">No aspiring {words(gapRole)} has assessed themselves yet.</p>
            ) : (
              <GapChart
                title={`Mean gap (confidence − importance) of ${gaps.data.people} aspiring ${words(gapRole)}${gaps.data.people === 1 ? '' : 's'}`}
                gaps={[...gaps.data.gaps]
                  .sort((a, b) => a.gap - b.gap)
                  .map((g) => ({ label: words(g.skill), gap: g.gap, significant: g.significant }))}
              />
            )
          ) : (
            <Loading what="skills gaps" />
          )}
        </Section>
      </div>
      {readsPipeline && (
        // The audit trail is the trust-wide view's (CEO and executives); HR's decisions show there with HR as the actor.
        <Section title="History of a designation">
          <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Choose a designation to trace">
            <SelectField
              label="Designation to trace"
              name="traced"
              value={traced}
              onChange={(e) => setTraced(e.target.value)}
              problems={[]}
              options={[
                { value: '', label: 'Choose a designation' },
                ...[...designations]
                  .sort((a, b) => personName(staff.get(a.staffId)).localeCompare(personName(staff.get(b.staffId))))
                  .map((d) => ({ value: d.id, label: `${personName(staff.get(d.staffId))}: ${d.type.toUpperCase()} (${d.status})` })),
              ]}
            />
          </form>
          {traced ? (
            <AuditTrail subject={traced} caption="Who decided what on this designation, newest first" />
          ) : (
            <p className="muted">Choose a designation to see who applied, decided and changed it, and when.</p>
          )}
        </Section>
      )}
      {readsPipeline && (
        <Section title="Pipeline of future heads and executive heads">
          {pipeline.error && <ErrorNote error={pipeline.error} />}
          {pipeline.data ? (
            <DataTable
              caption="Pipeline"
              rows={pipeline.data.people}
              rowKey={(p) => p.staffId}
              columns={[
                { key: 'name', header: 'Name', render: (p) => p.name ?? '–', sort: (p) => p.name },
                { key: 'track', header: 'Track', render: (p) => words(p.track), sort: (p) => p.track },
                { key: 'roles', header: 'Current roles', render: (p) => p.currentRoles.map((r) => words(r.role)).join(', ') },
                { key: 'aspiring', header: 'Aspiring to', render: (p) => p.aspiringTo.map(words).join(', ') || '–' },
                {
                  key: 'cpd',
                  header: 'CPD',
                  render: (p) => p.cpdTaken.map((c) => `${c.code ?? 'programme'} (${c.status})`).join(', ') || '–',
                },
                { key: 'quals', header: 'Qualifications', render: (p) => p.qualifications.map((q) => q.qualification).join(', ') || '–' },
              ]}
            />
          ) : (
            <Loading what="the pipeline" />
          )}
        </Section>
      )}
    </>
  );
}
