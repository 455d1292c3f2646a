import { describe, expect, it } from '@jest/globals';
import { latestInspectionOf } from './inspection-facts';

describe('latestInspectionOf', () => {
  const base = { startDate: '2024-03-05', overallEffectiveness: null, safeguarding: null, judgements: [] };
  it.each([
    [
      'an OEIF inspection: overall and sub-judgements as grades 1–4',
      {
        ...base,
        framework: 'oeif' as const,
        overallEffectiveness: 2,
        safeguarding: 'effective',
        judgements: [
          { area: 'leadership-and-management', grade: '1' },
          { area: 'quality-of-education', grade: '2' },
        ],
      },
      {
        framework: 'oeif',
        startDate: '2024-03-05',
        overallEffectiveness: 2,
        judgements: { 'leadership-and-management': 1, 'quality-of-education': 2 },
      },
    ],
    [
      'an OEIF inspection after overall grades stopped; a grade off the scale is left out',
      {
        ...base,
        framework: 'oeif' as const,
        judgements: [
          { area: 'quality-of-education', grade: '3' },
          { area: 'early-years', grade: 'strong-standard' },
        ],
      },
      { framework: 'oeif', startDate: '2024-03-05', overallEffectiveness: null, judgements: { 'quality-of-education': 3 } },
    ],
    [
      'a report card: areas and safeguarding met',
      {
        ...base,
        framework: 'report-card' as const,
        safeguarding: 'met',
        judgements: [
          { area: 'leadership-and-governance', grade: 'strong-standard' },
          { area: 'inclusion', grade: 'expected-standard' },
          { area: 'achievement', grade: '2' },
        ],
      },
      {
        framework: 'report-card',
        startDate: '2024-03-05',
        areas: { 'leadership-and-governance': 'strong-standard', inclusion: 'expected-standard' },
        safeguarding: 'met',
      },
    ],
    [
      'a report card with no safeguarding outcome is not read as met',
      { ...base, framework: 'report-card' as const, judgements: [] },
      { framework: 'report-card', startDate: '2024-03-05', areas: {}, safeguarding: 'not-met' },
    ],
  ])('%s', (_name, data, expected) => {
    expect(latestInspectionOf(data)).toEqual(expected);
  });
});
