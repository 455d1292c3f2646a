import { describe, expect, it } from '@jest/globals';
import { CPD_SKILL_IDS, SKILLS_FRAMEWORK_ROLES } from '@trustwide/contracts';
import { DEFAULT_SKILL_IMPORTANCE, FRAMEWORK_ROLES, SIGNIFICANT_GAP, SKILL_IDS, SKILL_NAMES, isSkillId } from './skills';

describe('the skills vocabulary CPD reads from the contracts', () => {
  it('has the 19 skills, each named and weighted for every framework role, and the −1.0 threshold', () => {
    expect(SKILL_IDS).toHaveLength(19);
    expect(Object.keys(SKILL_NAMES).sort()).toEqual([...SKILL_IDS].sort());
    for (const role of FRAMEWORK_ROLES) expect(Object.keys(DEFAULT_SKILL_IMPORTANCE[role]).sort()).toEqual([...SKILL_IDS].sort());
    expect(DEFAULT_SKILL_IMPORTANCE['executive-headteacher']['leading-change-in-other-schools']).toBe(9.29);
    expect(SIGNIFICANT_GAP).toBe(-1);
  });

  it('is the vocabulary the events carry (programme skills, assessment roles)', () => {
    expect([...CPD_SKILL_IDS]).toEqual([...SKILL_IDS]);
    expect([...SKILLS_FRAMEWORK_ROLES]).toEqual([...FRAMEWORK_ROLES]);
  });

  it.each([
    ['data-analysis', true],
    ['Data-Analysis', false],
    ['toString', false],
    ['', false],
  ])('isSkillId(%p) is %p', (value, expected) => {
    expect(isSkillId(value)).toBe(expected);
  });
});
