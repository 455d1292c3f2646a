/** Which service owns a public API path (under /api). Commands and reads go to the owner over HTTP. */
export type OwningService = 'schools' | 'people' | 'improvement' | 'cpd';

export const SERVICES: readonly OwningService[] = ['schools', 'people', 'improvement', 'cpd'];

/**
 * What follows `/trusts/:t/` and who owns it. A Map, not an object literal: a path segment is caller input,
 * and `constructor` or `__proto__` must find nothing rather than Object.prototype's members.
 */
const TRUST_SCOPED = new Map<string, OwningService>([
  ['schools', 'schools'],
  ['imports', 'schools'],
  ['risk-rules', 'schools'],
  ['staff', 'people'],
  ['designations', 'people'],
  ['capacity', 'people'],
  ['skills', 'people'],
  ['plans', 'improvement'],
  ['agreements', 'improvement'],
  ['impact-reports', 'improvement'],
  ['reviews', 'improvement'],
  ['funding', 'improvement'],
  ['support', 'improvement'],
  ['programmes', 'cpd'],
  ['cohorts', 'cpd'],
  ['enrolments', 'cpd'],
  ['commissions', 'cpd'],
  ['evaluations', 'cpd'],
  ['recommendations', 'cpd'],
  ['cpd-reports', 'cpd'],
]);

/** The owner of `/api/<path>`, or null when no service answers it. `path` starts with `/`, without the query. */
export function owningService(path: string): OwningService | null {
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'trusts' || parts.some((p) => p === '')) return null;
  if (parts.length <= 2) return 'schools'; // the trust itself (registered and changed by the schools service)
  return TRUST_SCOPED.get(parts[2]) ?? null;
}
