import type { ChangeEvent } from 'react';
import { api, trustPath } from '../../api/client';
import { FormStatus, SelectField, TextField, useForm } from '../../components/Form';
import { date, MEASURE_NAMES, words } from '../../format';
import { useLoad } from '../../hooks';
import { CPD_FUNDING_SOURCES, SKILLS, type Cohort, type Commission, type Enrolment, type Evaluation, type Programme } from './cpd';
import { pounds } from './money';

/**
 * The CPD lead's forms: add a programme, open a cohort on it, commission it for schools, record an evaluation, and
 * complete or withdraw an enrolment. Inputs are named as the CPD service names its fields (or list the rule names it
 * refuses with), so each refusal is shown beside its input; nothing typed is cleared by a refusal.
 */

type Option = { value: string; label: string };

/** The problems a form shows beside an input: those of its own name and of the service's names for it. */
function binder<V extends Record<string, string>>(form: ReturnType<typeof useForm<V>>, also: Partial<Record<keyof V, string[]>>) {
  const known = Object.keys(form.values).flatMap((k) => [k, ...(also[k as keyof V] ?? [])]);
  const bind = (k: keyof V & string) => ({ ...form.field(k), problems: [k, ...(also[k] ?? [])].flatMap(form.problemsOf) });
  return { known, bind };
}

const programmeOptions = (programmes: Programme[]): Option[] => [
  { value: '', label: 'Choose a programme' },
  ...programmes.map((p) => ({ value: p.id, label: `${p.code}: ${p.name}` })),
];

const pence = (typed: string) => (typed.trim() === '' ? undefined : Math.round(Number(typed) * 100));
const whole = (typed: string) => (typed.trim() === '' ? undefined : Number(typed));

