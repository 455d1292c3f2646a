/**
 * The trust's default skills framework: the 19 system-leadership skills and how important each is
 * to each system-leadership role, from Table 4 of "System leadership among headteachers: key
 * findings from a 2009-10 research programme" (National College; mean importance out of 10 among
 * those doing or interested in each role). A trust may edit its own copy.
 */

import { DEFAULT_SKILL_IMPORTANCE, SKILLS_TABLE_4, type FrameworkRole, type SkillId } from '@trustwide/contracts';

// The vocabulary (skill ids, the roles, Table 4) is in the contracts, shared with the CPD service.
export { FRAMEWORK_ROLES, SKILL_IDS, type FrameworkRole, type SkillId } from '@trustwide/contracts';

export interface SkillDefinition {
  readonly id: SkillId;
  /** As the report words it. */
  readonly name: string;
}

export interface SkillsFramework {
  readonly name: string;
  readonly source: string;
  readonly skills: readonly SkillDefinition[];
  /** Importance 1–10 of each skill for each role. */
  readonly importance: Readonly<Record<FrameworkRole, Readonly<Record<SkillId, number>>>>;
}

export const DEFAULT_SKILLS_FRAMEWORK: SkillsFramework = {
  name: 'System leadership skills (National College, 2010)',
  source: 'System leadership among headteachers, key findings from a 2009-10 research programme, Table 4',
  skills: SKILLS_TABLE_4.map(([id, name]) => ({ id, name })),
  importance: DEFAULT_SKILL_IMPORTANCE,
};
