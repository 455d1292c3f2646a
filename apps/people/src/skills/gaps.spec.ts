import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SKILLS_FRAMEWORK, SKILL_IDS, type SkillId } from './default-framework';
import { assessmentProblems, groupGaps, personGaps, round2, significantGaps } from './gaps';
import {
  DIFFERING_CELLS,
  GAP_TABLES,
  readCell,
  reportConfidence,
  SIGNIFICANT_LISTS,
  type GapColumn,
  type ReportRole,
} from './report-tables.fixture';

const F = DEFAULT_SKILLS_FRAMEWORK;

describe('the default framework (Table 4)', () => {
  it('has the 19 skills, each weighted for every role on the 1–10 scale', () => {
    expect(F.skills.map((s) => s.id)).toEqual(SKILL_IDS);
    for (const weights of Object.values(F.importance)) {
      expect(Object.keys(weights).sort()).toEqual([...SKILL_IDS].sort());
      for (const w of Object.values(weights)) expect(w >= 1 && w <= 10).toBe(true);
    }
    expect(F.importance.nle['strategic-thinking']).toBe(9.62);
    expect(F.importance['executive-headteacher']['team-building']).toBe(9.41);
  });
});

describe('gap arithmetic', () => {
  it.each([
    [-0.9999999999999991, -1],
    [-1.4000000000000004, -1.4],
    [0.125, 0.13],
    [-0.125, -0.13],
    [0, 0],
  ])('round2(%p) is %p', (value, rounded) => {
    expect(round2(value)).toBe(rounded);
  });

  it.each<[string, number, number, boolean]>([
    ['a gap of exactly −1.0 is significant', 7, -1, true],
    ['−0.99 is not', 7.01, -0.99, false],
    ['confidence above importance is a positive gap', 10, 2, false],
  ])('%s', (_, confidence, gap, significant) => {
    const framework = { ...F, importance: { ...F.importance, lle: { ...F.importance.lle, 'data-analysis': 8 } } };
    expect(personGaps(framework, 'lle', { 'data-analysis': confidence })).toEqual([
      { skill: 'data-analysis', importance: 8, confidence, gap, significant, respondents: 1 },
    ]);
  });

  it('averages a group per skill over those who rated it', () => {
    const gaps = groupGaps(F, 'lle', [{ 'data-analysis': 6, communication: 9 }, { 'data-analysis': 8 }, { 'data-analysis': 7 }]);
    expect(gaps).toEqual([
      { skill: 'communication', importance: 9.35, confidence: 9, gap: -0.35, significant: false, respondents: 1 },
      { skill: 'data-analysis', importance: 8.5, confidence: 7, gap: -1.5, significant: true, respondents: 3 },
    ]);
    expect(groupGaps(F, 'lle', [])).toEqual([]);
  });

  it('lists significant gaps largest first', () => {
    const gaps = personGaps(F, 'nle', { 'experience-as-headteacher': 5, communication: 8, 'team-building': 9 });
    expect(significantGaps(gaps).map((g) => [g.skill, g.gap])).toEqual([
      ['experience-as-headteacher', -4.54],
      ['communication', -1.48],
    ]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a valid assessment', { communication: 7, 'data-analysis': 10 }, []],
    ['an empty one', {}, ['the assessment rates no skill']],
    ['an unknown skill', { juggling: 5 }, ['"juggling" is not a skill of the framework']],
    ['out of range', { communication: 11 }, ['confidence in communication must be a whole number from 1 to 10']],
    ['not whole', { communication: 7.5 }, ['confidence in communication must be a whole number from 1 to 10']],
    ['not a number', { communication: '7' }, ['confidence in communication must be a whole number from 1 to 10']],
  ])('assessmentProblems: %s', (_, assessment, problems) => {
    expect(assessmentProblems(assessment)).toEqual(problems);
  });
});

/**
 * The report's Tables 8–11 from its own inputs: "potential" = Table 7 (aspiring leaders) − Table 4,
 * "current" = Table 6 (current system leaders) − Table 4. Every cell is checked: a printed gap must be
 * reproduced to two decimals, a blank cell must be a gap ≥ 0 (the report prints only shortfalls), and
 * the cells in DIFFERING_CELLS are the only exceptions, each with its reason.
 */
describe("the report's skills gaps (Tables 8–11) from its Tables 4, 6 and 7", () => {
  const roles = Object.keys(GAP_TABLES) as ReportRole[];
  const cells = roles.flatMap((role) =>
    (['current', 'potential'] as GapColumn[]).flatMap((column) => {
      const computed = personGaps(F, role, reportConfidence(column === 'current' ? 6 : 7, role, SKILL_IDS));
      return SKILL_IDS.map((skill, i) => ({
        role,
        column,
        skill,
        table: GAP_TABLES[role].table,
        printed: readCell(GAP_TABLES[role][column][i]),
        computed: computed[i].gap,
        differs: DIFFERING_CELLS.find((d) => d.role === role && d.column === column && d.skill === skill),
      }));
    }),
  );

  it('checks all 152 cells (4 tables × 2 columns × 19 skills)', () => {
    expect(cells).toHaveLength(152);
  });

  it.each(cells.filter((c) => !c.differs).map((c) => [`Table ${c.table} ${c.column} ${c.skill}`, c] as const))(
    '%s is reproduced',
    (_, c) => {
      if (c.printed.kind === 'gap') expect(c.computed).toBe(c.printed.value);
      else {
        expect(c.printed.kind).toBe('blank');
        expect(c.computed).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it.each(DIFFERING_CELLS.map((d) => [`${d.role} ${d.column} ${d.skill}: ${d.why}`, d] as const))('differs: %s', (_, d) => {
    const cell = cells.find((c) => c.role === d.role && c.column === d.column && c.skill === d.skill)!;
    expect(cell.computed).toBe(d.inputsGive);
    if (cell.printed.kind === 'gap') expect(cell.printed.value).not.toBe(cell.computed);
    else expect(cell.printed.kind).toBe('illegible');
  });

  it('reproduces 145 of the 152 cells; the 7 others are the named misprints and garbled cells', () => {
    expect(cells.filter((c) => !c.differs)).toHaveLength(145);
    expect(DIFFERING_CELLS).toHaveLength(7);
  });

  it.each(roles)("the significant gaps of aspiring %s leaders match the report's list, except the named disagreements", (role) => {
    const computed = significantGaps(personGaps(F, role, reportConfidence(7, role, SKILL_IDS))).map((g) => g.skill);
    const { listed, notSignificantByTable } = SIGNIFICANT_LISTS[role];
    const expected = listed.filter((s) => !(s in notSignificantByTable));
    expect([...computed].sort()).toEqual([...expected].sort());
    for (const skill of Object.keys(notSignificantByTable) as SkillId[]) expect(computed).not.toContain(skill);
  });
});