/** A list box of several choices, kept as comma-separated values in the form. */
function MultiSelect({
  label,
  name,
  value,
  options,
  problems,
  hint,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: Option[];
  problems: string[];
  hint?: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const chosen = value ? value.split(',') : [];
  return (
    <SelectField
      label={label}
      name={name}
      hint={hint ?? 'Choose one or more (Ctrl or Shift with the arrow keys and Space)'}
      problems={problems}
      options={options}
      multiple
      size={Math.min(6, options.length)}
      value={chosen}
      onChange={(e: ChangeEvent<HTMLSelectElement>) =>
        onChange({ target: { value: [...e.target.selectedOptions].map((o) => o.value).join(',') } })
      }
    />
  );
}

function Checkbox({ label, name, checked, onChange }: { label: string; name: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field checkbox">
      <label>
        <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}

const NEW_PROGRAMME = {
  code: '',
  kind: 'trust',
  name: '',
  provider: '',
  fundingSource: 'trust-cpd-budget',
  costPerPlace: '',
  skills: '',
  lengthMonths: '',
  contactDays: '',
  assessed: 'false',
  awardsQualification: 'false',
};

export function AddProgrammeForm({ onAdded }: { onAdded: (p: Programme) => void }) {
  const form = useForm<typeof NEW_PROGRAMME>({ ...NEW_PROGRAMME });
  const { known, bind } = binder(form, { costPerPlace: ['costPerPlacePence', 'costPerPlace'], code: ['programmeCode'] });
  return (
    <form
      noValidate
      aria-label="Add a programme"
      onSubmit={form.submit(async (v) => {
        const p = await api.post<Programme>(`${trustPath()}/programmes`, {
          code: v.code,
          kind: v.kind,
          name: v.name,
          provider: v.provider,
          fundingSource: v.fundingSource,
          costPerPlacePence: pence(v.costPerPlace),
          skills: v.skills ? v.skills.split(',') : [],
          lengthMonths: whole(v.lengthMonths),
          ...(v.contactDays.trim() ? { contactDays: whole(v.contactDays) } : {}),
          assessed: v.assessed === 'true',
          awardsQualification: v.awardsQualification === 'true',
        });
        onAdded(p);
        // Done: ready for the next one (only a refusal keeps what was typed).
        form.setValues({ ...NEW_PROGRAMME });
        return `${p.code} (${p.name}) is in the catalogue.`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <TextField label="Code" hint="Capital letters, digits or hyphens, e.g. TRUST-MATHS" {...bind('code')} />
      <SelectField
        label="Kind"
        options={[
          { value: 'trust', label: 'Trust programme' },
          { value: 'npq', label: 'National professional qualification' },
        ]}
        {...bind('kind')}
      />
      <TextField label="Name" {...bind('name')} />
      <TextField label="Provider" {...bind('provider')} />
      <SelectField
        label="Funding source"
        options={CPD_FUNDING_SOURCES.map((s) => ({ value: s, label: words(s) }))}
        {...bind('fundingSource')}
      />
      <TextField label="Cost per place (£)" inputMode="decimal" {...bind('costPerPlace')} />
      <MultiSelect label="Skills it develops" options={SKILLS.map((s) => ({ value: s, label: words(s) }))} {...bind('skills')} />
      <TextField label="Length (months)" inputMode="numeric" {...bind('lengthMonths')} />
      <TextField label="Contact days" inputMode="numeric" hint="Optional" {...bind('contactDays')} />
      <Checkbox
        label="Assessed"
        name="assessed"
        checked={form.values.assessed === 'true'}
        onChange={(c) => form.set('assessed', String(c))}
      />
      <Checkbox
        label="Awards a qualification"
        name="awardsQualification"
        checked={form.values.awardsQualification === 'true'}
        onChange={(c) => form.set('awardsQualification', String(c))}
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Adding…' : 'Add the programme'}
      </button>
    </form>
  );
}

const NEW_COHORT = {
  programmeId: '',
  places: '',
  venue: '',
  'sessions.0.date': '',
  'sessions.0.title': '',
  'sessions.1.date': '',
  'sessions.1.title': '',
  facilitatorIds: '',
};

export function OpenCohortForm({
  programmes,
  schools,
  staff,
  onOpened,
}: {
  programmes: Programme[];
  schools: Option[];
  staff: Option[];
  onOpened: (c: Cohort) => void;
}) {
  const form = useForm<typeof NEW_COHORT>({ ...NEW_COHORT });
  const { known, bind } = binder(form, { programmeId: ['programmeCode', 'programme'], venue: ['venue.schoolId', 'venue.name'] });
  const published = programmes.filter((p) => p.status === 'published');
  return (
    <form
      noValidate
      aria-label="Open a cohort"
      onSubmit={form.submit(async (v) => {
        const sessions = [0, 1]
          .map((i) => ({ date: v[`sessions.${i}.date` as 'sessions.0.date'], title: v[`sessions.${i}.title` as 'sessions.0.title'] }))
          // A second session is optional: left blank, it is not sent.
          .filter((s, i) => i === 0 || s.date || s.title);
        const c = await api.post<Cohort>(`${trustPath()}/cohorts`, {
          programmeId: v.programmeId || undefined,
          places: whole(v.places),
          venue: { schoolId: v.venue || undefined },
          sessions,
          facilitatorIds: v.facilitatorIds ? v.facilitatorIds.split(',') : [],
        });
        onOpened(c);
        form.setValues({ ...NEW_COHORT });
        const p = programmes.find((x) => x.id === c.programmeId);
        return `A cohort of ${p?.code ?? 'the programme'} from ${date(c.firstSession)} is open with ${c.places} places.`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <SelectField label="Programme" options={programmeOptions(published)} {...bind('programmeId')} />
      <TextField label="Places" inputMode="numeric" {...bind('places')} />
      <SelectField label="Venue" options={[{ value: '', label: 'Choose a school' }, ...schools]} {...bind('venue')} />
      <TextField label="First session on" type="date" {...bind('sessions.0.date')} />
      <TextField label="First session title" {...bind('sessions.0.title')} />
      <TextField label="Second session on" type="date" hint="Optional" {...bind('sessions.1.date')} />
      <TextField label="Second session title" hint="Optional" {...bind('sessions.1.title')} />
      <MultiSelect label="Facilitators" options={staff} {...bind('facilitatorIds')} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Opening…' : 'Open the cohort'}
      </button>
    </form>
  );
}

const NEW_COMMISSION = { programmeId: '', schoolIds: '', budget: '' };

export function CommissionForm({
  programmes,
  schools,
  onCommissioned,
}: {
  programmes: Programme[];
  schools: Option[];
  onCommissioned: (c: Commission) => void;
}) {
  const form = useForm<typeof NEW_COMMISSION>({ ...NEW_COMMISSION });
  const { known, bind } = binder(form, { programmeId: ['programmeCode', 'programme'], budget: ['budgetPence'] });
  const published = programmes.filter((p) => p.status === 'published');
  const chosen = programmes.find((p) => p.id === form.values.programmeId);
  return (
    <form
      noValidate
      aria-label="Commission a programme"
      onSubmit={form.submit(async (v) => {
        const c = await api.post<Commission>(`${trustPath()}/commissions`, {
          programmeId: v.programmeId || undefined,
          schoolIds: v.schoolIds ? v.schoolIds.split(',') : [],
          budgetPence: pence(v.budget),
        });
        onCommissioned(c);
        form.setValues({ ...NEW_COMMISSION });
        // The service's own account of the commission (its budget, places and what is left).
        return `${c.programmeCode} commissioned: ${c.summary}`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <SelectField label="Programme" options={programmeOptions(published)} {...bind('programmeId')} />
      <MultiSelect label="For schools" options={schools} {...bind('schoolIds')} />
      <TextField
        label="Budget (£)"
        inputMode="decimal"
        hint={chosen ? `A place costs ${pounds(chosen.costPerPlace)}` : undefined}
        {...bind('budget')}
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Commissioning…' : 'Commission'}
      </button>
    </form>
  );
}

const NEW_EVALUATION = { programmeId: '', cohortId: '', measure: 'attainmentExpectedStandard', before: '', after: '' };

export function EvaluationForm({
  programmes,
  cohorts,
  cohortName,
  onRecorded,
}: {
  programmes: Programme[];
  cohorts: Cohort[];
  cohortName: (c: Cohort) => string;
  onRecorded: (e: Evaluation) => void;
}) {
  const form = useForm<typeof NEW_EVALUATION>({ ...NEW_EVALUATION });
  const { known, bind } = binder(form, {
    programmeId: ['programme', 'schools'],
    cohortId: ['cohort'],
    before: ['period'],
  });
  const ofProgramme = cohorts.filter((c) => c.programmeId === form.values.programmeId);
  return (
    <form
      noValidate
      aria-label="Record an evaluation"
      onSubmit={form.submit(async (v) => {
        const e = await api.post<Evaluation>(`${trustPath()}/evaluations`, {
          programmeId: v.programmeId || undefined,
          ...(v.cohortId ? { cohortId: v.cohortId } : {}),
          measure: v.measure,
          ...(v.before.trim() ? { before: v.before.trim() } : {}),
          ...(v.after.trim() ? { after: v.after.trim() } : {}),
        });
        onRecorded(e);
        form.setValues({ ...NEW_EVALUATION });
        return `Evaluation of ${e.programmeCode} recorded: ${e.result.summary}`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <SelectField label="Programme" options={programmeOptions(programmes)} {...bind('programmeId')} />
      <SelectField
        label="Cohort"
        hint="Optional: its dates give the periods"
        options={[{ value: '', label: 'All cohorts' }, ...ofProgramme.map((c) => ({ value: c.id, label: cohortName(c) }))]}
        {...bind('cohortId')}
      />
      <SelectField
        label="Measure"
        options={Object.entries(MEASURE_NAMES).map(([value, label]) => ({ value, label }))}
        {...bind('measure')}
      />
      <TextField label="Before (period)" hint="e.g. 2023/24" {...bind('before')} />
      <TextField label="After (period)" hint="e.g. 2024/25" {...bind('after')} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Recording…' : 'Record the evaluation'}
      </button>
    </form>
  );
}

/** Completes or withdraws one enrolment of a cohort; a withdrawal's freed place goes to the first waiting, as the service says. */
export function EnrolmentStepForm({
  cohorts,
  cohortName,
  names,
  onChanged,
}: {
  cohorts: Cohort[];
  cohortName: (c: Cohort) => string;
  names: Map<string, string>;
  onChanged: () => void;
}) {
  const form = useForm({ cohortId: cohorts[0]?.id ?? '', enrolmentId: '', action: 'complete' });
  const cohortId = cohorts.some((c) => c.id === form.values.cohortId) ? form.values.cohortId : (cohorts[0]?.id ?? '');
  const enrolments = useLoad(
    () => (cohortId ? api.all<Enrolment>(`${trustPath()}/enrolments?cohortId=${cohortId}`) : Promise.resolve([])),
    [cohortId, form.done],
  );
  const live = (enrolments.data ?? []).filter((e) => e.status === 'enrolled' || e.status === 'waitlisted');
  const { known, bind } = binder(form, { enrolmentId: ['status', 'dates'] });
  const who = (e: Enrolment) => names.get(e.staffId) ?? 'a member of staff';
  return (
    <form
      noValidate
      aria-label="Complete or withdraw an enrolment"
      onSubmit={form.submit(async (v) => {
        const e = live.find((x) => x.id === v.enrolmentId) ?? live[0];
        if (!e) throw new Error('Choose an enrolment.');
        if (v.action === 'complete') {
          await api.post<Enrolment>(`${trustPath()}/enrolments/${e.id}/complete`);
          onChanged();
          return `${who(e)} completed the cohort.`;
        }
        const answer = await api.post<{ enrolment: Enrolment; promoted: Enrolment | null }>(`${trustPath()}/enrolments/${e.id}/withdraw`);
        onChanged();
        return answer.promoted
          ? `${who(e)} withdrew; the place went to ${who(answer.promoted)}, first on the waitlist.`
          : `${who(e)} withdrew; nobody was waiting for the place.`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <SelectField
        label="Cohort"
        options={cohorts.map((c) => ({ value: c.id, label: cohortName(c) }))}
        {...bind('cohortId')}
        value={cohortId}
      />
      <SelectField
        label="Enrolment"
        options={live.map((e) => ({
          value: e.id,
          label: `${who(e)}: ${e.status === 'waitlisted' ? `waiting at ${e.position ?? '?'}` : 'enrolled'}`,
        }))}
        {...bind('enrolmentId')}
        value={live.some((e) => e.id === form.values.enrolmentId) ? form.values.enrolmentId : (live[0]?.id ?? '')}
      />
      <SelectField
        label="Step"
        options={[
          { value: 'complete', label: 'Completed the cohort' },
          { value: 'withdraw', label: 'Withdraw' },
        ]}
        {...bind('action')}
      />
      <button type="submit" disabled={form.busy || live.length === 0}>
        {form.busy ? 'Saving…' : 'Save the step'}
      </button>
    </form>
  );
}
