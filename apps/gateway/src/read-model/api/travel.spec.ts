import { describe, expect, it } from '@jest/globals';
import { span, travelMinutes } from './travel';

const at = (schoolId: string, easting: number | null, northing: number | null) => ({ schoolId, easting, northing });

describe('travelMinutes', () => {
  it.each([
    [at('a', 500000, 200000), at('b', 500000, 200000), 0],
    [at('a', 500000, 200000), at('b', 520000, 200000), 39], // 20 km × 1.3 at 40 km/h
    [at('a', 500000, 200000), at('b', 500000, 231000), 60],
    [at('a', null, 200000), at('b', 500000, 200000), null],
  ])('%j to %j: %s min', (a, b, minutes) => expect(travelMinutes(a, b)).toBe(minutes));
});

describe('span', () => {
  it('flags a span of an hour or more and lists unlocated schools, not guessing them', () => {
    const s = span([at('a', 500000, 200000), at('b', 500000, 231000), at('c', null, null)]);
    expect(s).toMatchObject({ longestMinutes: 60, overAnHour: true, unlocated: ['c'] });
    expect(s.pairs).toHaveLength(3);
    expect(span([at('a', 500000, 200000), at('b', 510000, 200000)]).overAnHour).toBe(false);
  });
});
