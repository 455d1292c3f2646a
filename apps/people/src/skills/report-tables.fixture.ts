import type { SkillId } from './default-framework';

/**
 * The research report's own numbers (seeds/003, "System leadership among headteachers"), as the
 * seed's extracted text prints them, row by row in the framework's skill order. Used to prove the
 * gap arithmetic reproduces the report's Tables 8–11 from its Tables 4, 6 and 7.
 */

export type ReportRole = 'professional-partner' | 'sip' | 'lle' | 'nle';

/** Tables 6 (current system leaders) and 7 (aspiring): mean confidence, columns PP, SIP, LLE, NLE. */
const TABLE_6: ReadonlyArray<readonly [number, number, number, number]> = [
  [9.1, 9.91, 9.73, 9.82],
  [8.14, 9.36, 8.96, 8.82],
  [8.22, 9.15, 8.67, 8.77],
  [8.52, 9.18, 9.19, 9.38],
  [7.48, 8.21, 7.88, 7.56],
  [8.79, 9.21, 9.25, 9.23],
  [8.76, 9.0, 9.1, 9.31],
  [8.87, 9.39, 9.35, 9.69],
  [8.52, 9.09, 9.04, 9.05],
  [8.34, 9.48, 8.75, 9.05],
  [9.04, 9.61, 9.56, 9.77],
  [7.53, 8.42, 7.71, 8.03],
  [7.75, 8.82, 8.69, 9.03],
  [7.78, 8.94, 8.75, 9.08],
  [8.69, 9.67, 9.0, 9.56],
  [8.07, 9.12, 8.98, 9.31],
  [8.18, 8.61, 8.27, 8.59],
  [8.76, 9.27, 9.19, 9.38],
  [8.21, 8.85, 8.29, 8.85],
];

const TABLE_7: ReadonlyArray<readonly [number, number, number, number]> = [
  [7.94, 7.9, 8.16, 8.18],
  [7.19, 7.05, 7.3, 7.62],
  [7.3, 7.38, 7.39, 7.56],
  [7.64, 7.93, 8.09, 7.87],
  [6.2, 6.62, 6.88, 6.76],
  [8.35, 8.54, 8.39, 8.22],
  [8.19, 8.49, 8.29, 8.13],
  [8.28, 8.64, 8.41, 8.44],
  [7.85, 8.28, 7.99, 8.18],
  [7.69, 8.06, 7.87, 7.87],
  [8.35, 8.69, 8.43, 8.53],
  [6.64, 6.94, 6.83, 7.04],
  [6.33, 6.73, 7.17, 7.36],
  [6.43, 6.68, 7.1, 7.27],
  [7.88, 8.15, 8.2, 8.22],
  [7.2, 7.35, 7.59, 7.89],
  [7.73, 7.79, 7.86, 7.67],
  [8.26, 8.41, 8.36, 8.4],
  [7.77, 7.72, 7.65, 7.98],
];

const COLUMN: Record<ReportRole, number> = { 'professional-partner': 0, sip: 1, lle: 2, nle: 3 };

export function reportConfidence(table: 6 | 7, role: ReportRole, skills: readonly SkillId[]): Record<SkillId, number> {
  const rows = table === 6 ? TABLE_6 : TABLE_7;
  return Object.fromEntries(skills.map((skill, i) => [skill, rows[i][COLUMN[role]]])) as Record<SkillId, number>;
}

export type GapColumn = 'current' | 'potential';

/**
 * Tables 8–11 exactly as the seed's text extraction gives each cell, per role and column, in skill
 * order. The extraction dropped the "-0." of gaps between −1 and 0 ("71" is −0.71) and the report
 * prints no value where confidence is at or above importance (no gap).
 */
export const GAP_TABLES: Readonly<Record<ReportRole, { table: number; current: readonly string[]; potential: readonly string[] }>> = {
  'professional-partner': {
    table: 8,
    current: ['24', '', '24', '', '', '43', '', '', '31', '', '17', '35', '25', '39', '15', '61', '', '22', ''],
    potential: [
      '-1.4',
      '71',
      '-1.16',
      '88',
      '-1.14',
      '87',
      '27',
      '51',
      '98',
      '42',
      '86',
      '-1.29',
      '-1.67',
      '-1.64',
      '96',
      '-1.48',
      '01',
      '72',
      '98',
    ],
  },
  lle: {
    table: 9,
    current: ['', '', '', '', '', '1', '', '', '', '', '', '41', '17', '09', '15', '02', '', '', ''],
    potential: [
      '-1.41',
      '923',
      '95',
      '94',
      '-1.0',
      '96',
      '45',
      '73',
      '98',
      '63',
      '94',
      '-1.29',
      '-1.69',
      '-1.74',
      '95',
      '-1.41',
      '002',
      '53',
      '41',
    ],
  },
  sip: {
    table: 10,
    current: ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    potential: [
      '-1.48',
      '-1.3',
      '-1.69',
      '69',
      '-1.38',
      '-0.62',
      '',
      '29',
      '32',
      '-1.13',
      '42',
      '-1.36',
      '-1.49',
      '-1.49',
      '-1.09',
      '-1.22',
      '',
      '',
      '',
    ],
  },
  nle: {
    table: 11,
    current: ['', '', '', '', '19', '25', '', '', '', '', '', '16', '', '07', '', '04', '', '', ''],
    potential: [
      '-1.36',
      '61',
      '83',
      '-1.48',
      '99',
      '-1.26',
      '87',
      '89',
      '76',
      '83',
      '-1.09',
      '-1.15',
      '-1.56',
      '-1.28',
      '-1.29',
      '-1.46',
      '-1.17',
      '77',
      '27',
    ],
  },
};

