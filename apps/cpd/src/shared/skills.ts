/**
 * The skills vocabulary CPD shares with the people service, from the contracts (the 19 skills of
 * Table 4, their names, the framework roles and the significant-gap threshold): what a programme
 * says it develops and what a skills-gap report names.
 */
export {
  DEFAULT_SKILL_IMPORTANCE,
  FRAMEWORK_ROLES,
  SIGNIFICANT_GAP,
  SKILL_IDS,
  SKILL_NAMES,
  isSkillId,
  type FrameworkRole,
  type SkillId,
} from '@trustwide/contracts';
