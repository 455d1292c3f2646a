import { useState } from 'react';
import { api, trustPath } from '../../api/client';
import { getSession } from '../../api/session';
import { FormStatus, SelectField, TextArea, TextField, useForm } from '../../components/Form';
import { useLoad } from '../../hooks';
import { reportName, type ImpactReport, type SupportAgreement } from './support';

interface Input {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'area' | 'select';
  hint?: string;
  options?: { value: string; label: string }[];
  initial?: string;
  /** Rules whose refusals are about this input (the service names the rule, e.g. `funding-cap`). */
  rules?: string[];
}

/** One step on an agreement as a small form: its inputs, the service's refusal beside the field it names. */
function StepForm({
  title,
  button,
  inputs,
  send,
}: {
  title: string;
  button: string;
  inputs: Input[];
  send: (values: Record<string, string>) => Promise<string>;
}) {
  const form = useForm<Record<string, string>>(Object.fromEntries(inputs.map((i) => [i.name, i.initial ?? ''])));
  const names = inputs.flatMap((i) => [i.name, ...(i.rules ?? [])]);
  // A list that arrived after the form was first drawn: its first option is the one shown, so it is the one sent.
  const chosen = (i: Input, v: Record<string, string>) =>
    i.options?.some((o) => o.value === v[i.name]) ? v[i.name] : (i.options?.[0]?.value ?? '');
  const problems = (i: Input) => [i.name, ...(i.rules ?? [])].flatMap(form.problemsOf);
  // Refusals by a rule name the rule (status, capacity, qa-lead…): those are shown at the top with the message.
  return (
    <form
      noValidate
      aria-label={title}
      className="step"
      onSubmit={form.submit(
        (v) => send({ ...v, ...Object.fromEntries(inputs.filter((i) => i.options).map((i) => [i.name, chosen(i, v)])) }),
        names,
      )}
    >
      <h3>{title}</h3>
      {/* What a step did is said once for all the steps (a form may go when the agreement moves on). */}
      <FormStatus problems={form.general(names)} done={null} />
      {inputs.map((i) =>
        i.kind === 'select' ? (
          <SelectField
            key={i.name}
            label={i.label}
            hint={i.hint}
            options={i.options ?? []}
            {...form.field(i.name)}
            problems={problems(i)}
          />
        ) : i.kind === 'area' ? (
          <TextArea key={i.name} label={i.label} hint={i.hint} {...form.field(i.name)} problems={problems(i)} />
        ) : (
          <TextField key={i.name} label={i.label} hint={i.hint} type={i.kind ?? 'text'} {...form.field(i.name)} problems={problems(i)} />
        ),
      )}
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Sending…' : button}
      </button>
    </form>
  );
}

