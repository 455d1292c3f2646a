import { refuse, type Decided } from '../shared/refusal';
import { programmeProblems, type ProgrammeDefinition } from './programme';

/**
 * A programme in the catalogue: published (open to cohorts and enrolments), changed (a new version,
 * announced with the fields that changed, never when nothing did), retired (kept for the reports,
 * closed to new cohorts; nothing leaves retired: a programme offered again is published anew under
 * a new code, so history keeps meaning what it meant).
 */

export const PROGRAMME_STATUSES = ['published', 'retired'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export interface Programme extends ProgrammeDefinition {
  readonly status: ProgrammeStatus;
  /** 1 when published, +1 at each change. */
  readonly version: number;
}

export type ProgrammeField = keyof ProgrammeDefinition;

const FIELDS: readonly ProgrammeField[] = [
  'kind',
  'name',
  'provider',
  'fundingSource',
  'costPerPlace',
  'skills',
  'prerequisites',
  'length',
  'assessed',
  'awardsQualification',
];

/** The fields whose values differ (deep, order-sensitive for lists: the order of skills is shown). */
export function changedFields(before: ProgrammeDefinition, after: ProgrammeDefinition): ProgrammeField[] {
  return FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

export type ProgrammeOutcome =
  | { readonly event: 'published'; readonly programme: Programme }
  | { readonly event: 'changed'; readonly programme: Programme; readonly changed: readonly ProgrammeField[] }
  | { readonly event: 'unchanged'; readonly programme: Programme }
  | { readonly event: 'retired'; readonly programme: Programme };

const invalid = (definition: ProgrammeDefinition) => {
  const problems = programmeProblems(definition);
  return problems.length === 0 ? null : { ok: false as const, refusals: problems.map((p) => ({ rule: p.field, message: p.problem })) };
};

export function publish(existing: Programme | null, definition: ProgrammeDefinition): Decided<{ outcome: ProgrammeOutcome }> {
  if (existing)
    return refuse(
      'code',
      `The catalogue already has ${existing.code} (${existing.name}, ${existing.status}); change it or choose another code.`,
    );
  const problems = invalid(definition);
  if (problems) return problems;
  return { ok: true, outcome: { event: 'published', programme: { ...definition, status: 'published', version: 1 } } };
}

export function change(existing: Programme, definition: ProgrammeDefinition): Decided<{ outcome: ProgrammeOutcome }> {
  if (existing.status === 'retired')
    return refuse('status', `${existing.code} is retired and cannot be changed; publish a new programme instead.`);
  if (definition.code !== existing.code)
    return refuse('code', `The code of a programme cannot change (${existing.code} to ${definition.code}).`);
  const problems = invalid(definition);
  if (problems) return problems;
  const changed = changedFields(existing, definition);
  if (changed.length === 0) return { ok: true, outcome: { event: 'unchanged', programme: existing } };
  return {
    ok: true,
    outcome: { event: 'changed', programme: { ...definition, status: 'published', version: existing.version + 1 }, changed },
  };
}

export function retire(existing: Programme, reason: string): Decided<{ outcome: ProgrammeOutcome }> {
  if (existing.status === 'retired') return refuse('status', `${existing.code} is already retired.`);
  if (reason.trim() === '') return refuse('reason', 'A reason is needed to retire a programme.');
  return { ok: true, outcome: { event: 'retired', programme: { ...existing, status: 'retired', version: existing.version + 1 } } };
}
