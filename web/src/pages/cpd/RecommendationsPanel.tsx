import { useState } from 'react';
import { api, trustPath } from '../../api/client';
import type { Staff } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormStatus, SelectField, useForm } from '../../components/Form';
import { words } from '../../format';
import { personName } from '../leadership/designations';
import { FRAMEWORK_ROLES, type Recommendations, type SkillGap } from './cpd';
import { pounds } from './money';

const gapText = (g: { skill: string; gap: number }) => `${words(g.skill)} (${g.gap.toFixed(2)})`;

/**
 * Programmes for a person's significant skills gaps: the gaps come from the people service (their latest
 * self-assessment for the role), the ranking from the CPD service, which never sees the scores themselves.
 */
export function RecommendationsPanel({ staff }: { staff: Staff[] }) {
  const form = useForm({ staffId: staff[0]?.id ?? '', role: 'lle' });
  const fields = ['staffId', 'role', 'gaps'];
  const [result, setResult] = useState<{ who: string; role: string; answer: Recommendations } | null>(null);
  return (
    <>
      <form
        noValidate
        aria-label="Recommend programmes"
        className="filters"
        onSubmit={form.submit(async (v) => {
          setResult(null);
          const who = personName(staff.find((p) => p.id === v.staffId));
          const report = await api.get<{ people: number; gaps: SkillGap[] }>(
            `${trustPath()}/staff/${v.staffId}/gaps?role=${encodeURIComponent(v.role)}`,
          );
          if (report.people === 0) return `${who} has no self-assessment for ${words(v.role)} yet: there are no gaps to work from.`;
          const answer = await api.post<Recommendations>(`${trustPath()}/recommendations`, {
            staffId: v.staffId,
            gaps: report.gaps.map((g) => ({ skill: g.skill, gap: g.gap })),
          });
          setResult({ who, role: v.role, answer });
          return `${answer.recommendations.length} programme${answer.recommendations.length === 1 ? '' : 's'} for ${who}'s ${answer.significantGaps.length} significant gap${answer.significantGaps.length === 1 ? '' : 's'}.`;
        }, fields)}
      >
        <SelectField
          label="Member of staff"
          {...form.field('staffId')}
          options={staff.map((p) => ({ value: p.id, label: personName(p) }))}
        />
        <SelectField
          label="Role assessed for"
          {...form.field('role')}
          options={FRAMEWORK_ROLES.map((r) => ({ value: r, label: words(r) }))}
        />
        <button type="submit" disabled={form.busy}>
          {form.busy ? 'Looking…' : 'Recommend'}
        </button>
      </form>
      <FormStatus problems={form.general(fields)} done={form.done} />
      {result && (
        <>
          <p>
            Significant gaps (−1.0 or worse) for {result.who} as {words(result.role)}:{' '}
            {result.answer.significantGaps.map(gapText).join(', ') || 'none'}.
          </p>
          <DataTable
            caption={`Programmes recommended for ${result.who}, best first`}
            rows={[...result.answer.recommendations]}
            rowKey={(r) => r.code}
            empty="No published programme develops these gaps."
            columns={[
              { key: 'programme', header: 'Programme', render: (r) => `${r.code}: ${r.name}` },
              { key: 'covers', header: 'Gaps it develops', render: (r) => r.covers.map(gapText).join(', ') },
              {
                key: 'eligible',
                header: 'Can take it',
                render: (r) => (r.unmet.length === 0 ? 'yes' : `not yet: ${r.unmet.map((u) => u.message).join(' ')}`),
              },
              { key: 'cost', header: 'Per place', numeric: true, render: (r) => pounds(r.costPerPlace) },
              { key: 'why', header: 'Why', render: (r) => r.explanation },
            ]}
          />
          {result.answer.uncovered.length > 0 && (
            <p>No programme in the catalogue develops: {result.answer.uncovered.map(gapText).join(', ')}.</p>
          )}
          {result.answer.note && <p className="muted">{result.answer.note}</p>}
        </>
      )}
    </>
  );
}
