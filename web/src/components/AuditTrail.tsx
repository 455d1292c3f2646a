import { useState } from 'react';
import { api, trustPath } from '../api/client';
import type { AuditEntry } from '../api/types';
import { dateTime, words } from '../format';
import { useLoad } from '../hooks';
import { DataTable } from './DataTable';
import { ErrorNote, Loading } from './Status';

const PAGE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `people.designation.renewed` → `designation renewed`: the service is implied by the subject. */
export const eventName = (type: string) => words(type.split('.').slice(1).join(' '));

/** Who acted: a user by name (or `[erased]`), a service or the system by what it is. */
export function actorName(actor: AuditEntry['actor']): string {
  if (actor.kind === 'user') return actor.name ?? 'a user no longer known';
  return actor.kind === 'service' ? `${actor.id} service` : actor.kind;
}

/** What changed, in short: a move between statuses, else the event's plain values (ids left out, they are named apart). */
export function changeSummary(data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.from === 'string' && typeof data.to === 'string') parts.push(`${data.from} → ${data.to}`);
  for (const [key, value] of Object.entries(data)) {
    if (key === 'from' || key === 'to' || parts.length >= 6) continue;
    if (typeof value === 'string' ? !UUID.test(value) : typeof value === 'number' || typeof value === 'boolean')
      parts.push(`${words(key.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase())}: ${String(value)}`);
  }
  return parts.join('; ') || '–';
}

/**
 * The audit trail of one subject (a school, person, designation, agreement or cohort) from the gateway's read model:
 * who changed what and when, newest first; people erased since are shown as `[erased]`. `version` reloads it after a
 * change made on the same page.
 */
export function AuditTrail({ subject, caption, version = 0 }: { subject: string; caption: string; version?: number }) {
  const [limit, setLimit] = useState(PAGE);
  const audit = useLoad(
    () => api.get<{ total: number; entries: AuditEntry[] }>(`${trustPath()}/audit?subject=${encodeURIComponent(subject)}&limit=${limit}`),
    [subject, limit, version],
  );
  if (audit.error) return <ErrorNote error={audit.error} />;
  if (!audit.data) return <Loading what="the history" />;
  const { entries, total } = audit.data;
  return (
    <>
      <DataTable
        caption={caption}
        className="audit"
        rows={entries}
        rowKey={(e) => e.eventId}
        empty="Nothing recorded yet."
        columns={[
          { key: 'at', header: 'When', render: (e) => <time dateTime={e.at}>{dateTime(e.at)}</time>, sort: (e) => e.at },
          { key: 'what', header: 'What', render: (e) => eventName(e.type), sort: (e) => e.type },
          { key: 'who', header: 'Who', render: (e) => actorName(e.actor), sort: (e) => actorName(e.actor) },
          {
            key: 'named',
            header: 'Named',
            render: (e) =>
              e.subjects
                .filter((s) => s.kind && s.id !== subject)
                .map((s) => s.name ?? (s.kind === 'person' ? 'unnamed person' : 'unnamed school'))
                .join(', ') || '–',
          },
          { key: 'change', header: 'Change', render: (e) => changeSummary(e.data) },
        ]}
      />
      <p className="muted small" role="status">
        {entries.length} of {total} event{total === 1 ? '' : 's'}, newest first.{' '}
        {entries.length < total && (
          <button type="button" className="small" onClick={() => setLimit((l) => l + PAGE)} disabled={audit.loading}>
            Show older events
          </button>
        )}
      </p>
    </>
  );
}
