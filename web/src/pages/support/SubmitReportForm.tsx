import { useEffect } from 'react';
import { api, trustPath } from '../../api/client';
import { FormStatus, SelectField, TextArea, TextField, useForm } from '../../components/Form';
import { date } from '../../format';
import { reportName, type ImpactReport, type SupportAgreement } from './support';

/**
 * Submits an impact report of active support: a measured value for each of the agreement's criteria (judged by the
 * service against baseline and target) and a narrative. The service's refusal is shown beside the field it names.
 */
export function SubmitReportForm({
  reports,
  agreements,
  parties,
  onSubmitted,
}: {
  reports: ImpactReport[];
  agreements: Map<string, SupportAgreement>;
  parties: (a: SupportAgreement | undefined) => string;
  onSubmitted: () => void;
}) {
  const form = useForm<Record<string, string>>({ reportId: reports[0]?.id ?? '', narrative: '', submittedBy: '' });
  const report = reports.find((r) => r.id === form.values.reportId);
  const agreement = report && agreements.get(report.agreementId);
  const criteria = agreement?.impact ?? [];
  // A report first shown (or the list arriving later) is chosen for the user.
  useEffect(() => {
    if (!report && reports[0]) form.set('reportId', reports[0].id);
  }, [reports.length]);
  const fields = ['reportId', 'measured', 'narrative', 'submittedBy', 'status', 'agreement'];
  if (reports.length === 0)
    return (
      <>
        <FormStatus problems={[]} done={form.done} />
        <p className="muted">No report of active support is waiting to be submitted.</p>
      </>
    );
  const measuredProblems = form.problemsOf('measured');
  return (
    <form
      noValidate
      aria-label="Submit an impact report"
      onSubmit={form.submit(async (v) => {
        if (!report) throw new Error('Choose a report.');
        const measured: Record<string, number> = {};
        for (const c of criteria) {
          const typed = (v[`measured.${c.id}`] ?? '').trim();
          // Sent as typed: the service names a criterion without a measured value.
          if (typed !== '') measured[c.id] = Number(typed);
        }
        const after = await api.post<ImpactReport>(`${trustPath()}/impact-reports/${report.id}/submit`, {
          measured,
          narrative: v.narrative,
          submittedBy: v.submittedBy,
        });
        onSubmitted();
        form.setValues({ reportId: '', narrative: '', submittedBy: v.submittedBy });
        return `${reportName(after)} for ${parties(agreement)} was submitted: overall ${after.overall ?? 'not judged'}.`;
      }, fields)}
    >
      <FormStatus problems={form.general(fields)} done={form.done} />
      <SelectField
        label="Report"
        {...form.field('reportId')}
        problems={[...form.problemsOf('reportId'), ...form.problemsOf('status'), ...form.problemsOf('agreement')]}
        options={reports.map((r) => ({
          value: r.id,
          label: `${reportName(r)}, due ${date(r.dueOn)}${r.overdue ? ' (overdue)' : ''}: ${parties(agreements.get(r.agreementId))}`,
        }))}
      />
      <fieldset
        className={measuredProblems.length ? 'has-error' : undefined}
        aria-describedby={measuredProblems.length ? 'measured-error' : undefined}
      >
        <legend>Measured now</legend>
        {measuredProblems.length > 0 && (
          <p className="field-error" id="measured-error" role="alert">
            {measuredProblems.join(' ')}
          </p>
        )}
        {criteria.map((c) => (
          <TextField
            key={c.id}
            label={c.measure}
            inputMode="decimal"
            hint={`Baseline ${c.baseline}, target ${c.target} by ${date(c.byWhen)}`}
            {...form.field(`measured.${c.id}`)}
            value={form.values[`measured.${c.id}`] ?? ''}
            problems={[]}
          />
        ))}
      </fieldset>
      <TextArea label="Narrative" hint="What was done and what changed" {...form.field('narrative')} />
      <TextField label="Submitted by" hint="Your name or role" {...form.field('submittedBy')} />
      <button type="submit" disabled={form.busy || !report}>
        {form.busy ? 'Submitting…' : 'Submit the report'}
      </button>
    </form>
  );
}