export type ReportCell = { kind: 'gap'; value: number } | { kind: 'blank' } | { kind: 'illegible'; text: string };

/** Reads one extracted cell: "-1.29" → −1.29, "71" → −0.71, "1" → −0.1, "" → no gap printed. */
export function readCell(text: string): ReportCell {
  if (text === '') return { kind: 'blank' };
  if (/^-\d\.\d{1,2}$/.test(text)) return { kind: 'gap', value: Number(text) };
  if (/^\d{1,2}$/.test(text)) return { kind: 'gap', value: -Number(`0.${text}`) };
  return { kind: 'illegible', text };
}

/**
 * The cells where the report does not match its own inputs (Table 6 or 7 minus Table 4), each with
 * why. Every other cell is reproduced to two decimals (or is blank where the computed gap is ≥ 0).
 */
export const DIFFERING_CELLS: ReadonlyArray<{ role: ReportRole; column: GapColumn; skill: SkillId; inputsGive: number; why: string }> = [
  {
    role: 'professional-partner',
    column: 'current',
    skill: 'leading-change-in-other-schools',
    inputsGive: -0.29,
    why: 'Table 8 prints −0.39 but Table 6 − Table 4 is 7.78 − 8.07 = −0.29: a misprint in the report (one digit)',
  },
  {
    role: 'professional-partner',
    column: 'potential',
    skill: 'further-help-and-support-structures',
    inputsGive: -1.24,
    why: 'Table 8 prints −1.29 but Table 7 − Table 4 is 6.64 − 7.88 = −1.24: a misprint in the report (one digit; significant either way)',
  },
  {
    role: 'professional-partner',
    column: 'potential',
    skill: 'behaviour-management-in-different-contexts',
    inputsGive: -0.37,
    why: 'Table 8 prints −0.98 but Table 7 − Table 4 is 7.77 − 8.14 = −0.37: the report is inconsistent with its own inputs (not significant either way)',
  },
  {
    role: 'lle',
    column: 'potential',
    skill: 'experience-of-different-schools',
    inputsGive: -0.94,
    why: 'the seed\'s text of this Table 9 cell is garbled ("923"), so there is no printed value to compare; Table 7 − Table 4 is 7.30 − 8.24 = −0.94',
  },
  {
    role: 'lle',
    column: 'potential',
    skill: 'diverse-pupils-and-parents',
    inputsGive: -0.02,
    why: 'the seed\'s text of this Table 9 cell is garbled ("002"; probably −0.02), so it is not compared; Table 7 − Table 4 is 7.86 − 7.88 = −0.02',
  },
  {
    role: 'nle',
    column: 'potential',
    skill: 'leading-change-in-other-schools',
    inputsGive: -1.88,
    why: 'Table 11 prints −1.28 but Table 7 − Table 4 is 7.27 − 9.15 = −1.88: a misprint in the report (one digit; significant either way)',
  },
  {
    role: 'nle',
    column: 'potential',
    skill: 'diverse-pupils-and-parents',
    inputsGive: -0.43,
    why: 'Table 11 prints −1.17 but Table 7 − Table 4 is 7.67 − 8.10 = −0.43: the report is inconsistent with its own inputs, and lists it as significant because of the misprint',
  },
];

/**
 * The report's bullet lists of significant gaps for aspiring leaders (below Tables 8–11), and where
 * they disagree with the report's own table (and so with the computed gaps), why.
 */
export const SIGNIFICANT_LISTS: Readonly<
  Record<ReportRole, { listed: readonly SkillId[]; notSignificantByTable: Partial<Record<SkillId, string>> }>
> = {
  'professional-partner': {
    listed: [
      'experience-as-headteacher',
      'policy-and-structures',
      'case-studies-and-best-practice',
      'further-help-and-support-structures',
      'leading-learning-in-other-schools',
      'leading-change-in-other-schools',
      'culture-of-high-expectations',
    ],
    notSignificantByTable: {},
  },
  lle: {
    listed: [
      'experience-as-headteacher',
      'case-studies-and-best-practice',
      'further-help-and-support-structures',
      'leading-learning-in-other-schools',
      'leading-change-in-other-schools',
      'culture-of-high-expectations',
    ],
    notSignificantByTable: {},
  },
  sip: {
    listed: [
      'experience-as-headteacher',
      'experience-of-different-schools',
      'policy-and-structures',
      'influencing-and-negotiation',
      'case-studies-and-best-practice',
      'data-analysis',
      'further-help-and-support-structures',
      'leading-learning-in-other-schools',
      'leading-change-in-other-schools',
      'identifying-key-priorities',
      'culture-of-high-expectations',
    ],
    notSignificantByTable: {
      'influencing-and-negotiation': 'listed as significant, but Table 10 itself prints −0.69 (7.93 − 8.62), which is not −1.0 or worse',
    },
  },
  nle: {
    listed: [
      'experience-as-headteacher',
      'influencing-and-negotiation',
      'communication',
      'strategic-thinking',
      'further-help-and-support-structures',
      'leading-learning-in-other-schools',
      'leading-change-in-other-schools',
      'identifying-key-priorities',
      'culture-of-high-expectations',
      'diverse-pupils-and-parents',
    ],
    notSignificantByTable: {
      'diverse-pupils-and-parents': 'listed because Table 11 misprints −1.17; the inputs give −0.43 (7.67 − 8.10)',
    },
  },
};