/** The staff record the signed-in account is linked to, if any. */
export function linkedStaffId(): string | null {
  const user = getSession()?.user as { staffId?: string | null } | undefined;
  return user?.staffId ?? null;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * What the caller may do next with an agreement. The QA lead approves a draft and signs off the final report (the
 * service checks they are the one named, through the staff record their sign-in is linked to); the CEO and executives
 * deploy leaders, start, complete or end it, and record spending.
 */
export function AgreementActions({
  agreement: a,
  runs,
  qaLead,
  onChanged,
}: {
  agreement: SupportAgreement;
  runs: boolean;
  qaLead: boolean;
  onChanged: () => void;
}) {
  const leaders = useLoad(
    () =>
      runs && ['draft', 'agreed', 'active'].includes(a.status)
        ? api.get<{ items: { staffId: string; type: string }[] }>(`${trustPath()}/designations?status=active&limit=500`)
        : Promise.resolve({ items: [] }),
    [a.id, runs],
  );
  const staff = useLoad(
    () =>
      runs
        ? api.get<{ items: { id: string; firstName: string | null; lastName: string | null }[] }>(`${trustPath()}/staff?limit=500`)
        : Promise.resolve({ items: [] }),
    [runs],
  );
  const [said, setSaid] = useState<string | null>(null);
  const post = async (path: string, body: unknown, done: string) => {
    setSaid(null);
    await api.post<SupportAgreement | ImpactReport>(`${trustPath()}${path}`, body);
    setSaid(done);
    onChanged();
    return done;
  };
  const toSign = (a.reports ?? []).filter((r) => r.kind === 'final' && r.status === 'submitted');
  const name = (id: string) => {
    const p = staff.data?.items.find((s) => s.id === id);
    return p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : id;
  };
  const leaderOptions = [...new Map((leaders.data?.items ?? []).map((d) => [d.staffId, d])).values()].map((d) => ({
    value: d.staffId,
    label: `${name(d.staffId)} (${d.type.toUpperCase()})`,
  }));
  const forms = [];
  // The sign-in's linked staff record (the gateway's user answer carries it): only the QA lead named approves.
  const me = linkedStaffId();
  const named = me !== null && me === a.qaLeadId;
  if (qaLead && !named && (a.status === 'draft' || toSign.length > 0))
    forms.push(
      <p key="not-named" className="muted">
        {me === null
          ? 'Your sign-in is not linked to a staff record, so you cannot approve or sign off as a QA lead: ask the trust administrator to link it.'
          : 'You are not the QA lead named on this agreement: only they approve it and sign off its final report.'}
      </p>,
    );
  if (qaLead && named && a.status === 'draft')
    forms.push(
      <StepForm
        key="agree"
        title="Approve as QA lead"
        button="Approve the agreement"
        inputs={[]}
        send={() => post(`/agreements/${a.id}/agree`, {}, 'Approved: the agreement is now agreed.')}
      />,
    );
  if (qaLead && named)
    for (const r of toSign)
      forms.push(
        <StepForm
          key={`sign-${r.id}`}
          title={`Sign off the ${reportName(r).toLowerCase()}`}
          button="Sign off"
          inputs={[]}
          send={() => post(`/impact-reports/${r.id}/sign-off`, {}, `${reportName(r)} signed off.`)}
        />,
      );
  if (runs && ['draft', 'agreed', 'active'].includes(a.status))
    forms.push(
      <StepForm
        key="deploy"
        title="Deploy a leader"
        button="Deploy"
        inputs={[
          {
            name: 'leaderId',
            label: 'Leader',
            kind: 'select',
            rules: ['designation', 'capacity', 'leader'],
            options: leaderOptions,
            initial: leaderOptions[0]?.value ?? '',
          },
          { name: 'days', label: 'Days', rules: ['days'], hint: 'Days of support over the agreement' },
        ]}
        send={(v) =>
          post(
            `/agreements/${a.id}/deployments`,
            { leaderId: v.leaderId, days: v.days.trim() === '' ? undefined : Number(v.days) },
            `${name(v.leaderId)} deployed for ${v.days} days.`,
          )
        }
      />,
    );
  if (runs && ['draft', 'agreed', 'active'].includes(a.status) && a.deployments.length > 0)
    forms.push(
      <StepForm
        key="release"
        title="Release a leader"
        button="Release"
        inputs={[
          {
            name: 'leaderId',
            label: 'Deployed leader',
            kind: 'select',
            hint: 'Their days are freed; deploy them again to change their days',
            options: a.deployments.map((d) => ({ value: d.leaderId, label: `${name(d.leaderId)} (${d.days} days)` })),
            initial: a.deployments[0].leaderId,
          },
        ]}
        send={(v) => post(`/agreements/${a.id}/deployments/${v.leaderId}/release`, {}, `${name(v.leaderId)} released.`)}
      />,
    );
  if (runs && a.status === 'agreed')
    forms.push(
      <StepForm
        key="start"
        title="Start the support"
        button="Start"
        inputs={[{ name: 'by', label: 'Started by', hint: 'Your name or role' }]}
        send={(v) => post(`/agreements/${a.id}/start`, { by: v.by }, 'Started: the agreement is now active.')}
      />,
    );
  if (runs && a.status === 'active')
    forms.push(
      <StepForm
        key="complete"
        title="Complete the support"
        button="Complete"
        inputs={[{ name: 'by', label: 'Completed by', hint: 'Needs the final report signed off and the end date reached' }]}
        send={(v) => post(`/agreements/${a.id}/complete`, { by: v.by }, 'Completed.')}
      />,
    );
  if (runs && ['agreed', 'active'].includes(a.status))
    forms.push(
      <StepForm
        key="spend"
        title="Record spending"
        button="Record"
        inputs={[
          {
            name: 'amountPence',
            label: 'Amount (£)',
            rules: ['amount', 'funding-cap'],
            hint: `Up to the £${(a.funding.remainingPence / 100).toFixed(2)} left`,
          },
          { name: 'spentOn', label: 'Spent on', kind: 'date', initial: today() },
          { name: 'description', label: 'What for' },
        ]}
        send={(v) =>
          post(
            `/agreements/${a.id}/spends`,
            {
              amountPence: v.amountPence.trim() === '' ? undefined : Math.round(Number(v.amountPence) * 100),
              spentOn: v.spentOn,
              description: v.description,
            },
            `£${v.amountPence} recorded.`,
          )
        }
      />,
      <StepForm
        key="end"
        title="End the support early"
        button="End"
        inputs={[
          { name: 'reason', label: 'Reason', kind: 'area' },
          { name: 'by', label: 'Ended by' },
        ]}
        send={(v) => post(`/agreements/${a.id}/end`, { reason: v.reason, by: v.by }, 'Ended.')}
      />,
    );
  return (
    <>
      {said && (
        <p className="form-done" role="status">
          {said}
        </p>
      )}
      {forms.length > 0 && <div className="grid">{forms}</div>}
    </>
  );
}
