import type { EntityManager } from 'typeorm';
import { allStatements, insertFromJson } from '@trustwide/common';
import { inspectionFalls, InspectionFacts, nameUuid } from './alert-rules';
import type { Folded, Row } from './fold';
import { APPEND_ONLY, TABLES, TableName, TableSpec } from './tables';

/** The channel a committed alert is announced on (NOTIFY is delivered at commit, so listeners never see a rolled-back one). */
export const ALERT_CHANNEL = 'read_model_alerts';
/** The channel a committed change of a trust's read model is announced on (the trust id, or `*` for every trust). */
export const CHANGE_CHANNEL = 'read_model_changed';

/** Tells every gateway which trusts a transaction changed (delivered at its commit). */
export async function notifyChanged(manager: EntityManager, trustIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(trustIds)];
  if (ids.length > 0) await manager.query(`SELECT pg_notify($1, t) FROM unnest($2::text[]) AS t`, [CHANGE_CHANNEL, ids]);
}

/** One statement for many rows: the rows travel as one JSON parameter, typed by the table's columns. */
function upsertSql(spec: TableSpec, appendOnly: boolean): string {
  const cols = Object.keys(spec.columns);
  const conflict = `ON CONFLICT (${spec.key.join(', ')})`;
  const head = insertFromJson(spec.table, spec.columns);
  if (appendOnly) return `${head} ${conflict} DO NOTHING`;
  const sets = cols
    .filter((c) => !spec.key.includes(c))
    .map((c) => {
      const rule = spec.merge?.[c];
      if (rule === 'keep') return `${c} = coalesce(t.${c}, EXCLUDED.${c})`;
      if (rule && typeof rule === 'object') return `${c} = ${rule.sql}`;
      return `${c} = coalesce(EXCLUDED.${c}, t.${c})`;
    });
  return `${head} ${conflict} DO UPDATE SET ${sets.join(', ')}`;
}

const TABLE_ORDER = Object.keys(TABLES) as TableName[];
const byKey = (a: [string, Row], b: [string, Row]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const SQL = new Map<TableSpec, string>();
const sqlOf = (spec: TableSpec, appendOnly: boolean) => {
  let sql = SQL.get(spec);
  if (!sql) SQL.set(spec, (sql = upsertSql(spec, appendOnly)));
  return sql;
};

async function write(manager: EntityManager, spec: TableSpec, rows: Row[], appendOnly = false): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(sqlOf(spec, appendOnly), [JSON.stringify(rows)]);
}

/**
 * Writes a folded run in the consumer's transaction: one multi-row upsert per table, then the rows that are only
 * appended, then the alerts (with the inspections checked against those already stored), and a NOTIFY when any
 * alert was raised (not while a rebuild fills its copy beside the live model: no stream reads that copy).
 */
export async function writeFolded(manager: EntityManager, folded: Folded, options: { notify?: boolean } = {}): Promise<void> {
  const alerts = [...folded.alerts, ...(await inspectionAlerts(manager, folded))];
  // Tables in one order and rows in key order: partitions applied concurrently that touch the same rows (a person
  // written by the people and the CPD topics) take their locks in the same order, so they wait rather than deadlock.
  // Issued together (see allStatements): one round trip for the run's writes; they still run in this order.
  const writes: Promise<unknown>[] = [];
  for (const name of TABLE_ORDER) {
    const rows = folded.rows.get(name);
    if (rows)
      writes.push(
        write(
          manager,
          TABLES[name],
          [...rows].sort(byKey).map(([, row]) => row),
        ),
      );
  }
  writes.push(write(manager, APPEND_ONLY.riskChanges, folded.riskChanges, true));
  writes.push(write(manager, APPEND_ONLY.flags, folded.flags, true));
  if (alerts.length > 0) {
    // One alert per id (a cohort's waitlist is announced by several events): the first wins, as on replay.
    const unique = [...new Map(alerts.reverse().map((a) => [a.alert_id, a])).values()].reverse();
    unique.sort((a, b) => (a.alert_id < b.alert_id ? -1 : a.alert_id > b.alert_id ? 1 : 0));
    writes.push(write(manager, APPEND_ONLY.alerts, unique as unknown as Row[], true));
    if (options.notify !== false)
      for (const trust of new Set(unique.map((a) => a.trust_id)))
        writes.push(manager.query(`SELECT pg_notify($1, $2)`, [ALERT_CHANNEL, trust]));
  }
  await allStatements(writes);
}

/** Grades that fell: the new inspections against what is stored for their schools (read before this run is written). */
async function inspectionAlerts(manager: EntityManager, folded: Folded): Promise<Folded['alerts']> {
  if (folded.inspections.length === 0) return [];
  const schools = [...new Set(folded.inspections.map((i) => `${i.trustId}:${i.schoolId}`))];
  const stored: {
    trust_id: string;
    school_id: string;
    inspection_id: string;
    framework: string;
    start_date: string;
    overall: number | null;
    safeguarding: string | null;
    judgements: { area: string; grade: string }[];
  }[] = await manager.query(
    `SELECT i.trust_id, i.school_id, i.inspection_id, i.framework, to_char(i.start_date, 'YYYY-MM-DD') AS start_date, i.overall, i.safeguarding, i.judgements
         FROM rm_inspections i JOIN unnest($1::text[]) AS k(key) ON k.key = i.trust_id || ':' || i.school_id`,
    [schools],
  );
  const alerts: Folded['alerts'] = [];
  for (const key of schools) {
    const incoming = folded.inspections.filter((i) => `${i.trustId}:${i.schoolId}` === key);
    const facts = stored
      .filter((s) => `${s.trust_id}:${s.school_id}` === key)
      .map((s): InspectionFacts => ({
        inspectionId: s.inspection_id,
        framework: s.framework,
        startDate: s.start_date,
        overall: s.overall,
        safeguarding: s.safeguarding,
        judgements: s.judgements,
      }));
    for (const fall of inspectionFalls(
      facts,
      incoming.map((i) => i.facts),
    )) {
      const source = incoming.find((i) => i.facts === fall.inspection)!;
      alerts.push({
        alert_id: nameUuid(`inspection-grade-fell:${fall.inspection.inspectionId}`),
        trust_id: source.trustId,
        kind: 'inspection-grade-fell',
        severity: 'high',
        subject_type: 'school',
        subject_id: source.schoolId,
        school_ids: [source.schoolId],
        title: `${fall.inspection.framework === 'oeif' ? 'Ofsted (OEIF)' : 'Report card'} grades fell: ${fall.fell.join('; ')}`,
        detail: {
          framework: fall.inspection.framework,
          inspectionId: fall.inspection.inspectionId,
          previousInspectionId: fall.previous.inspectionId,
          fell: fall.fell,
        },
        raised_at: source.occurredAt,
        event_id: source.eventId,
      });
    }
  }
  return alerts;
}
