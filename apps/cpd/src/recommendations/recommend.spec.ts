import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOGUE } from '../programmes/default-catalogue';
import type { Programme } from '../programmes/lifecycle';
import type { RoleSpell } from '../shared/roles';
import { gapsFromConfidences, recommend, type ReportedGap } from './recommend';

const TODAY = '2025-09-01';
const CATALOGUE: Programme[] = DEFAULT_CATALOGUE.map((p) => ({ ...p, status: 'published', version: 1 }));
const spell = (role: RoleSpell['role'], startedOn: string): RoleSpell => ({ role, schoolId: 's', startedOn, endedOn: null });
const HEAD_3Y = [spell('headteacher', '2022-09-01')];
const DEPUTY = [spell('deputy-headteacher', '2020-09-01')];
const programme = (code: string, override: Partial<Programme>): Programme => ({ ...CATALOGUE.find((p) => p.code === code)!, ...override });

describe('recommendations for a person', () => {
  // A head aspiring to executive headship, rated against the executive head's importance (Table 4).
  const gaps: ReportedGap[] = gapsFromConfidences('executive-headteacher', {
    'strategic-thinking': 8,
    'leading-change-in-other-schools': 7,
    'experience-of-different-schools': 7,
    'data-analysis': 9,
    'team-building': 8,
    communication: 9,
  });

  it('ranks the programmes by the size of the significant gaps they develop, each explained', () => {
    const result = recommend(gaps, CATALOGUE, { kind: 'person', roles: HEAD_3Y }, TODAY);
    expect(result.significantGaps.map((g) => [g.skill, g.gap])).toEqual([
      ['leading-change-in-other-schools', -2.29],
      ['experience-of-different-schools', -1.72],
      ['strategic-thinking', -1.59],
      ['team-building', -1.41],
    ]);
    expect(result.recommendations.map((r) => [r.code, r.coveredGapTotal, r.eligible])).toEqual([
      ['TRUST-AEH', 5.6, 1],
      ['NPQEL', 5.6, 1],
      ['TRUST-STEPPING-UP', 1.72, 0],
      ['TRUST-GOVERNORS', 1.59, 1],
      ['NPQH', 1.59, 1],
      ['NPQEYL', 1.41, 1],
      ['TRUST-EML', 1.41, 0],
      ['NPQSL', 1.41, 0],
    ]);
    expect(result.recommendations[0].explanation).toBe(
      'Develops 3 of your 4 significant gaps: leading change in other schools (−2.29), direct experience of different types of schools (−1.72), strategic thinking (−1.59). You meet its prerequisites. £750 a place.',
    );
    expect(result.uncovered).toEqual([]);
    expect(result.note).toBeNull();
  });

  it('equal cover: prerequisites met first, then the cheaper, then the code', () => {
    const result = recommend(gaps, CATALOGUE, { kind: 'person', roles: HEAD_3Y }, TODAY);
    const equal = result.recommendations.filter((r) => r.coveredGapTotal === 1.41).map((r) => r.code);
    expect(equal).toEqual(['NPQEYL', 'TRUST-EML', 'NPQSL']); // NPQEYL has no prerequisites; then £400 before £1,800
    expect(result.recommendations.slice(0, 2).map((r) => r.code)).toEqual(['TRUST-AEH', 'NPQEL']); // same cover, both met: £750 before £2,900
  });

  it('explains prerequisites a person does not meet yet', () => {
    const result = recommend(gaps, CATALOGUE, { kind: 'person', roles: DEPUTY }, TODAY);
    const npqel = result.recommendations.find((r) => r.code === 'NPQEL')!;
    expect(npqel.eligible).toBe(0);
    expect(npqel.explanation).toBe(
      'Develops 3 of your 4 significant gaps: leading change in other schools (−2.29), direct experience of different types of schools (−1.72), strategic thinking (−1.59). You do not meet its prerequisites yet: NPQEL is for someone currently an executive headteacher or a headteacher or a CEO; on 1 September 2025 they are a deputy headteacher. NPQEL needs at least 2 years of headship; the role history shows no time. £2,900 a place.',
    );
  });

  it.each<[string, ReportedGap[], Programme[], string[], string | null]>([
    [
      'a gap of exactly −1.0 counts, −0.99 does not',
      [
        { skill: 'data-analysis', gap: -1 },
        { skill: 'communication', gap: -0.99 },
      ],
      CATALOGUE,
      ['NPQLL', 'TRUST-READING', 'TRUST-GOVERNORS', 'NPQLPM', 'NPQSL'],
      null,
    ],
    [
      'no significant gaps',
      [{ skill: 'data-analysis', gap: -0.5 }],
      CATALOGUE,
      [],
      'No significant gaps (−1.0 or worse): nothing to aim CPD at.',
    ],
    [
      'a retired programme is never recommended',
      [{ skill: 'influencing-and-negotiation', gap: -2 }],
      [programme('NPQEL', { status: 'retired' }), programme('TRUST-AEH', {})],
      ['TRUST-AEH'],
      null,
    ],
    [
      'a gap nothing develops is named',
      [
        { skill: 'influencing-and-negotiation', gap: -2 },
        { skill: 'communication', gap: -1.5 },
      ],
      [programme('NPQEL', {})],
      ['NPQEL'],
      'No programme in the catalogue develops communication and interpersonal skills (−1.50).',
    ],
  ])('%s', (_, g, catalogue, codes, note) => {
    const result = recommend(g, catalogue, { kind: 'person', roles: HEAD_3Y }, TODAY);
    expect(result.recommendations.map((r) => r.code).sort()).toEqual([...codes].sort());
    expect(result.note).toBe(note);
  });
});

