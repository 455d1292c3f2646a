/**
 * The trust's skills vocabulary, shared by the people service (which owns the framework and the
 * assessments) and the CPD service (whose programmes say which skills they develop): the 19
 * system-leadership skills and the roles they are weighted for, from Table 4 of "System leadership
 * among headteachers: key findings from a 2009-10 research programme" (National College, 2010), and
 * the report's threshold for a significant gap. Part of the contracts, so neither app imports the other.
 */

export const SKILL_IDS = [
  'experience-as-headteacher',
  'experience-of-different-schools',
  'policy-and-structures',
  'influencing-and-negotiation',
  'case-studies-and-best-practice',
  'communication',
  'team-building',
  'planning-and-goals',
  'coaching-and-mentoring',
  'data-analysis',
  'strategic-thinking',
  'further-help-and-support-structures',
  'leading-learning-in-other-schools',
  'leading-change-in-other-schools',
  'identifying-key-priorities',
  'culture-of-high-expectations',
  'diverse-pupils-and-parents',
  'motivating-and-developing-staff',
  'behaviour-management-in-different-contexts',
] as const;
export type SkillId = (typeof SKILL_IDS)[number];

export const isSkillId = (value: string): value is SkillId => (SKILL_IDS as readonly string[]).includes(value);

/** Short names for explanations ("develops data analysis"). */
export const SKILL_NAMES: Readonly<Record<SkillId, string>> = {
  'experience-as-headteacher': 'experience of being a headteacher',
  'experience-of-different-schools': 'direct experience of different types of schools',
  'policy-and-structures': 'knowledge of policy and educational structures',
  'influencing-and-negotiation': 'influencing and negotiation',
  'case-studies-and-best-practice': 'a bank of case studies and best practice',
  communication: 'communication and interpersonal skills',
  'team-building': 'team building',
  'planning-and-goals': 'planning, setting goals and objectives',
  'coaching-and-mentoring': 'coaching and mentoring',
  'data-analysis': 'data analysis',
  'strategic-thinking': 'strategic thinking',
  'further-help-and-support-structures': 'access to further help and support structures',
  'leading-learning-in-other-schools': 'leading learning in other schools',
  'leading-change-in-other-schools': 'leading change in other schools',
  'identifying-key-priorities': 'identifying and implementing key priorities',
  'culture-of-high-expectations': 'a culture of high expectations',
  'diverse-pupils-and-parents': 'working with diverse pupils and parents',
  'motivating-and-developing-staff': 'motivating and developing staff',
  'behaviour-management-in-different-contexts': 'behaviour management in different contexts',
};

/** System-leadership roles a framework weights skills for (Table 4's columns). */
export const FRAMEWORK_ROLES = ['professional-partner', 'sip', 'lle', 'nle', 'executive-headteacher'] as const;
export type FrameworkRole = (typeof FRAMEWORK_ROLES)[number];

/** A gap (confidence − importance) at or below this is significant (the report: "−1.0 or worse"). */
export const SIGNIFICANT_GAP = -1.0;

/** Skill, its wording in the report, then Table 4's row of importance (1–10): PP, SIP, LLE, NLE, executive head. */
export const SKILLS_TABLE_4: ReadonlyArray<readonly [SkillId, string, number, number, number, number, number]> = [
  ['experience-as-headteacher', 'Experience of being a headteacher', 9.34, 9.38, 9.57, 9.54, 9.68],
  ['experience-of-different-schools', 'Direct experience of different types of schools', 7.9, 8.35, 8.24, 8.23, 8.72],
  [
    'policy-and-structures',
    'Knowledge/experience of policy and educational structures, including Ofsted and local authorities',
    8.46,
    9.07,
    8.34,
    8.39,
    8.71,
  ],
  ['influencing-and-negotiation', 'Influencing and negotiation skills', 8.52, 8.62, 9.03, 9.35, 9.3],
  ['case-studies-and-best-practice', 'A bank of case studies/best practice to call upon', 7.34, 8.0, 7.88, 7.75, 7.8],
  ['communication', 'Communication / presentation / interpersonal skills', 9.22, 9.16, 9.35, 9.48, 9.56],
  ['team-building', 'Team-building skills', 8.46, 7.29, 8.74, 9.0, 9.41],
  ['planning-and-goals', 'Ability to plan, setting goals and objectives', 8.79, 8.93, 9.14, 9.33, 9.41],
  ['coaching-and-mentoring', 'Coaching/mentoring skills', 8.83, 8.6, 8.97, 8.94, 8.85],
  ['data-analysis', 'Data analysis skills', 8.11, 9.19, 8.5, 8.7, 9.0],
  ['strategic-thinking', 'Strategic thinking ability (vision, big picture etc)', 9.21, 9.11, 9.37, 9.62, 9.59],
  [
    'further-help-and-support-structures',
    'Access to further help and support structures including specific school intervention strategies such as the National Strategies Improving Schools Programme',
    7.88,
    8.3,
    8.12,
    8.19,
    8.2,
  ],
  ['leading-learning-in-other-schools', 'Leading learning in other schools to raise attainment', 8.0, 8.22, 8.86, 8.92, 8.95],
  ['leading-change-in-other-schools', 'Leading and manage change within other schools', 8.07, 8.17, 8.84, 9.15, 9.29],
  [
    'identifying-key-priorities',
    'Be able to rapidly identify and implement key priorities for school improvement',
    8.84,
    9.24,
    9.15,
    9.51,
    9.52,
  ],
  [
    'culture-of-high-expectations',
    'Developing a culture of learning and high expectations within other schools',
    8.68,
    8.57,
    9.0,
    9.35,
    9.37,
  ],
  ['diverse-pupils-and-parents', 'Working effectively with pupils and parents from diverse backgrounds', 7.74, 6.8, 7.88, 8.1, 8.84],
  ['motivating-and-developing-staff', 'Motivating and developing staff', 8.98, 7.86, 8.89, 9.17, 9.38],
  [
    'behaviour-management-in-different-contexts',
    'Establishing effective behaviour management approaches in different school contexts',
    8.14,
    6.74,
    8.06,
    8.25,
    8.72,
  ],
];

function column(index: number): Record<SkillId, number> {
  return Object.fromEntries(SKILLS_TABLE_4.map((row) => [row[0], row[index] as number])) as Record<SkillId, number>;
}

/** Table 4's default importance of each skill for each role. */
export const DEFAULT_SKILL_IMPORTANCE: Readonly<Record<FrameworkRole, Readonly<Record<SkillId, number>>>> = {
  'professional-partner': column(2),
  sip: column(3),
  lle: column(4),
  nle: column(5),
  'executive-headteacher': column(6),
};
