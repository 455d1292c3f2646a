import { api, trustPath } from '../../api/client';
import { getSession, hasRole } from '../../api/session';
import { DataTable } from '../../components/DataTable';
import { ErrorNote, Loading, Section } from '../../components/Status';
import { date, words } from '../../format';
import { useLoad } from '../../hooks';
import { pounds } from '../cpd/money';
import { AgreementActions } from './AgreementActions';
import { reportName, type Names, type SupportAgreement } from './support';

/** One agreement whole: parties, impact criteria, reports, deployments, spending, flags and its history; and what the caller may do next. */
export function AgreementDetail({
  agreementId,
  names,
  runs,
  onChanged,
}: {
  agreementId: string;
  names: Names;
  runs: boolean;
  onChanged: () => void;
}) {
  const loaded = useLoad(() => api.get<SupportAgreement>(`${trustPath()}/agreements/${agreementId}`), [agreementId]);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <Loading what="the agreement" />;
  const a = loaded.data;
  const title = `${a.supportingSchoolIds.map(names.school).join(', ')} supporting ${a.supportedSchoolIds.map(names.school).join(', ')}`;
  const criterion = new Map(a.impact.map((c) => [c.id, c.measure]));
  return (
    <Section title={`Agreement: ${title} (${a.status})`}>
      <dl className="facts">
        <dt>Dates</dt>
        <dd>
          {date(a.schedule.startsOn)} – {date(a.schedule.endsOn)}; final report due {date(a.schedule.finalReportDue)}
        </dd>
        <dt>QA lead</dt>
        <dd>{names.person(a.qaLeadId)}</dd>
        <dt>Funding</dt>
        <dd>
          {pounds(a.funding.amountPence)} from {words(a.funding.source)}: {pounds(a.funding.spentPence)} spent,{' '}
          {pounds(a.funding.remainingPence)} left
        </dd>
        {a.endedReason && (
          <>
            <dt>Ended because</dt>
            <dd>{a.endedReason}</dd>
          </>
        )}
      </dl>
      <div className="grid">
        <DataTable
          caption="Intended impact"
          rows={a.impact}
          rowKey={(c) => c.id}
          columns={[
            { key: 'measure', header: 'Measure', render: (c) => c.measure },
            { key: 'baseline', header: 'Baseline', numeric: true, render: (c) => c.baseline },
            { key: 'target', header: 'Target', numeric: true, render: (c) => c.target },
            { key: 'by', header: 'By', render: (c) => date(c.byWhen) },
          ]}
        />
        <DataTable
          caption="Leaders deployed"
          rows={a.deployments}
          rowKey={(d) => d.id}
          empty="No leader deployed yet."
          columns={[
            { key: 'who', header: 'Leader', render: (d) => names.person(d.leaderId) },
            { key: 'days', header: 'Days', numeric: true, render: (d) => d.days },
            {
              key: 'years',
              header: 'By year',
              render: (d) =>
                Object.entries(d.daysByYear)
                  .map(([y, n]) => `${y}: ${n}`)
                  .join(', '),
            },
          ]}
        />
      </div>
      <DataTable
        caption="Impact reports"
        rows={a.reports ?? []}
        rowKey={(r) => r.id}
        columns={[
          { key: 'report', header: 'Report', render: reportName },
          { key: 'due', header: 'Due', render: (r) => date(r.dueOn) },
          { key: 'status', header: 'Status', render: (r) => (r.overdue ? 'overdue' : words(r.status)) },
          {
            key: 'judged',
            header: 'Judged',
            render: (r) =>
              r.judgements.length === 0
                ? '–'
                : `${r.overall ? words(r.overall) : ''}: ${r.judgements.map((j) => `${criterion.get(j.criterionId) ?? 'criterion'} ${j.measured} (${words(j.judgement)})`).join('; ')}`,
          },
          { key: 'signed', header: 'Signed off', render: (r) => (r.signedOffOn ? date(r.signedOffOn) : '–') },
        ]}
      />
      {(a.flags?.length ?? 0) > 0 && (
        <DataTable
          caption="Flags"
          rows={a.flags ?? []}
          rowKey={(f) => f.id}
          columns={[
            { key: 'who', header: 'Leader', render: (f) => names.person(f.staffId) },
            { key: 'cause', header: 'Cause', render: (f) => words(f.cause) },
            { key: 'reason', header: 'Reason', render: (f) => f.reason },
            { key: 'raised', header: 'Raised', render: (f) => date(f.raisedAt) },
            { key: 'resolved', header: 'Resolved', render: (f) => (f.resolvedAt ? date(f.resolvedAt) : 'open') },
          ]}
        />
      )}
      <div className="grid">
        <DataTable
          caption="Spending"
          rows={a.spends ?? []}
          rowKey={(s) => s.id}
          empty="Nothing spent yet."
          columns={[
            { key: 'on', header: 'On', render: (s) => date(s.spentOn) },
            { key: 'what', header: 'What for', render: (s) => s.description },
            { key: 'amount', header: 'Amount', numeric: true, render: (s) => pounds(s.amountPence) },
          ]}
        />
        <DataTable
          caption="History"
          rows={a.history ?? []}
          rowKey={(h) => `${h.at}-${h.action}`}
          columns={[
            { key: 'at', header: 'When', render: (h) => date(h.at) },
            { key: 'step', header: 'Step', render: (h) => `${h.action}: ${h.from ?? 'new'} → ${h.to}` },
            { key: 'reason', header: 'Reason', render: (h) => h.reason ?? '' },
          ]}
        />
      </div>
      <AgreementActions
        agreement={a}
        runs={runs}
        qaLead={hasRole(getSession(), 'qa-lead')}
        onChanged={() => {
          loaded.reload();
          onChanged();
        }}
      />
    </Section>
  );
}
