import type { DataSource } from 'typeorm';

/**
 * What "nothing half-written" means for the schools service, as problems (empty when it holds): each
 * event in the outbox has the committed row it speaks of, each row has the event that announced it,
 * a school's risk is the one its latest risk event announced, the stored rules are the last announced
 * version, and every id (rows, keys, envelopes) is in its canonical lower-case spelling.
 */
export async function halfWritten(db: DataSource): Promise<string[]> {
  const rows = async (sql: string) => (await db.query<{ problem: string }[]>(sql)).map((r) => r.problem);
  return [
    ...(await rows(`
      SELECT 'event ' || o.event_type || ' ' || o.event_id || ' has no row' AS problem FROM outbox_events o
      WHERE NOT CASE
        WHEN o.event_type LIKE 'schools.trust.%' THEN EXISTS (SELECT 1 FROM trusts t WHERE t.id::text = o.payload->>'aggregateId')
        WHEN o.event_type = 'schools.risk-rules.changed' THEN EXISTS (SELECT 1 FROM risk_rules r WHERE r.trust_id::text = o.payload->>'aggregateId')
        WHEN o.event_type = 'schools.inspection.recorded' THEN EXISTS (SELECT 1 FROM inspections i WHERE i.id::text = o.payload->'data'->>'inspectionId')
        WHEN o.event_type = 'schools.measures.recorded' THEN EXISTS (
          SELECT 1 FROM measures x WHERE x.school_id::text = o.payload->>'aggregateId' AND x.period = o.payload->'data'->>'period')
        ELSE EXISTS (SELECT 1 FROM schools s WHERE s.id::text = o.payload->>'aggregateId')
      END`)),
    ...(await rows(`
      SELECT 'school ' || s.urn || ' was never announced' AS problem FROM schools s
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'schools.school.registered' AND o.payload->>'aggregateId' = s.id::text)`)),
    ...(await rows(`
      SELECT 'trust ' || t.id || ' was never announced' AS problem FROM trusts t
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'schools.trust.registered' AND o.payload->>'aggregateId' = t.id::text)`)),
    ...(await rows(`
      SELECT 'inspection ' || i.id || ' was never announced' AS problem FROM inspections i
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'schools.inspection.recorded' AND o.payload->'data'->>'inspectionId' = i.id::text)`)),
    ...(await rows(`
      SELECT 'measure ' || x.name || ' ' || x.period || ' of ' || x.school_id || ' was never announced' AS problem FROM measures x
      WHERE NOT EXISTS (
        SELECT 1 FROM outbox_events o, jsonb_array_elements(o.payload->'data'->'measures') m
        WHERE o.event_type = 'schools.measures.recorded' AND o.payload->>'aggregateId' = x.school_id::text
          AND o.payload->'data'->>'period' = x.period AND m->>'name' = x.name AND (m->>'value')::float8 = x.value)`)),
    ...(await rows(`
      SELECT 'school ' || s.urn || ' is ' || coalesce(s.risk_level, 'unassessed') || ' but its last risk event says ' || coalesce(last.to_level, 'nothing') AS problem
      FROM schools s LEFT JOIN LATERAL (
        SELECT o.payload->'data'->>'to' AS to_level FROM outbox_events o
        WHERE o.event_type = 'schools.risk-status.changed' AND o.payload->>'aggregateId' = s.id::text ORDER BY o.id DESC LIMIT 1) last ON true
      WHERE s.risk_level IS DISTINCT FROM last.to_level`)),
    ...(await rows(`
      SELECT 'rules of ' || r.trust_id || ' are version ' || (r.rules->>'version') || ', last announced ' || coalesce(max((o.payload->'data'->>'version')::int)::text, 'none') AS problem
      FROM risk_rules r LEFT JOIN outbox_events o ON o.event_type = 'schools.risk-rules.changed' AND o.payload->>'aggregateId' = r.trust_id::text
      GROUP BY r.trust_id, r.rules HAVING max((o.payload->'data'->>'version')::int) IS DISTINCT FROM (r.rules->>'version')::int`)),
    ...(await rows(`
      SELECT 'event ' || o.event_id || ' carries a non-canonical id' AS problem FROM outbox_events o
      WHERE o.message_key <> lower(o.message_key) OR o.payload->>'trustId' <> lower(o.payload->>'trustId')
         OR o.payload->>'aggregateId' <> lower(o.payload->>'aggregateId') OR o.payload::text ~ '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'`)),
  ];
}
