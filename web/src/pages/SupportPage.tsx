import { useMemo, useState } from 'react';
import { api, trustPath } from '../api/client';
import { getSession, hasRole } from '../api/session';
import type { RegisterSchool, Staff } from '../api/types';
import { DataTable } from '../components/DataTable';
import { StatCards } from '../components/StatCards';
import { Badge, ErrorNote, Loading, Section } from '../components/Status';
import { date, words } from '../format';
import { useLoad } from '../hooks';
import { BudgetMeter, pounds } from './cpd/money';
import { personName } from './leadership/designations';
import { linkedStaffId } from './support/AgreementActions';
import { AgreementDetail } from './support/AgreementDetail';
import { DraftAgreementForm } from './support/DraftAgreementForm';
import { SchoolSupport } from './support/SchoolSupport';
import { SubmitReportForm } from './support/SubmitReportForm';
import {
  AGREEMENT_STATUSES,
  reportName,
  type FundingSource,
  type ImpactReport,
  type Names,
  type SupportAgreement,
} from './support/support';

/**
 * Support (issue #14): school-to-school support agreements through their lifecycle, the QA lead's approval and
 * sign-off, deployments, impact reports due and overdue (with the form to submit one) and funding against each pot.
 * The CEO and executives run support; the QA lead reads it and approves what names them; a head sees their schools'.
 */
export function SupportPage() {
  const session = getSession();
  if (!hasRole(session, 'ceo', 'executive', 'qa-lead')) return <SchoolSupport schoolIds={session?.user.schoolIds ?? []} />;
  return <TrustSupport runs={hasRole(session, 'ceo', 'executive')} />;
}

const short = (id: string) => `staff ${id.slice(0, 8)}`;

