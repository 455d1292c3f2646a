import { useMemo, useState } from 'react';
import { api, trustPath } from '../api/client';
import { getSession, hasRole } from '../api/session';
import type { RegisterSchool, Staff } from '../api/types';
import { DataTable } from '../components/DataTable';
import { StatCards } from '../components/StatCards';
import { Badge, ErrorNote, Loading, Section } from '../components/Status';
import { date, measureName, words } from '../format';
import { useLoad } from '../hooks';
import { personName } from './leadership/designations';
import type { Cohort, Commission, Evaluation, Programme } from './cpd/cpd';
import { BudgetMeter, pounds } from './cpd/money';
import { AddProgrammeForm, CommissionForm, EnrolmentStepForm, EvaluationForm, OpenCohortForm } from './cpd/CpdForms';
import { EnrolForm } from './cpd/EnrolForm';
import { RecommendationsPanel } from './cpd/RecommendationsPanel';
import { Waitlist } from './cpd/Waitlist';

/**
 * CPD (issue #14): the catalogue, cohorts with places taken and their waitlists, enrolment (a full cohort puts the
 * person on its waitlist and the page says where), commissions against budget, evaluations with measured impact, and
 * recommendations from a person's skills gaps. The CPD lead enrols; the CEO, executives and HR read.
 */
