/**
 * The skills of the people service's default framework (its skills/default-framework.ts, from
 * Table 4 of the National College's 2010 research report), by id: what a programme says it
 * develops and what a skills-gap report names. A spec checks this list against the people service's
 * so the two cannot drift; the gap threshold is the report's.
 */

export const SKILL_NAMES = {
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
} as const;

export type SkillId = keyof typeof SKILL_NAMES;
export const SKILL_IDS = Object.keys(SKILL_NAMES) as SkillId[];

export const isSkillId = (value: string): value is SkillId => Object.hasOwn(SKILL_NAMES, value);

/** A gap at or below this is significant (the report: "−1.0 or worse"); the same as the people service's. */
export const SIGNIFICANT_GAP = -1.0;
