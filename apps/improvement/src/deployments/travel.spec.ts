import { describe, expect, it } from '@jest/globals';
import { estimatedMinutes, travelFlags, type LocatedSchool } from './travel';

const at = (schoolId: string, easting: number | null, northing: number | null): LocatedSchool => ({
  schoolId,
  name: `School ${schoolId}`,
  easting,
  northing,
});

describe('journey time from Easting/Northing', () => {
  it.each<[number, number]>([
    [0, 0],
    [10, 19.5],
    // 30.77 km straight is 40 km by road: exactly the hour.
    [40 / 1.3, 60],
    [50, 97.5],
  ])('%d km in a straight line is about %d minutes', (km, minutes) => {
    expect(estimatedMinutes(km)).toBeCloseTo(minutes, 6);
  });
});

describe("an executive head's schools more than an hour apart", () => {
  it.each<[string, LocatedSchool[], string[], string[]]>([
    ['two schools 10 km apart', [at('a', 400000, 430000), at('b', 406000, 438000)], [], []],
    ['exactly an hour apart is not flagged', [at('a', 0, 0), at('b', 30769, 0)], [], []],
    [
      'just over an hour',
      [at('a', 0, 0), at('b', 30800, 0)],
      [
        'School a and School b are 30.8 km apart in a straight line, about 60 minutes by road (over 60 at 40 km/h with a road factor of 1.3).',
      ],
      [],
    ],
    [
      'three schools, one far from the other two: every pair is checked',
      // 3-4-5 triangles: a–c 50 km, b–c 60 km, a–b 10 km.
      [at('a', 410000, 440000), at('b', 416000, 448000), at('c', 380000, 400000)],
      [
        'School a and School c are 50 km apart in a straight line, about 98 minutes by road (over 60 at 40 km/h with a road factor of 1.3).',
        'School b and School c are 60 km apart in a straight line, about 117 minutes by road (over 60 at 40 km/h with a road factor of 1.3).',
      ],
      [],
    ],
    ['a school without coordinates is reported, not guessed', [at('a', 0, 0), at('b', null, 5000), at('c', 1000, 1000)], [], ['b']],
    ['one school', [at('a', 0, 0)], [], []],
  ])('%s', (_, schools, messages, unlocated) => {
    const check = travelFlags(schools);
    expect(check.flags.map((f) => f.message)).toEqual(messages);
    expect(check.unlocated).toEqual(unlocated);
  });

  it('gives the pair and the numbers', () => {
    expect(travelFlags([at('a', 0, 0), at('b', 0, 50000)]).flags).toEqual([
      { schoolIds: ['a', 'b'], straightLineKm: 50, estimatedMinutes: 98, message: expect.any(String) },
    ]);
  });
});