function TrustSupport({ runs }: { runs: boolean }) {
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const data = useLoad(
    () =>
      Promise.all([
        api.get<{ items: SupportAgreement[] }>(`${trustPath()}/agreements?limit=500`),
        api.get<{ items: ImpactReport[] }>(`${trustPath()}/impact-reports?status=due&limit=500`),
        api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?limit=1000`),
        // Only those who run support read staff and funding (the route table says so).
        runs ? api.get<{ items: Staff[] }>(`${trustPath()}/staff?limit=500`) : Promise.resolve({ items: [] as Staff[] }),
        runs ? api.get<{ sources: FundingSource[] }>(`${trustPath()}/funding`) : Promise.resolve(null),
        // QA leads to name on a draft: active LLEs (the service checks their independence when they approve).
        runs
          ? api.get<{ items: { staffId: string; type: string }[] }>(`${trustPath()}/designations?status=active&type=lle&limit=500`)
          : Promise.resolve({ items: [] }),
        runs ? api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?membership=member&limit=1000`) : Promise.resolve({ items: [] }),
        // A QA lead reads no staff records: the gateway names the system leaders and the people agreements name.
        runs
          ? Promise.resolve({ people: [] as { staffId: string; name: string | null }[] })
          : api.get<{ people: { staffId: string; name: string | null }[] }>(`${trustPath()}/leadership/names`),
      ]),
    [tick],
  );
  const me = linkedStaffId();
  const names: Names = useMemo(() => {
    const schools = new Map((data.data?.[2].items ?? []).map((s) => [s.id, s.name]));
    const staff = new Map([
      ...(data.data?.[3].items ?? []).map((p) => [p.id, personName(p)] as const),
      ...(data.data?.[7].people ?? []).flatMap((p) => (p.name ? [[p.staffId, p.name] as const] : [])),
    ]);
    return {
      school: (id) => schools.get(id) ?? 'a school',
      person: (id) => (id ? (staff.get(id) ?? (id === me ? 'you' : short(id))) : 'none named'),
    };
  }, [data.data]);
  if (data.error && !data.data) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading what="support agreements" />;
  const [{ items: agreements }, { items: due }, , , funding, { items: lles }, { items: members }] = data.data;
  const reload = () => setTick((t) => t + 1);
  const shown = status ? agreements.filter((a) => a.status === status) : agreements;
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const parties = (a: SupportAgreement | undefined) =>
    a ? `${a.supportingSchoolIds.map(names.school).join(', ')} → ${a.supportedSchoolIds.map(names.school).join(', ')}` : 'an agreement';
  const reporting = due.filter((r) => ['agreed', 'active'].includes(byId.get(r.agreementId)?.status ?? ''));

  return (
    <>
      <Section title="Support agreements">
        <StatCards
          label="Agreements by status: choose one to show only those"
          cards={[
            ...AGREEMENT_STATUSES.map((s) => ({
              key: s,
              value: agreements.filter((a) => a.status === s).length,
              label: s,
              pressed: status === s,
              onToggle: () => setStatus(status === s ? '' : s),
            })),
            { key: 'overdue', value: reporting.filter((r) => r.overdue).length, label: 'reports overdue' },
          ]}
        />
        <DataTable
          caption="Support agreements: who supports whom"
          rows={shown}
          rowKey={(a) => a.id}
          initialSort={{ key: 'starts', dir: 'asc' }}
          columns={[
            { key: 'parties', header: 'Supporting → supported', render: parties, sort: parties },
            {
              key: 'status',
              header: 'Status',
              render: (a) => <Badge tone={statusTone(a.status)}>{a.status}</Badge>,
              sort: (a) => a.status,
            },
            {
              key: 'starts',
              header: 'Dates',
              render: (a) => `${date(a.schedule.startsOn)} – ${date(a.schedule.endsOn)}`,
              sort: (a) => a.schedule.startsOn,
            },
            {
              key: 'leaders',
              header: 'Leaders deployed',
              render: (a) => a.deployments.map((d) => `${names.person(d.leaderId)} (${d.days} days)`).join(', ') || 'none yet',
            },
            { key: 'qa', header: 'QA lead', render: (a) => names.person(a.qaLeadId) },
            {
              key: 'funding',
              header: 'Funding',
              render: (a) => `${pounds(a.funding.spentPence)} of ${pounds(a.funding.amountPence)} (${words(a.funding.source)})`,
              sort: (a) => a.funding.amountPence,
            },
            {
              key: 'flags',
              header: 'Open flags',
              numeric: true,
              render: (a) => (a.openFlags ? <Badge tone="red">{a.openFlags}</Badge> : 0),
              sort: (a) => a.openFlags ?? 0,
            },
            {
              key: 'open',
              header: 'Details',
              render: (a) => (
                <button type="button" className="link" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
                  {open === a.id ? 'Hide' : 'Open'} {a.status} agreement {parties(a)}
                </button>
              ),
            },
          ]}
        />
      </Section>
      {open && <AgreementDetail key={open} agreementId={open} names={names} runs={runs} onChanged={reload} />}
      {runs && (
        <Section title="Draft a support agreement">
          <DraftAgreementForm
            schools={members}
            qaLeads={[...new Set(lles.filter((d) => d.type === 'lle').map((d) => d.staffId))].map((id) => ({
              value: id,
              label: names.person(id),
            }))}
            onDrafted={(a) => {
              reload();
              setStatus('');
              setOpen(a.id);
            }}
          />
        </Section>
      )}
      <div className="grid">
        <Section title="Impact reports due and overdue">
          <DataTable
            caption="Impact reports still to submit, by due date"
            rows={reporting}
            rowKey={(r) => r.id}
            empty="No report is due."
            initialSort={{ key: 'due', dir: 'asc' }}
            columns={[
              { key: 'agreement', header: 'Agreement', render: (r) => parties(byId.get(r.agreementId)) },
              { key: 'report', header: 'Report', render: reportName },
              { key: 'due', header: 'Due', render: (r) => date(r.dueOn), sort: (r) => r.dueOn },
              {
                key: 'state',
                header: 'State',
                render: (r) => (r.overdue ? <Badge tone="red">overdue</Badge> : <Badge tone="info">due</Badge>),
                sort: (r) => (r.overdue ? 0 : 1),
              },
            ]}
          />
        </Section>
        {runs && (
          <Section title="Submit an impact report">
            <SubmitReportForm
              reports={reporting.filter((r) => byId.get(r.agreementId)?.status === 'active')}
              agreements={byId}
              parties={parties}
              onSubmitted={reload}
            />
          </Section>
        )}
      </div>
      {funding && (
        <Section title="Funding against budget">
          <DataTable
            caption="Funding by source: amount agreed, spent and left"
            rows={funding.sources}
            rowKey={(s) => s.source}
            empty="No agreement past draft has funding yet."
            columns={[
              { key: 'source', header: 'Source', render: (s) => words(s.source), sort: (s) => s.source },
              { key: 'agreements', header: 'Agreements', numeric: true, render: (s) => s.agreements },
              { key: 'amount', header: 'Amount', numeric: true, render: (s) => pounds(s.amountPence), sort: (s) => s.amountPence },
              {
                key: 'spent',
                header: 'Spent',
                render: (s) => <BudgetMeter what={words(s.source)} used={s.spentPence} budget={s.amountPence} verb="spent" />,
                sort: (s) => s.spentPence,
              },
              { key: 'left', header: 'Left', numeric: true, render: (s) => pounds(s.remainingPence), sort: (s) => s.remainingPence },
            ]}
          />
        </Section>
      )}
    </>
  );
}

export const statusTone = (s: string) =>
  ({ draft: 'info', agreed: 'amber', active: 'green', completed: 'green', ended: 'unassessed' })[s] ?? 'info';
