import { describe, expect, it } from '@jest/globals';
import {
  GOOD_OR_BETTER,
  inspectionShortfalls,
  STRONG,
  type LatestInspection,
  type OeifGrade,
  type ReportCardGrade,
} from './inspection-standing';

const oeif = (overall: OeifGrade | null, judgements: Record<string, OeifGrade> = {}): LatestInspection => ({
  framework: 'oeif',
  startDate: '2024-03-12',
  overallEffectiveness: overall,
  judgements,
});
const card = (areas: Record<string, ReportCardGrade>, safeguarding: 'met' | 'not-met' = 'met'): LatestInspection => ({
  framework: 'report-card',
  startDate: '2025-12-02',
  areas,
  safeguarding,
});
const OEIF_AT = 'at the latest inspection (OEIF, 12 March 2024)';
const CARD_AT = 'at the latest inspection (report card, 2 December 2025)';
const strongCard = {
  'curriculum-and-teaching': 'strong-standard',
  inclusion: 'exceptional',
  'leadership-and-governance': 'strong-standard',
} as const;

describe('good or better (LLE), read per framework', () => {
  it.each<[string, LatestInspection, string[]]>([
    ['OEIF Outstanding', oeif(1), []],
    ['OEIF Good', oeif(2), []],
    [
      'OEIF Requires improvement',
      oeif(3),
      [`the school is not good or better ${OEIF_AT}: overall effectiveness was Requires improvement (3)`],
    ],
    ['OEIF without an overall grade, all Good', oeif(null, { 'quality-of-education': 2, 'leadership-and-management': 2 }), []],
    [
      'OEIF without an overall grade, one sub-judgement RI',
      oeif(null, { 'quality-of-education': 3, 'leadership-and-management': 2 }),
      [`the school is not good or better ${OEIF_AT}: no overall grade, and quality-of-education was Requires improvement (3)`],
    ],
    ['OEIF with nothing graded', oeif(null), [`the school has no overall grade and no sub-judgements ${OEIF_AT}`]],
    [
      'a report card at expected standard',
      card({ 'curriculum-and-teaching': 'expected-standard', 'leadership-and-governance': 'expected-standard' }),
      [],
    ],
    [
      'a report card with an area needing attention',
      card({ achievement: 'needs-attention', 'leadership-and-governance': 'strong-standard' }),
      [`the school is not good or better ${CARD_AT}: achievement was needs attention (every area must be expected standard or better)`],
    ],
    ['a report card with safeguarding not met', card(strongCard, 'not-met'), [`safeguarding was not met ${CARD_AT}`]],
    [
      'a report card without a leadership grade',
      card({ achievement: 'strong-standard' }),
      [`leadership and governance was not graded ${CARD_AT}`],
    ],
  ])('%s', (_, inspection, shortfalls) => {
    expect(inspectionShortfalls(inspection, GOOD_OR_BETTER)).toEqual(shortfalls);
  });
});

describe('strong (NLE), read per framework', () => {
  it.each<[string, LatestInspection, string[]]>([
    ['OEIF Outstanding', oeif(1), []],
    ['OEIF Good with Outstanding leadership', oeif(2, { 'leadership-and-management': 1 }), []],
    [
      'OEIF Good with Good leadership',
      oeif(2, { 'leadership-and-management': 2 }),
      [
        `the school is not strong (outstanding, or good with outstanding leadership) ${OEIF_AT}: overall effectiveness was Good (2), and leadership and management was Good (2)`,
      ],
    ],
    [
      'OEIF Good, leadership not graded',
      oeif(2),
      [
        `the school is not strong (outstanding, or good with outstanding leadership) ${OEIF_AT}: overall effectiveness was Good (2), and leadership and management was not graded`,
      ],
    ],
    [
      'OEIF Requires improvement',
      oeif(3, { 'leadership-and-management': 1 }),
      [
        `the school is not strong (outstanding, or good with outstanding leadership) ${OEIF_AT}: overall effectiveness was Requires improvement (3)`,
      ],
    ],
    ['OEIF without overall: all Outstanding', oeif(null, { 'quality-of-education': 1, 'leadership-and-management': 1 }), []],
    [
      'OEIF without overall: Good with Outstanding leadership',
      oeif(null, { 'quality-of-education': 2, 'leadership-and-management': 1 }),
      [],
    ],
    ['a strong report card', card(strongCard), []],
    [
      'a report card with an area at expected standard',
      card({ ...strongCard, achievement: 'expected-standard' }),
      [
        `the school is not strong (outstanding, or good with outstanding leadership) ${CARD_AT}: achievement was expected standard (every area must be strong standard or better)`,
      ],
    ],
  ])('%s', (_, inspection, shortfalls) => {
    expect(inspectionShortfalls(inspection, STRONG)).toEqual(shortfalls);
  });
});
