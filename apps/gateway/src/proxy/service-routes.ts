/** Which service owns a public API path (under /api). Commands and reads go to the owner over HTTP. */
export type OwningService = 'schools' | 'people' | 'improvement' | 'cpd';

const TRUST_SCOPED: Record<string, OwningService> = {
  schools: 'schools',
  imports: 'schools',
  'risk-rules': 'schools',
};

/** The owner of `/api/<path>`, or null when no service answers it. */
export function owningService(path: string): OwningService | null {
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts[0] !== 'trusts') return null;
  if (parts.length <= 2) return 'schools'; // the trust itself (registered and changed by the schools service)
  return TRUST_SCOPED[parts[2]] ?? null;
}
