import type { StaffRole } from '../shared/roles';
import type { ProgrammeDefinition, Prerequisite } from './programme';

/**
 * The catalogue a new trust starts with: the national professional qualifications and the trust
 * programmes the seeds describe. Edited per trust through the API.
 *
 * Where the numbers come from:
 * - Trust programmes, seeds/001 (Exceed SCITT and Teaching Schools, 2017): the Aspiring Executive
 *   Headteacher Programme is "the five-day programme" for headteachers, funded by the local
 *   authority; "Stepping Up" (aspiring head of school / headteacher) is DfE-funded, for leaders
 *   "considering headship in the next 12–18 months", cohorts over June–July and September–November;
 *   Emerging Middle Leaders was facilitated by Bronte Academy Trust; the Teaching Reading Programme
 *   ran with 39 schools; governor training runs April to March. Carnegie Leaders is the NPQ
 *   lead provider the seed names.
 * - NPQ names and lengths are DfE's published ones (12 months for the specialist NPQs, 18 for the
 *   leadership NPQs); the seeds name NPQML, NPQSL, NPQH and NPQEL only.
 * - Costs per place and prerequisites are trust defaults (no seed gives them): placeholders a CPD
 *   lead sets to the provider's real fee. Prerequisites follow who each programme is written for.
 */

const SENIOR: readonly StaffRole[] = ['head-of-school', 'deputy-headteacher', 'assistant-headteacher'];
const HEADS: readonly StaffRole[] = ['executive-headteacher', 'headteacher'];
const MIDDLE: readonly StaffRole[] = ['middle-leader', 'senco', 'business-manager'];
const TEACHING: readonly StaffRole[] = [
  'teacher',
  'middle-leader',
  'senco',
  'assistant-headteacher',
  'deputy-headteacher',
  'head-of-school',
];

const held = (roles: readonly StaffRole[]): Prerequisite => ({ kind: 'role-held', roles });
const NPQ_PROVIDER = 'Carnegie Leaders';

const npq = (
  code: string,
  name: string,
  months: 12 | 18,
  fields: Pick<ProgrammeDefinition, 'skills' | 'prerequisites' | 'costPerPlace'>,
): ProgrammeDefinition => ({
  code,
  kind: 'npq',
  name: `National Professional Qualification in ${name}`,
  provider: NPQ_PROVIDER,
  fundingSource: 'dfe-scholarship',
  length: { months, contactDays: null },
  assessed: true,
  awardsQualification: true,
  ...fields,
});

