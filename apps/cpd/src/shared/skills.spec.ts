import { describe, expect, it } from '@jest/globals';
// The people service owns the framework; this spec only guards against the CPD copy drifting from it.
import { SKILL_IDS as PEOPLE_SKILL_IDS } from '../../../people/src/skills/default-framework';
import { SIGNIFICANT_GAP as PEOPLE_SIGNIFICANT_GAP } from '../../../people/src/skills/gaps';
import { SIGNIFICANT_GAP, SKILL_IDS } from './skills';

describe('the CPD copy of the skills framework', () => {
  it('names exactly the people service\'s 19 skills, in its order, with its significance threshold', () => {
    expect(SKILL_IDS).toEqual([...PEOPLE_SKILL_IDS]);
    expect(SKILL_IDS).toHaveLength(19);
    expect(SIGNIFICANT_GAP).toBe(PEOPLE_SIGNIFICANT_GAP);
  });
});
