import { api, trustPath } from '../api/client';
import { hasRole, getSession } from '../api/session';
import type { Agreement, Inspection, Plan, SchoolPageData } from '../api/types';
import { AuditTrail } from '../components/AuditTrail';
import { LineChart } from '../components/charts/LineChart';
import { DataTable } from '../components/DataTable';
import { Badge, ErrorNote, Loading, RiskBadge, Section } from '../components/Status';
import { date, measureName, oeifGrade, words } from '../format';
import { useLoad } from '../hooks';
import { Link } from '../router';

/** One school: measures over time, inspections by framework, risk changes, plans with actions, support, staff, CPD. */
export function SchoolPage({ params }: { params: Record<string, string> }) {
  const school = useLoad(() => api.get<SchoolPageData>(`${trustPath()}/overview/schools/${params.schoolId}`), [params.schoolId]);
  if (school.error) return <ErrorNote error={school.error} />;
  if (!school.data) return <Loading what="the school" />;
  const s = school.data;
  const staffName = new Map(s.staff.map((p) => [p.staffId, p.name ?? 'unnamed']));
  return (
    <>
      <p className="lead">
        <strong>{s.name}</strong> · URN {s.urn} · {s.phase} · model {s.leadershipModel ?? '–'} · {s.localAuthority ?? ''} ·{' '}
        <RiskBadge level={s.risk.level} /> <Link to="/overview">Back to the overview</Link>
      </p>
      {s.risk.reasons.length > 0 && (
        <ul aria-label="Why this risk" className="inline-list">
          {s.risk.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <Section title="Measures over time">
        <div className="grid">
          {s.measures.map((m) => (
            <LineChart
              key={m.measure}
              title={measureName(m.measure)}
              points={m.history.map((h) => ({ label: h.period, value: h.value }))}
            />
          ))}
        </div>
        {s.measures.length === 0 && <p className="muted">No measures recorded.</p>}
      </Section>
      <div className="grid">
        <Section title="Inspections: Ofsted OEIF (graded, to 2024)">
          <InspectionTable caption="OEIF inspections" inspections={s.inspections.oeif} oeif />
        </Section>
        <Section title="Inspections: report cards (from November 2025)">
          <InspectionTable caption="Report card inspections" inspections={s.inspections.reportCard} oeif={false} />
        </Section>
      </div>
      <Section title="Risk changes">
        <DataTable
          caption="Risk changes, with reasons"
          rows={s.riskHistory}
          rowKey={(r) => `${r.at}-${r.to}`}
          empty="No change recorded."
          columns={[
            { key: 'at', header: 'When', render: (r) => date(r.at), sort: (r) => r.at },
            {
              key: 'change',
              header: 'Change',
              render: (r) => (
                <>
                  <RiskBadge level={r.from} /> → <RiskBadge level={r.to} />
                </>
              ),
            },
            { key: 'reasons', header: 'Reasons', render: (r) => r.reasons.join('; ') || '–' },
          ]}
        />
      </Section>
      <Section title="Improvement plan">
        {s.plans.length === 0 && <p className="muted">No plan recorded.</p>}
        {s.plans.map((p) => (
          <PlanDetail key={p.planId} planId={p.planId} summary={p} staffName={(id) => staffName.get(id)} />
        ))}
      </Section>
      <div className="grid">
        <Section title="Support received">
          <AgreementList agreements={s.support.receiving} />
        </Section>
        <Section title="Support given">
          <AgreementList agreements={s.support.giving} />
        </Section>
      </div>
      <Section title="Staff and designations">
        <DataTable
          caption="Staff employed here"
          rows={s.staff}
          rowKey={(p) => p.staffId}
          columns={[
            { key: 'name', header: 'Name', render: (p) => p.name ?? '–', sort: (p) => p.name },
            {
              key: 'roles',
              header: 'Current roles',
              render: (p) =>
                p.roles
                  .filter((r) => !r.endedOn)
                  .map((r) => words(r.role))
                  .join(', ') || '–',
            },
            {
              key: 'designations',
              header: 'Designations',
              render: (p) =>
                p.designations.length === 0
                  ? '–'
                  : p.designations.map((d) => (
                      <span key={d.designationId}>
                        {d.type.toUpperCase()} <Badge tone={d.status ?? 'info'}>{d.status ?? 'status not heard yet'}</Badge>{' '}
                        {d.termEndsOn ? `to ${date(d.termEndsOn)}` : ''}
                        {d.dueForRenewal ? ' (due for renewal)' : ''}{' '}
                      </span>
                    )),
            },
          ]}
        />
      </Section>
      <div className="grid">
        <Section title="CPD">
          <DataTable
            caption="CPD taken by staff here"
            rows={s.cpd}
            rowKey={(c) => c.programmeId ?? `unknown ${c.code ?? ''}`}
            empty="No CPD places."
            columns={[
              {
                key: 'p',
                header: 'Programme',
                render: (c) => `${c.code ?? ''} ${c.name ?? ''}`.trim() || c.programmeId,
                sort: (c) => c.code,
              },
              { key: 't', header: 'Places', numeric: true, render: (c) => c.placesTaken, sort: (c) => c.placesTaken },
              { key: 'c', header: 'Completed', numeric: true, render: (c) => c.completed },
              { key: 'w', header: 'Waitlisted', numeric: true, render: (c) => c.waitlisted },
              { key: 'q', header: 'Passed', numeric: true, render: (c) => c.passed },
            ]}
          />
        </Section>
        <Section title="Reviews">
          <DataTable
            caption="Reviews commissioned"
            rows={s.reviews}
            rowKey={(r) => r.reviewId}
            empty="No reviews."
            columns={[
              { key: 'k', header: 'Kind', render: (r) => words(r.kind) },
              { key: 'd', header: 'Due', render: (r) => date(r.dueOn), sort: (r) => r.dueOn },
              { key: 'c', header: 'Completed', render: (r) => date(r.completedOn) },
            ]}
          />
        </Section>
      </div>
      <Section title="History">
        <AuditTrail subject={s.schoolId} caption="Who changed what at this school, newest first" />
      </Section>
    </>
  );
}

function InspectionTable({ caption, inspections, oeif }: { caption: string; inspections: Inspection[]; oeif: boolean }) {
  return (
    <DataTable
      caption={caption}
      rows={inspections}
      rowKey={(i) => i.inspectionId ?? i.startDate}
      empty="None recorded under this framework."
      columns={[
        { key: 'date', header: 'Started', render: (i) => date(i.startDate), sort: (i) => i.startDate },
        ...(oeif ? [{ key: 'overall', header: 'Overall', render: (i: Inspection) => oeifGrade(i.overallEffectiveness) }] : []),
        { key: 'sg', header: 'Safeguarding', render: (i) => words(i.safeguarding ?? '–') },
        {
          key: 'j',
          header: 'Judgements',
          render: (i) =>
            (i.judgements ?? []).map((j) => `${words(j.area)}: ${oeif ? oeifGrade(Number(j.grade)) : words(j.grade)}`).join('; ') || '–',
        },
      ]}
    />
  );
}

function AgreementList({ agreements }: { agreements: Agreement[] }) {
  if (agreements.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="inline-list">
      {agreements.map((a) => (
        <li key={a.agreementId}>
          <Badge tone={a.status === 'active' ? 'green' : 'info'}>{a.status}</Badge> {date(a.startsOn)} to {date(a.endsOn)} ·{' '}
          {a.deployments.length} leader
          {a.deployments.length === 1 ? '' : 's'} deployed ({a.deployments.reduce((n, d) => n + (d.totalDays ?? 0), 0)} days)
          {a.flagged && <span className="field-error"> · flagged: {a.flags.map((f) => f.cause).join(', ')}</span>}
          {a.overdueReports > 0 && <span className="field-error"> · {a.overdueReports} report(s) overdue</span>}
        </li>
      ))}
    </ul>
  );
}

/** A plan's summary from the read model, with its priorities and actions from the improvement service when the role may read them. */
function PlanDetail({
  planId,
  summary,
  staffName,
}: {
  planId: string;
  summary: SchoolPageData['plans'][number];
  staffName: (id: string) => string | undefined;
}) {
  const canRead = hasRole(getSession(), 'ceo', 'executive', 'headteacher', 'head-of-school');
  const plan = useLoad(() => (canRead ? api.get<Plan>(`${trustPath()}/plans/${planId}`) : Promise.resolve(null)), [planId]);
  return (
    <div className="plan">
      <h3>
        {summary.academicYear}: {summary.completion}% done {summary.atRisk && <Badge tone="red">at risk</Badge>}
      </h3>
      <p className="muted">
        {summary.priorities} priorities · {summary.actions} actions · {summary.done} done · {summary.slipping} slipping · {summary.overdue}{' '}
        overdue
        {summary.atRiskReasons.length > 0 && ` · ${summary.atRiskReasons.join('; ')}`}
      </p>
      {plan.error && <ErrorNote error={plan.error} />}
      {plan.data?.priorities.map((p) => (
        <DataTable
          key={p.id}
          caption={`Priority: ${p.title}`}
          rows={p.actions}
          rowKey={(a) => a.id}
          empty="No actions yet."
          columns={[
            { key: 'title', header: 'Action', render: (a) => a.title },
            { key: 'owner', header: 'Owner', render: (a) => staffName(a.ownerId) ?? 'staff elsewhere' },
            { key: 'due', header: 'Due', render: (a) => date(a.dueOn), sort: (a) => a.dueOn },
            {
              key: 'status',
              header: 'Status',
              render: (a) => (
                <Badge tone={a.status === 'done' ? 'green' : a.status === 'on-track' ? 'info' : 'amber'}>{words(a.status)}</Badge>
              ),
              sort: (a) => a.status,
            },
            { key: 'evidence', header: 'Evidence', render: (a) => a.evidence.join('; ') || '–' },
          ]}
        />
      ))}
    </div>
  );
}