export const DEFAULT_CATALOGUE: readonly ProgrammeDefinition[] = [
  npq('NPQLT', 'Leading Teaching', 12, {
    costPerPlace: 120_000,
    skills: ['coaching-and-mentoring', 'case-studies-and-best-practice', 'culture-of-high-expectations'],
    prerequisites: [held(TEACHING)],
  }),
  npq('NPQLTD', 'Leading Teacher Development', 12, {
    costPerPlace: 120_000,
    skills: ['coaching-and-mentoring', 'motivating-and-developing-staff', 'leading-learning-in-other-schools'],
    prerequisites: [held(TEACHING)],
  }),
  npq('NPQLBC', 'Leading Behaviour and Culture', 12, {
    costPerPlace: 120_000,
    skills: ['behaviour-management-in-different-contexts', 'culture-of-high-expectations', 'diverse-pupils-and-parents'],
    prerequisites: [held(TEACHING)],
  }),
  npq('NPQLL', 'Leading Literacy', 12, {
    costPerPlace: 120_000,
    skills: ['leading-learning-in-other-schools', 'data-analysis', 'case-studies-and-best-practice'],
    prerequisites: [held(TEACHING)],
  }),
  npq('NPQSL', 'Senior Leadership', 18, {
    costPerPlace: 180_000,
    skills: ['planning-and-goals', 'team-building', 'data-analysis', 'identifying-key-priorities', 'motivating-and-developing-staff'],
    prerequisites: [held([...MIDDLE, ...SENIOR])],
  }),
  npq('NPQH', 'Headship', 18, {
    costPerPlace: 240_000,
    skills: [
      'strategic-thinking',
      'planning-and-goals',
      'identifying-key-priorities',
      'policy-and-structures',
      'culture-of-high-expectations',
      'motivating-and-developing-staff',
    ],
    prerequisites: [held([...SENIOR, ...HEADS])],
  }),
  npq('NPQEL', 'Executive Leadership', 18, {
    costPerPlace: 290_000,
    skills: [
      'strategic-thinking',
      'leading-change-in-other-schools',
      'influencing-and-negotiation',
      'policy-and-structures',
      'experience-of-different-schools',
    ],
    prerequisites: [held([...HEADS, 'ceo']), { kind: 'years-in-role', roles: HEADS, years: 2, experienceName: 'headship' }],
  }),
  npq('NPQEYL', 'Early Years Leadership', 18, {
    costPerPlace: 180_000,
    skills: ['leading-learning-in-other-schools', 'diverse-pupils-and-parents', 'team-building'],
    prerequisites: [],
  }),
  npq('NPQSENCO', 'Special Educational Needs Co-ordination', 18, {
    costPerPlace: 180_000,
    skills: ['diverse-pupils-and-parents', 'policy-and-structures', 'further-help-and-support-structures'],
    prerequisites: [held(['senco', 'teacher', 'middle-leader', 'assistant-headteacher', 'deputy-headteacher'])],
  }),
  npq('NPQLPM', 'Leading Primary Mathematics', 12, {
    costPerPlace: 120_000,
    skills: ['leading-learning-in-other-schools', 'data-analysis', 'coaching-and-mentoring'],
    prerequisites: [held(TEACHING)],
  }),
  {
    code: 'TRUST-AEH',
    kind: 'trust',
    name: 'Aspiring Executive Headteacher Programme',
    provider: 'Exceed SCITT and Teaching Schools',
    fundingSource: 'local-authority',
    costPerPlace: 75_000,
    skills: [
      'experience-of-different-schools',
      'leading-change-in-other-schools',
      'strategic-thinking',
      'influencing-and-negotiation',
      'further-help-and-support-structures',
    ],
    prerequisites: [held(HEADS)],
    length: { months: 3, contactDays: 5 },
    assessed: false,
    awardsQualification: false,
  },
  {
    code: 'TRUST-STEPPING-UP',
    kind: 'trust',
    name: 'Stepping Up: Aspiring Head of School / Headteacher Programme',
    provider: 'Exceed SCITT and Teaching Schools',
    fundingSource: 'dfe-grant',
    costPerPlace: 50_000,
    skills: ['experience-of-different-schools', 'policy-and-structures', 'planning-and-goals', 'identifying-key-priorities'],
    prerequisites: [held(SENIOR)],
    length: { months: 3, contactDays: null },
    assessed: false,
    awardsQualification: false,
  },
  {
    code: 'TRUST-EML',
    kind: 'trust',
    name: 'Emerging Middle Leaders Programme',
    provider: 'Bronte Academy Trust',
    fundingSource: 'trust-cpd-budget',
    costPerPlace: 40_000,
    skills: ['team-building', 'communication', 'motivating-and-developing-staff', 'planning-and-goals'],
    prerequisites: [held(['teacher', 'middle-leader', 'senco'])],
    length: { months: 6, contactDays: null },
    assessed: false,
    awardsQualification: false,
  },
  {
    code: 'TRUST-READING',
    kind: 'trust',
    name: 'Teaching Reading Programme',
    provider: 'Exceed SCITT and Teaching Schools',
    fundingSource: 'school-budget',
    costPerPlace: 30_000,
    skills: ['leading-learning-in-other-schools', 'case-studies-and-best-practice', 'data-analysis'],
    prerequisites: [],
    length: { months: 7, contactDays: null },
    assessed: false,
    awardsQualification: false,
  },
  {
    code: 'TRUST-GOVERNORS',
    kind: 'trust',
    name: 'Governor Training and Development Programme',
    provider: 'Exceed SCITT and Teaching Schools',
    fundingSource: 'school-budget',
    costPerPlace: 15_000,
    skills: ['policy-and-structures', 'data-analysis', 'strategic-thinking'],
    prerequisites: [],
    length: { months: 12, contactDays: null },
    assessed: false,
    awardsQualification: false,
  },
];
