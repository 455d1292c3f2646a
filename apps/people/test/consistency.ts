import type { DataSource } from 'typeorm';

/**
 * What "nothing half-written" means for the people service, as problems (empty when it holds): each
 * person, role spell and designation was announced, each designation is in the state its last
 * announcement says, every event speaks of a row that exists, and every id is canonical.
 */
export async function halfWritten(db: DataSource): Promise<string[]> {
  const rows = async (sql: string) => (await db.query<{ problem: string }[]>(sql)).map((r) => r.problem);
  return [
    ...(await rows(`
      SELECT 'event ' || o.event_type || ' ' || o.event_id || ' has no row' AS problem FROM outbox_events o
      WHERE NOT CASE
        WHEN o.event_type LIKE 'people.staff.%' THEN EXISTS (SELECT 1 FROM staff s WHERE s.id::text = o.payload->>'aggregateId')
        WHEN o.event_type LIKE 'people.role.%' THEN EXISTS (SELECT 1 FROM role_spells r WHERE r.id::text = o.payload->'data'->>'roleId')
        WHEN o.event_type LIKE 'people.designation.%' THEN EXISTS (SELECT 1 FROM designations d WHERE d.id::text = o.payload->'data'->>'designationId')
        WHEN o.event_type LIKE 'people.capacity.%' THEN EXISTS (SELECT 1 FROM leader_capacity c WHERE c.staff_id::text = o.payload->'data'->>'staffId' AND c.academic_year = o.payload->'data'->>'academicYear')
        ELSE true
      END`)),
    ...(await rows(`
      SELECT 'staff ' || s.id || ' was never announced' AS problem FROM staff s
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'people.staff.joined' AND o.payload->>'aggregateId' = s.id::text)`)),
    ...(await rows(`
      SELECT 'role ' || r.id || ' was never announced' AS problem FROM role_spells r
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'people.role.started' AND o.payload->'data'->>'roleId' = r.id::text)
         OR (r.ended_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'people.role.ended' AND o.payload->'data'->>'roleId' = r.id::text))`)),
    ...(await rows(`
      SELECT 'designation ' || d.id || ' is ' || d.status || ' but its last event says ' || coalesce(last.to_status, 'nothing') AS problem
      FROM designations d LEFT JOIN LATERAL (
        SELECT coalesce(o.payload->'data'->>'to', 'applied') AS to_status FROM outbox_events o
        WHERE o.event_type LIKE 'people.designation.%' AND o.event_type <> 'people.designation.due-for-renewal'
          AND o.payload->'data'->>'designationId' = d.id::text ORDER BY o.id DESC LIMIT 1) last ON true
      WHERE d.status IS DISTINCT FROM last.to_status`)),
    ...(await rows(`
      SELECT 'staff ' || s.id || ' is ' || s.status || ' but was announced ' || coalesce(last.event_type, 'nothing') AS problem
      FROM staff s LEFT JOIN LATERAL (
        SELECT o.event_type FROM outbox_events o WHERE o.event_type IN ('people.staff.joined', 'people.staff.left', 'people.staff.erased')
          AND o.payload->>'aggregateId' = s.id::text ORDER BY o.id DESC LIMIT 1) last ON true
      WHERE last.event_type IS DISTINCT FROM CASE s.status WHEN 'employed' THEN 'people.staff.joined' WHEN 'left' THEN 'people.staff.left' ELSE 'people.staff.erased' END`)),
    ...(await rows(`
      SELECT 'event ' || o.event_id || ' carries a non-canonical id' AS problem FROM outbox_events o
      WHERE o.message_key <> lower(o.message_key) OR o.payload->>'trustId' <> lower(o.payload->>'trustId')
         OR o.payload->>'aggregateId' <> lower(o.payload->>'aggregateId') OR o.payload::text ~ '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'`)),
  ];
}
