import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { change, changedFields, publish, retire, type Programme } from './lifecycle';
import { describePrerequisite, programmeProblems, type ProgrammeDefinition } from './programme';

const NPQH = DEFAULT_CATALOGUE.find((p) => p.code === 'NPQH')!;
const published = (d: ProgrammeDefinition = NPQH): Programme => ({ ...d, status: 'published', version: 1 });

describe('the default catalogue', () => {
  it("holds the NPQs the issue names and the seeds' trust programmes, every one valid", () => {
    expect(DEFAULT_CATALOGUE.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'NPQEL',
        'NPQH',
        'NPQSL',
        'NPQLT',
        'NPQLTD',
        'NPQLBC',
        'NPQLL',
        'NPQEYL',
        'NPQSENCO',
        'TRUST-AEH',
        'TRUST-STEPPING-UP',
        'TRUST-EML',
        'TRUST-READING',
        'TRUST-GOVERNORS',
      ]),
    );
    for (const p of DEFAULT_CATALOGUE) expect([p.code, programmeProblems(p)]).toEqual([p.code, []]);
    expect(new Set(DEFAULT_CATALOGUE.map((p) => p.code)).size).toBe(DEFAULT_CATALOGUE.length);
  });

  it.each<[string, number, number | null]>([
    ['NPQH', 18, null],
    ['NPQEL', 18, null],
    ['NPQLT', 12, null],
    ['TRUST-AEH', 3, 5], // "the five-day programme" (seeds/001)
  ])('%s runs %i months with %p contact days', (code, months, contactDays) => {
    expect(DEFAULT_CATALOGUE.find((p) => p.code === code)!.length).toEqual({ months, contactDays });
  });

  it('NPQs are assessed and award a qualification; trust programmes do not', () => {
    for (const p of DEFAULT_CATALOGUE)
      expect([p.code, p.assessed, p.awardsQualification]).toEqual([p.code, p.kind === 'npq', p.kind === 'npq']);
  });
});

describe('programme validation', () => {
  it.each<[string, Partial<ProgrammeDefinition>, string[]]>([
    [
      'a lower-case code',
      { code: 'npqh' },
      ['code: the code must be 2 to 32 capital letters, digits or hyphens, starting with a letter; it is "npqh"'],
    ],
    [
      'a blank name and provider',
      { name: ' ', provider: '' },
      ['name: the name must have 1 to 200 characters', 'provider: the provider must be named'],
    ],
    [
      'an unknown funding source',
      { fundingSource: 'lottery' as never },
      [
        'fundingSource: the funding source must be one of dfe-scholarship, dfe-grant, local-authority, trust-cpd-budget, school-budget, self-funded',
      ],
    ],
    [
      'a cost in fractions of a penny',
      { costPerPlace: 12.5 },
      ['costPerPlace: the cost per place must be whole pence from 0 to 5000000 (£50,000); it is 12.5'],
    ],
    [
      'a negative cost',
      { costPerPlace: -1 },
      ['costPerPlace: the cost per place must be whole pence from 0 to 5000000 (£50,000); it is -1'],
    ],
    ['no skills', { skills: [] }, ['skills: a programme develops at least one skill of the framework']],
    [
      'an unknown and a repeated skill',
      { skills: ['juggling' as never, 'communication', 'communication'] },
      ['skills: not skills of the framework: juggling', 'skills: a skill is listed twice'],
    ],
    [
      'bad prerequisites',
      {
        prerequisites: [
          { kind: 'role-held', roles: [] },
          { kind: 'years-in-role', roles: ['wizard' as never], years: 0, experienceName: 'magic' },
        ],
      },
      [
        'prerequisites.0: a prerequisite names at least one role',
        'prerequisites.1: not roles: wizard; the roles are ceo, executive-headteacher, headteacher, head-of-school, deputy-headteacher, assistant-headteacher, middle-leader, senco, teacher, business-manager, other',
        'prerequisites.1: years in role must be a whole number from 1 to 40; it is 0',
      ],
    ],
    [
      'no length',
      { length: { months: 0, contactDays: 0 } },
      [
        'length.months: the length must be a whole number of months from 1 to 36; it is 0',
        'length.contactDays: contact days must be a whole number ≥ 1; it is 0',
      ],
    ],
    [
      'a qualification without assessment',
      { assessed: false },
      ['awardsQualification: only an assessed programme can award a qualification (a pass is what is awarded)'],
    ],
  ])('refuses %s', (_, override, problems) => {
    expect(programmeProblems({ ...NPQH, ...override }).map((p) => `${p.field}: ${p.problem}`)).toEqual(problems);
  });

  it.each<[ProgrammeDefinition['prerequisites'][number], string]>([
    [{ kind: 'role-held', roles: ['headteacher', 'executive-headteacher'] }, 'currently headteacher or executive headteacher'],
    [{ kind: 'years-in-role', roles: ['headteacher'], years: 2, experienceName: 'headship' }, 'at least 2 years of headship'],
    [{ kind: 'years-in-role', roles: ['senco'], years: 1, experienceName: 'SENCO work' }, 'at least 1 year of SENCO work'],
  ])('describes a prerequisite: %j', (pre, text) => {
    expect(describePrerequisite(pre)).toBe(text);
  });
});

