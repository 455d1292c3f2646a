import { api, trustPath } from '../../api/client';
import type { Staff } from '../../api/types';
import { FormStatus, SelectField, useForm } from '../../components/Form';
import { personName } from '../leadership/designations';
import type { Cohort, Commission, Enrolment } from './cpd';
import { pounds } from './money';

/** Enrols a member of staff into a cohort: a place if one is left, else the cohort's waitlist (the answer says where). */
export function EnrolForm({
  cohorts,
  cohortName,
  staff,
  commissions,
  onEnrolled,
}: {
  cohorts: Cohort[];
  cohortName: (c: Cohort) => string;
  staff: Staff[];
  commissions: Commission[];
  onEnrolled: (e: Enrolment) => void;
}) {
  const form = useForm({ cohortId: cohorts[0]?.id ?? '', staffId: staff[0]?.id ?? '', commissionId: '' });
  // A refusal by a rule names the rule: each is shown beside the input it is about.
  const about = { cohortId: ['cohort', 'programme'], staffId: ['person', 'duplicate'], commissionId: ['school', 'budget'] };
  const fields = Object.entries(about).flatMap(([k, rules]) => [k, ...rules]);
  const problems = (k: keyof typeof about) => [k, ...about[k]].flatMap(form.problemsOf);
  const cohort = cohorts.find((c) => c.id === form.values.cohortId);
  // Only a commission of the cohort's programme can pay for its place.
  const payers = commissions.filter((c) => c.programmeId === cohort?.programmeId);
  const name = (id: string) => personName(staff.find((p) => p.id === id));
  return (
    <form
      noValidate
      aria-label="Enrol a member of staff"
      onSubmit={form.submit(async (v) => {
        const e = await api.post<Enrolment>(`${trustPath()}/enrolments`, {
          cohortId: v.cohortId,
          staffId: v.staffId,
          ...(v.commissionId ? { commissionId: v.commissionId } : {}),
        });
        onEnrolled(e);
        const where = cohort ? cohortName(cohort) : 'the cohort';
        return e.status === 'waitlisted'
          ? `${name(e.staffId)} is on the waitlist of ${where} at position ${e.position ?? '?'}: the cohort is full.`
          : `${name(e.staffId)} has a place on ${where}${e.chargedPence ? ` (${pounds(e.chargedPence)} charged to the commission)` : ''}.`;
      }, fields)}
    >
      <FormStatus problems={form.general(fields)} done={form.done} />
      <SelectField
        label="Cohort"
        {...form.field('cohortId')}
        problems={problems('cohortId')}
        options={cohorts.map((c) => ({
          value: c.id,
          label: `${cohortName(c)}: ${c.placesLeft > 0 ? `${c.placesLeft} of ${c.places} places left` : `full, ${c.waitlisted} waiting`}`,
        }))}
      />
      <SelectField
        label="Member of staff"
        {...form.field('staffId')}
        problems={problems('staffId')}
        options={staff.map((p) => ({ value: p.id, label: personName(p) }))}
      />
      <SelectField
        label="Paid by"
        {...form.field('commissionId')}
        problems={problems('commissionId')}
        hint="A commission of the cohort's programme, or none"
        options={[
          { value: '', label: 'No commission' },
          ...payers.map((c) => ({ value: c.id, label: `${c.programmeCode} commission: ${pounds(c.remainingPence)} left` })),
        ]}
      />
      <button type="submit" disabled={form.busy || !cohort}>
        {form.busy ? 'Enrolling…' : 'Enrol'}
      </button>
    </form>
  );
}
