import { api, trustPath } from '../../api/client';
import { FormStatus, SelectField, TextArea, TextField, useForm } from '../../components/Form';
import { words } from '../../format';
import { FUNDING_SOURCES, PRIORITY_AREAS, type SupportAgreement } from './support';

/**
 * Drafts a school-to-school support agreement with what the improvement service's draft takes: the supported and
 * supporting school, a priority area, each side's responsibilities, one measurable criterion of impact, the schedule
 * of reports, the funding and the QA lead. Leaders are deployed on the drafted agreement (its "Deploy a leader" step),
 * where capacity is checked. The inputs are named as the service names its fields, so each refusal lands beside its input.
 */
const FIELDS = {
  supportedSchoolId: '',
  supportingSchoolId: '',
  priorityArea: PRIORITY_AREAS[0].value,
  supportedResponsibility: '',
  supportingResponsibility: '',
  'impact.0.measure': '',
  'impact.0.baseline': '',
  'impact.0.target': '',
  'impact.0.byWhen': '',
  'schedule.startsOn': '',
  'schedule.endsOn': '',
  'schedule.interimReportsDue': '',
  'schedule.finalReportDue': '',
  'funding.source': FUNDING_SOURCES[0],
  'funding.amount': '',
  qaLeadId: '',
};
type Values = typeof FIELDS;

/** The service's field for each input, when it is not the input's own name. */
const SERVICE_FIELDS: Partial<Record<keyof Values, string[]>> = {
  supportedSchoolId: ['supportedSchoolIds'],
  supportingSchoolId: ['supportingSchoolIds'],
  priorityArea: ['priorityAreas'],
  supportedResponsibility: ['responsibilities.0'],
  supportingResponsibility: ['responsibilities.1'],
  'impact.0.baseline': ['impact.0'],
  'funding.amount': ['funding.amountPence'],
};

const number = (typed: string) => (typed.trim() === '' ? undefined : Number(typed));

export function DraftAgreementForm({
  schools,
  qaLeads,
  onDrafted,
}: {
  schools: { id: string; name: string }[];
  qaLeads: { value: string; label: string }[];
  onDrafted: (a: SupportAgreement) => void;
}) {
  const form = useForm<Values>({ ...FIELDS });
  const known = (Object.keys(FIELDS) as (keyof Values)[]).flatMap((k) => [k, ...(SERVICE_FIELDS[k] ?? [])]);
  const bind = (k: keyof Values) => ({ ...form.field(k), problems: [k, ...(SERVICE_FIELDS[k] ?? [])].flatMap(form.problemsOf) });
  const schoolOptions = [{ value: '', label: 'Choose a school' }, ...schools.map((s) => ({ value: s.id, label: s.name }))];
  return (
    <form
      noValidate
      aria-label="Draft a support agreement"
      onSubmit={form.submit(async (v) => {
        const [framework, area] = v.priorityArea.split(':');
        const amount = number(v['funding.amount']);
        const drafted = await api.post<SupportAgreement>(`${trustPath()}/agreements`, {
          // An unchosen school is sent as none, so the service says a school is needed.
          supportedSchoolIds: v.supportedSchoolId ? [v.supportedSchoolId] : [],
          supportingSchoolIds: v.supportingSchoolId ? [v.supportingSchoolId] : [],
          priorityAreas: [{ kind: 'inspection-area', framework, area }],
          responsibilities: [
            { party: 'supported', text: v.supportedResponsibility },
            { party: 'supporting', text: v.supportingResponsibility },
          ],
          impact: [
            {
              measure: v['impact.0.measure'],
              baseline: number(v['impact.0.baseline']),
              target: number(v['impact.0.target']),
              byWhen: v['impact.0.byWhen'],
            },
          ],
          schedule: {
            startsOn: v['schedule.startsOn'],
            endsOn: v['schedule.endsOn'],
            interimReportsDue: v['schedule.interimReportsDue'] ? [v['schedule.interimReportsDue']] : [],
            finalReportDue: v['schedule.finalReportDue'],
          },
          funding: { source: v['funding.source'], amountPence: amount === undefined ? undefined : Math.round(amount * 100) },
          qaLeadId: v.qaLeadId || null,
        });
        onDrafted(drafted);
        // Done: ready for the next agreement (only a refusal keeps what was typed).
        form.setValues({ ...FIELDS });
        const name = (id: string) => schools.find((s) => s.id === id)?.name ?? 'a school';
        return `Drafted: ${drafted.supportingSchoolIds.map(name).join(', ')} supporting ${drafted.supportedSchoolIds.map(name).join(', ')}. Deploy its leaders below, then the QA lead approves it.`;
      }, known)}
    >
      <FormStatus problems={form.general(known)} done={form.done} />
      <fieldset>
        <legend>Schools</legend>
        <SelectField label="Supported school" options={schoolOptions} {...bind('supportedSchoolId')} />
        <SelectField label="Supporting school" options={schoolOptions} {...bind('supportingSchoolId')} />
        <SelectField label="Priority area" options={PRIORITY_AREAS} {...bind('priorityArea')} />
        <TextArea label="The supported school will" {...bind('supportedResponsibility')} />
        <TextArea label="The supporting school will" {...bind('supportingResponsibility')} />
      </fieldset>
      <fieldset>
        <legend>Intended impact</legend>
        <TextField label="Measure" hint="e.g. KS2 reading at the expected standard (%)" {...bind('impact.0.measure')} />
        <TextField label="Baseline" inputMode="decimal" {...bind('impact.0.baseline')} />
        <TextField label="Target" inputMode="decimal" {...bind('impact.0.target')} />
        <TextField label="Target by" type="date" {...bind('impact.0.byWhen')} />
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        <TextField label="Starts on" type="date" {...bind('schedule.startsOn')} />
        <TextField label="Ends on" type="date" {...bind('schedule.endsOn')} />
        <TextField label="Interim report due" type="date" hint="During the support" {...bind('schedule.interimReportsDue')} />
        <TextField label="Final report due" type="date" hint="On or after the end" {...bind('schedule.finalReportDue')} />
      </fieldset>
      <fieldset>
        <legend>Funding and quality assurance</legend>
        <SelectField
          label="Funding source"
          options={FUNDING_SOURCES.map((s) => ({ value: s, label: words(s) }))}
          {...bind('funding.source')}
        />
        <TextField label="Amount (£)" inputMode="decimal" {...bind('funding.amount')} />
        <SelectField
          label="QA lead"
          hint="An LLE from neither school; they approve the agreement"
          options={[{ value: '', label: 'Not named yet' }, ...qaLeads]}
          {...bind('qaLeadId')}
        />
      </fieldset>
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Drafting…' : 'Draft the agreement'}
      </button>
    </form>
  );
}