describe("gaps from confidences (the people service's arithmetic against Table 4)", () => {
  it.each<[string, number, number]>([
    ['leading-change-in-other-schools', 7, -2.29],
    ['data-analysis', 9, 0],
    ['diverse-pupils-and-parents', 10, 1.16],
  ])('%s at %p for an executive head gives %p', (skill, confidence, gap) => {
    expect(gapsFromConfidences('executive-headteacher', { [skill]: confidence })).toEqual([{ skill, gap }]);
  });
  it('undoes binary noise: 6.88 against 7.88 is exactly −1 (significant)', () => {
    // case-studies-and-best-practice is 7.88 for an LLE
    expect(gapsFromConfidences('lle', { 'case-studies-and-best-practice': 6.88 })).toEqual([
      { skill: 'case-studies-and-best-practice', gap: -1 },
    ]);
  });
  it('leaves out skills without a confidence', () => {
    expect(gapsFromConfidences('sip', {})).toEqual([]);
  });
});

describe('recommendations for a group', () => {
  it('counts how many of the group meet the prerequisites and ranks by it on equal cover', () => {
    const gaps: ReportedGap[] = [
      { skill: 'policy-and-structures', gap: -1.2 },
      { skill: 'identifying-key-priorities', gap: -1.1 },
    ];
    const members = [DEPUTY, DEPUTY, HEAD_3Y];
    const result = recommend(gaps, CATALOGUE, { kind: 'group', members }, TODAY);
    const top = result.recommendations.slice(0, 2);
    expect(top.map((r) => [r.code, r.coveredGapTotal, r.eligible, r.audienceSize])).toEqual([
      ['NPQH', 2.3, 3, 3],
      ['TRUST-STEPPING-UP', 2.3, 2, 3],
    ]);
    expect(top[1].explanation).toBe(
      "Develops 2 of the group's 2 significant gaps: knowledge of policy and educational structures (−1.20), identifying and implementing key priorities (−1.10). 2 of 3 meet its prerequisites. £500 a place.",
    );
    expect(top[1].unmet).toEqual([]);
  });
});
