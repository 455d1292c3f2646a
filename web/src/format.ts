import type { Inspection } from './api/types';

export const PHASES = ['nursery', 'primary', 'middle', 'secondary', 'all-through', '16-plus', 'special', 'alternative-provision'];

export const MEASURE_NAMES: Record<string, string> = {
  pupilsOnRoll: 'Pupils on roll',
  attainmentExpectedStandard: 'Attainment at expected standard (%)',
  progress: 'Progress',
  attendance: 'Attendance (%)',
  persistentAbsence: 'Persistent absence (%)',
  pupilPremium: 'Pupil premium (%)',
  send: 'SEND (%)',
  exclusions: 'Exclusions',
  inYearBalance: 'In-year balance (£)',
  staffTurnover: 'Staff turnover (%)',
};

export const measureName = (m: string) => MEASURE_NAMES[m] ?? m;

const OEIF = ['', 'Outstanding', 'Good', 'Requires improvement', 'Inadequate'];

/** An OEIF overall grade in words; the two frameworks are shown apart and never compared. */
export const oeifGrade = (g: number | null | undefined) => (g ? `${g} ${OEIF[g] ?? ''}` : 'no overall grade');

export const words = (s: string) => s.replace(/-/g, ' ');

export function inspectionSummary(latest: { oeif?: Inspection; reportCard?: Inspection }): string {
  const parts: string[] = [];
  if (latest.reportCard)
    parts.push(`Report card ${latest.reportCard.startDate.slice(0, 10)} (safeguarding ${latest.reportCard.safeguarding ?? '?'})`);
  if (latest.oeif) parts.push(`OEIF ${oeifGrade(latest.oeif.overallEffectiveness)} (${latest.oeif.startDate.slice(0, 10)})`);
  return parts.join(' · ') || 'none recorded';
}

export const date = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '–';

/** A moment to the minute, in UK time as the trust reads it. */
export const dateTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/London',
      })
    : '–';