export function CpdPage() {
  const canEnrol = hasRole(getSession(), 'cpd-lead');
  const base = useLoad(
    () =>
      Promise.all([
        api.all<Programme>(`${trustPath()}/programmes`),
        api.all<Cohort>(`${trustPath()}/cohorts`),
        api.all<Commission>(`${trustPath()}/commissions`),
        api.all<Evaluation>(`${trustPath()}/evaluations`),
        api.get<{ items: Staff[] }>(`${trustPath()}/staff?status=employed&limit=500`),
        api.get<{ items: RegisterSchool[] }>(`${trustPath()}/schools?membership=member&limit=1000`),
      ]),
    [],
  );
  const [shownCohort, setShownCohort] = useState<string | null>(null);
  const [waitlistTick, setWaitlistTick] = useState(0);
  const lookups = useMemo(() => {
    const [programmes, , , , staff, schools] = base.data ?? [[], [], [], [], { items: [] }, { items: [] }];
    return {
      programme: new Map(programmes.map((p) => [p.id, p])),
      person: new Map(staff.items.map((p) => [p.id, personName(p)])),
      school: new Map(schools.items.map((s) => [s.id, s.name])),
    };
  }, [base.data]);

  if (base.error && !base.data) return <ErrorNote error={base.error} />;
  if (!base.data) return <Loading what="CPD" />;
  const [programmes, cohorts, commissions, evaluations, staff] = base.data;
  const cohortName = (c: Cohort) => `${lookups.programme.get(c.programmeId)?.code ?? 'Programme'} from ${date(c.firstSession)}`;
  const live = cohorts.filter((c) => c.status !== 'cancelled');
  const totals = [
    ['Programmes', programmes.filter((p) => p.status === 'published').length],
    ['Cohorts', live.length],
    ['Places taken', live.reduce((s, c) => s + c.enrolled, 0)],
    ['Waiting', live.reduce((s, c) => s + c.waitlisted, 0)],
    ['Commissions near budget', commissions.filter((c) => c.nearBudget || c.spent).length],
  ] as const;
  const shown = cohorts.find((c) => c.id === shownCohort);
  const schoolOptions = [...lookups.school].map(([value, label]) => ({ value, label }));
  const staffOptions = staff.items.map((p) => ({ value: p.id, label: personName(p) }));

  return (
    <>
      <StatCards label="CPD at a glance" cards={totals.map(([label, n]) => ({ key: label, value: n, label }))} />
      <Section title="Cohorts">
        <DataTable
          caption="Cohorts with places taken and waiting"
          rows={cohorts}
          rowKey={(c) => c.id}
          initialSort={{ key: 'starts', dir: 'asc' }}
          columns={[
            { key: 'programme', header: 'Programme', render: cohortName, sort: cohortName },
            {
              key: 'starts',
              header: 'Sessions',
              render: (c) => `${date(c.firstSession)} – ${date(c.lastSession)} (${c.sessions.length})`,
              sort: (c) => c.firstSession,
            },
            {
              key: 'venue',
              header: 'Venue',
              render: (c) => (c.venue.kind === 'school' ? (lookups.school.get(c.venue.schoolId) ?? 'a trust school') : c.venue.name),
            },
            {
              key: 'places',
              header: 'Places taken',
              numeric: true,
              render: (c) => `${c.enrolled} of ${c.places}`,
              sort: (c) => c.enrolled / c.places,
            },
            {
              key: 'left',
              header: 'Places left',
              numeric: true,
              render: (c) => (c.placesLeft === 0 && c.status !== 'cancelled' ? <Badge tone="red">full</Badge> : c.placesLeft),
              sort: (c) => c.placesLeft,
            },
            { key: 'waiting', header: 'Waiting', numeric: true, render: (c) => c.waitlisted, sort: (c) => c.waitlisted },
            { key: 'status', header: 'Status', render: (c) => c.status, sort: (c) => c.status },
            {
              key: 'waitlist',
              header: 'Waitlist',
              render: (c) =>
                c.waitlisted > 0 ? (
                  <button
                    type="button"
                    className="link"
                    aria-pressed={shownCohort === c.id}
                    onClick={() => setShownCohort(shownCohort === c.id ? null : c.id)}
                  >
                    Waitlist of {cohortName(c)}
                  </button>
                ) : (
                  <span className="muted">none</span>
                ),
            },
          ]}
        />
        {shown && <Waitlist key={`${shown.id}-${waitlistTick}`} cohort={shown} title={cohortName(shown)} names={lookups.person} />}
      </Section>
      {canEnrol && (
        <Section title="Enrol a member of staff">
          <EnrolForm
            cohorts={live}
            cohortName={cohortName}
            staff={staff.items}
            commissions={commissions}
            onEnrolled={(e) => {
              base.reload();
              setShownCohort(e.status === 'waitlisted' ? e.cohortId : shownCohort);
              setWaitlistTick((t) => t + 1);
            }}
          />
        </Section>
      )}
      {canEnrol && (
        <Section title="Complete or withdraw an enrolment">
          <EnrolmentStepForm
            cohorts={live}
            cohortName={cohortName}
            names={lookups.person}
            onChanged={() => {
              base.reload();
              setWaitlistTick((t) => t + 1);
            }}
          />
        </Section>
      )}
      {canEnrol && (
        <div className="grid">
          <Section title="Add a programme">
            <AddProgrammeForm onAdded={base.reload} />
          </Section>
          <Section title="Open a cohort">
            <OpenCohortForm programmes={programmes} schools={schoolOptions} staff={staffOptions} onOpened={base.reload} />
          </Section>
          <Section title="Commission a programme">
            <CommissionForm programmes={programmes} schools={schoolOptions} onCommissioned={base.reload} />
          </Section>
          <Section title="Record an evaluation">
            <EvaluationForm programmes={programmes} cohorts={cohorts} cohortName={cohortName} onRecorded={base.reload} />
          </Section>
        </div>
      )}
      <div className="grid">
        <Section title="Commissions against budget">
          <DataTable
            caption="Commissions: budget committed and left"
            rows={commissions}
            rowKey={(c) => c.id}
            columns={[
              { key: 'programme', header: 'Programme', render: (c) => c.programmeCode, sort: (c) => c.programmeCode },
              { key: 'schools', header: 'Schools', numeric: true, render: (c) => c.schoolIds.length },
              { key: 'budget', header: 'Budget', numeric: true, render: (c) => pounds(c.budgetPence), sort: (c) => c.budgetPence },
              {
                key: 'committed',
                header: 'Committed',
                render: (c) => <BudgetMeter what={c.programmeCode} used={c.committedPence} budget={c.budgetPence} verb="committed" />,
                sort: (c) => c.committedPence / c.budgetPence,
              },
              { key: 'left', header: 'Left', numeric: true, render: (c) => pounds(c.remainingPence), sort: (c) => c.remainingPence },
              {
                key: 'state',
                header: 'State',
                render: (c) =>
                  c.spent ? (
                    <Badge tone="red">spent</Badge>
                  ) : c.nearBudget ? (
                    <Badge tone="amber">near budget</Badge>
                  ) : (
                    <Badge tone="green">within budget</Badge>
                  ),
              },
            ]}
          />
        </Section>
        <Section title="Evaluations and measured impact">
          <DataTable
            caption="Evaluations: the measure before and after in the schools that took part, and feedback"
            rows={evaluations}
            rowKey={(e) => e.id}
            columns={[
              { key: 'programme', header: 'Programme', render: (e) => e.programmeCode, sort: (e) => e.programmeCode },
              {
                key: 'measure',
                header: 'Measure',
                render: (e) => `${measureName(e.result.measure)}, ${e.result.before} → ${e.result.after}`,
              },
              {
                key: 'change',
                header: 'Mean change',
                numeric: true,
                render: (e) => (e.result.meanChange === null ? '–' : `${e.result.meanChange > 0 ? '+' : ''}${e.result.meanChange}`),
                sort: (e) => e.result.meanChange,
              },
              {
                key: 'improved',
                header: 'Schools improved',
                numeric: true,
                render: (e) => (e.result.improvedIn === null ? '–' : `${e.result.improvedIn} of ${e.result.schools.length}`),
              },
              {
                key: 'feedback',
                header: 'Feedback',
                render: (e) =>
                  e.result.feedback.responses === 0
                    ? 'no responses'
                    : `${e.result.feedback.responses} responses, overall ${e.result.feedback.means.overall ?? '–'}/5, ${e.result.feedback.recommendPercent ?? '–'}% recommend`,
              },
              { key: 'summary', header: 'Summary', render: (e) => e.result.summary },
            ]}
          />
        </Section>
      </div>
      <Section title="Catalogue">
        <DataTable
          caption="Programmes"
          rows={programmes}
          rowKey={(p) => p.id}
          initialSort={{ key: 'code', dir: 'asc' }}
          columns={[
            { key: 'code', header: 'Code', render: (p) => p.code, sort: (p) => p.code },
            { key: 'name', header: 'Programme', render: (p) => p.name, sort: (p) => p.name },
            { key: 'kind', header: 'Kind', render: (p) => words(p.kind), sort: (p) => p.kind },
            { key: 'provider', header: 'Provider', render: (p) => p.provider, sort: (p) => p.provider },
            { key: 'funding', header: 'Funding', render: (p) => words(p.fundingSource) },
            { key: 'cost', header: 'Per place', numeric: true, render: (p) => pounds(p.costPerPlace), sort: (p) => p.costPerPlace },
            { key: 'skills', header: 'Skills it develops', render: (p) => p.skills.map(words).join(', ') },
            {
              key: 'pre',
              header: 'Prerequisites',
              render: (p) =>
                p.prerequisites.length === 0
                  ? 'none'
                  : p.prerequisites
                      .map((r) =>
                        r.kind === 'years-in-role'
                          ? `${r.years} years: ${r.experienceName ?? r.roles.map(words).join(' or ')}`
                          : `holds ${r.roles.map(words).join(' or ')}`,
                      )
                      .join('; '),
            },
            { key: 'status', header: 'Status', render: (p) => p.status, sort: (p) => p.status },
          ]}
        />
      </Section>
      <Section title="Recommendations from skills gaps">
        <RecommendationsPanel staff={staff.items} />
      </Section>
    </>
  );
}