describe('programme lifecycle: published, changed, retired', () => {
  it('publishes a valid new programme as version 1', () => {
    expect(publish(null, NPQH)).toEqual({
      ok: true,
      outcome: { event: 'published', programme: { ...NPQH, status: 'published', version: 1 } },
    });
  });

  it.each<[string, () => ReturnType<typeof publish>, string, string]>([
    [
      'publishing a code already in the catalogue',
      () => publish(published(), NPQH),
      'code',
      'The catalogue already has NPQH (National Professional Qualification in Headship, published); change it or choose another code.',
    ],
    ['publishing an invalid programme', () => publish(null, { ...NPQH, provider: ' ' }), 'provider', 'the provider must be named'],
    [
      'changing a retired programme',
      () => change({ ...published(), status: 'retired' }, NPQH),
      'status',
      'NPQH is retired and cannot be changed; publish a new programme instead.',
    ],
    [
      'changing the code',
      () => change(published(), { ...NPQH, code: 'NPQH2' }),
      'code',
      'The code of a programme cannot change (NPQH to NPQH2).',
    ],
    ['retiring twice', () => retire({ ...published(), status: 'retired' }, 'replaced'), 'status', 'NPQH is already retired.'],
    ['retiring without a reason', () => retire(published(), '  '), 'reason', 'A reason is needed to retire a programme.'],
  ])('refuses %s', (_, run, rule, message) => {
    expect(run()).toEqual({ ok: false, refusals: [{ rule, message }] });
  });

  it.each<[string, Partial<ProgrammeDefinition>, string[]]>([
    ['the cost', { costPerPlace: 250_000 }, ['costPerPlace']],
    ['the provider and skills', { provider: 'Ambition Institute', skills: ['strategic-thinking'] }, ['provider', 'skills']],
    ['the order of skills', { skills: [...NPQH.skills].reverse() }, ['skills']],
    ['the length', { length: { months: 12, contactDays: null } }, ['length']],
  ])('a change of %s is a new version naming the changed fields', (_, override, fields) => {
    const result = change(published(), { ...NPQH, ...override });
    expect(result).toMatchObject({ ok: true, outcome: { event: 'changed', changed: fields, programme: { version: 2, ...override } } });
    expect(changedFields(NPQH, { ...NPQH, ...override })).toEqual(fields);
  });

  it('the same definition again changes nothing and is not announced', () => {
    expect(change(published(), { ...NPQH })).toEqual({ ok: true, outcome: { event: 'unchanged', programme: published() } });
  });

  it('retires with a new version', () => {
    expect(retire(published(), 'national reform')).toEqual({
      ok: true,
      outcome: { event: 'retired', programme: { ...published(), status: 'retired', version: 2 } },
    });
  });
});
