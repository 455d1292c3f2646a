import { useEffect } from 'react';
import { api, trustPath } from '../../api/client';
import type { Designation, RegisterSchool, Staff } from '../../api/types';
import { FormStatus, SelectField, TextArea, TextField, useForm } from '../../components/Form';
import { Section } from '../../components/Status';
import { DESIGNATION_TYPES, personName } from './designations';

/** The decisions each status allows (the people service has the last word and answers 409 otherwise). */
const ACTIONS: Record<string, string[]> = {
  applied: ['approve', 'refuse'],
  approved: ['activate', 'revoke'],
  active: ['renew', 'suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
};
const WITH_EVIDENCE = ['approve', 'renew'];

const today = () => new Date().toISOString().slice(0, 10);

/** HR's designation workflow: apply for one, then decide on it with a reason (and evidence for approval and renewal). */
export function DesignationWorkflow({
  designations,
  staff,
  schools,
  decidedBy,
  onChanged,
}: {
  designations: Designation[];
  staff: Staff[];
  schools: RegisterSchool[];
  decidedBy: string;
  onChanged: () => void;
}) {
  const names = new Map(staff.map((p) => [p.id, personName(p)]));
  const decidable = designations.filter((d) => ACTIONS[d.status]);
  const decide = useForm({
    designationId: decidable[0]?.id ?? '',
    action: '',
    reason: '',
    decidedBy,
    termStartsOn: today(),
    outcomes: '',
    supportRecord: '',
    'commitment.schoolId': '',
    'commitment.daysPerYear': '10',
    'commitment.signedBy': '',
    'commitment.signedOn': today(),
  });
  // A designation that left the decidable ones (revoked, refused) is no longer offered: the form moves to the first that is.
  const chosen = decidable.find((d) => d.id === decide.values.designationId) ?? decidable[0];
  const actions = chosen ? (ACTIONS[chosen.status] ?? []) : [];
  const action = actions.includes(decide.values.action) ? decide.values.action : (actions[0] ?? '');
  const evidence = WITH_EVIDENCE.includes(action);
  // The employing school signs the release commitment: preset it when another designation is chosen.
  useEffect(() => {
    if (chosen) decide.set('commitment.schoolId', chosen.schoolId);
    // Only when the choice changes, not when the user edits the school afterwards.
  }, [chosen?.id]);

  const decideFields = [
    'designationId',
    'action',
    'reason',
    'decidedBy',
    'expectedVersion',
    'status',
    'termStartsOn',
    'outcomes',
    'supportRecord',
    'commitment.schoolId',
    'commitment.daysPerYear',
    'commitment.signedBy',
    'commitment.signedOn',
  ];
  const label = (d: Designation) => `${names.get(d.staffId) ?? d.staffId}: ${d.type.toUpperCase()} (${d.status})`;

  const apply = useForm({ staffId: staff[0]?.id ?? '', type: 'sle', specialisms: '', reason: '', decidedBy });
  const applyFields = ['staffId', 'type', 'specialisms', 'reason', 'decidedBy'];

  return (
    <div className="grid">
      <Section title="Decide on a designation">
        <form
          noValidate
          aria-label="Decide on a designation"
          onSubmit={decide.submit(async (v) => {
            if (!chosen) throw new Error('Choose a designation.');
            const body: Record<string, unknown> = { reason: v.reason, decidedBy: v.decidedBy, expectedVersion: chosen.version };
            if (evidence) {
              if (action === 'approve') body.termStartsOn = v.termStartsOn;
              if (v.outcomes.trim()) body.outcomes = v.outcomes;
              if (v.supportRecord.trim()) body.supportRecord = v.supportRecord;
              body.commitment = {
                schoolId: v['commitment.schoolId'],
                // Sent as typed: the service names a value that is not a whole number of days.
                daysPerYear: v['commitment.daysPerYear'].trim() === '' ? undefined : Number(v['commitment.daysPerYear']),
                signedBy: v['commitment.signedBy'],
                signedOn: v['commitment.signedOn'],
              };
            }
            const after = await api.post<Designation>(`${trustPath()}/designations/${chosen.id}/${action}`, body);
            onChanged();
            // Keep the choice, clear only what belonged to this decision.
            decide.setValues((old) => ({ ...old, reason: '', outcomes: '', supportRecord: '' }));
            return `${label(chosen)}: ${action} recorded; the designation is now ${after.status}.`;
          }, decideFields)}
        >
          <FormStatus problems={decide.general(decideFields)} done={decide.done} />
          <SelectField
            label="Designation"
            {...decide.field('designationId')}
            value={chosen?.id ?? ''}
            options={decidable.map((d) => ({ value: d.id, label: label(d) }))}
          />
          <SelectField
            label="Decision"
            name="action"
            value={action}
            onChange={(e) => decide.set('action', e.target.value)}
            problems={[...decide.problemsOf('action'), ...decide.problemsOf('status'), ...decide.problemsOf('expectedVersion')]}
            options={actions.map((a) => ({ value: a, label: a }))}
          />
          <TextArea label="Reason" {...decide.field('reason')} />
          <TextField label="Decided by" {...decide.field('decidedBy')} />
          {evidence && (
            <fieldset>
              <legend>Evidence and the school’s release commitment</legend>
              {action === 'approve' && <TextField label="Term starts on" type="date" {...decide.field('termStartsOn')} />}
              <TextArea label="Pupil outcomes" {...decide.field('outcomes')} />
              <TextArea label="Record of supporting other schools (NLE)" {...decide.field('supportRecord')} />
              <SelectField
                label="Releasing school"
                {...decide.field('commitment.schoolId')}
                options={schools.map((s) => ({ value: s.id, label: s.name }))}
              />
              <TextField label="Days released per year" inputMode="numeric" {...decide.field('commitment.daysPerYear')} />
              <TextField label="Signed by" hint="e.g. chair of governors" {...decide.field('commitment.signedBy')} />
              <TextField label="Signed on" type="date" {...decide.field('commitment.signedOn')} />
            </fieldset>
          )}
          <button type="submit" disabled={decide.busy || !chosen}>
            {decide.busy ? 'Recording…' : 'Record the decision'}
          </button>
        </form>
      </Section>
      <Section title="Apply for a designation">
        <form
          noValidate
          aria-label="Apply for a designation"
          onSubmit={apply.submit(async (v) => {
            const created = await api.post<Designation>(`${trustPath()}/designations`, {
              staffId: v.staffId,
              type: v.type,
              ...(v.specialisms.trim()
                ? {
                    specialisms: v.specialisms
                      .split(',')
                      .map((s) => s.trim())
                      .filter(Boolean),
                  }
                : {}),
              reason: v.reason,
              decidedBy: v.decidedBy,
            });
            onChanged();
            apply.setValues((old) => ({ ...old, reason: '', specialisms: '' }));
            return `${names.get(created.staffId) ?? 'The leader'} has applied for ${created.type.toUpperCase()}; it is now ${created.status}.`;
          }, applyFields)}
        >
          <FormStatus problems={apply.general(applyFields)} done={apply.done} />
          <SelectField
            label="Member of staff"
            {...apply.field('staffId')}
            options={staff.filter((p) => p.status === 'employed').map((p) => ({ value: p.id, label: personName(p) }))}
          />
          <SelectField
            label="Designation type"
            {...apply.field('type')}
            options={DESIGNATION_TYPES.map((t) => ({ value: t, label: t.toUpperCase() }))}
          />
          <TextField label="Specialisms" {...apply.field('specialisms')} hint="Comma-separated, e.g. maths, SEND (an SLE needs one)" />
          <TextArea label="Reason" {...apply.field('reason')} />
          <TextField label="Decided by" {...apply.field('decidedBy')} />
          <button type="submit" disabled={apply.busy}>
            {apply.busy ? 'Applying…' : 'Apply'}
          </button>
        </form>
      </Section>
    </div>
  );
}
