import { createHash } from 'node:crypto';

/** A name-based UUID (SHA-1, version 5 layout): the same fact always gives the same alert id, live or rebuilt. */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update(`trustwide.read-model:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Every kind of alert the read model raises (the alerts feed filters by them). */
export const ALERT_KINDS = [
  'risk-worsened',
  'inspection-grade-fell',
  'plan-at-risk',
  'impact-report-overdue',
  'support-flagged',
  'designation-lapsing',
  'leader-over-committed',
  'cohort-waitlist',
  'commission-near-budget',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertDraft {
  alert_id: string;
  trust_id: string;
  kind: AlertKind;
  severity: 'high' | 'medium' | 'low';
  subject_type: 'school' | 'plan' | 'agreement' | 'designation' | 'staff' | 'cohort' | 'commission';
  subject_id: string;
  school_ids: string[];
  title: string;
  detail: Record<string, unknown>;
  raised_at: string;
  event_id: string;
}

const RISK_RANK: Record<string, number> = { green: 1, amber: 2, red: 3 };

/** Risk worsened: the new level is amber or red and above the old one (unassessed counts as below green). */
export function riskWorsened(from: string | undefined | null, to: string): boolean {
  return (RISK_RANK[to] ?? 0) >= 2 && (RISK_RANK[to] ?? 0) > (from ? (RISK_RANK[from] ?? 0) : 0);
}

/** Report-card grades, best first; OEIF grades are numbers 1 (outstanding) to 4. The two scales are never compared. */
const REPORT_CARD_RANK: Record<string, number> = {
  exceptional: 1,
  'strong-standard': 2,
  'expected-standard': 3,
  'needs-attention': 4,
  'urgent-improvement': 5,
};

export interface InspectionFacts {
  inspectionId: string;
  framework: string;
  startDate: string;
  overall?: number | null;
  safeguarding?: string | null;
  judgements: { area: string; grade: string }[];
}

/**
 * What fell between a school's previous inspection and the next one under the same framework (empty: nothing
 * fell). OEIF: the overall judgement or any sub-judgement's number went up; report card: any area graded lower
 * than the same area before, or safeguarding from met to not met.
 */
export function gradesThatFell(previous: InspectionFacts, next: InspectionFacts): string[] {
  if (previous.framework !== next.framework) return [];
  const fell: string[] = [];
  const rank = (grade: string) => (next.framework === 'oeif' ? Number(grade) : REPORT_CARD_RANK[grade]);
  if (next.framework === 'oeif' && previous.overall && next.overall && next.overall > previous.overall)
    fell.push(`overall ${previous.overall} → ${next.overall}`);
  for (const j of next.judgements) {
    const before = previous.judgements.find((p) => p.area === j.area);
    if (!before) continue;
    const [a, b] = [rank(before.grade), rank(j.grade)];
    if (Number.isFinite(a) && Number.isFinite(b) && b > a) fell.push(`${j.area} ${before.grade} → ${j.grade}`);
  }
  const unsafe = (s?: string | null) => s === 'not-met' || s === 'not-effective';
  if (previous.safeguarding && !unsafe(previous.safeguarding) && unsafe(next.safeguarding))
    fell.push(`safeguarding ${previous.safeguarding} → ${next.safeguarding}`);
  return fell;
}

/**
 * Walks a school's inspections in the order they were recorded, starting from the ones already stored, and gives
 * for each newly recorded one that is its framework's latest the grades that fell against the one before it.
 */
export function inspectionFalls(
  stored: InspectionFacts[],
  incoming: InspectionFacts[],
): { inspection: InspectionFacts; previous: InspectionFacts; fell: string[] }[] {
  const known = new Map(stored.map((i) => [i.inspectionId, i]));
  const out: { inspection: InspectionFacts; previous: InspectionFacts; fell: string[] }[] = [];
  for (const next of incoming) {
    const others = [...known.values()].filter((i) => i.framework === next.framework && i.inspectionId !== next.inspectionId);
    const latestOther = others.sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
    known.set(next.inspectionId, next);
    if (!latestOther || latestOther.startDate > next.startDate) continue; // an older inspection recorded late
    const fell = gradesThatFell(latestOther, next);
    if (fell.length > 0) out.push({ inspection: next, previous: latestOther, fell });
  }
  return out;
}
