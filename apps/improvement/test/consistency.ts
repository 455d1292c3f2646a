import type { DataSource } from 'typeorm';

/**
 * "Nothing half-written" for the improvement service: every event in the outbox speaks of a committed
 * row, every plan, agreement and review was announced, no spend exceeds its funding, and every id is
 * in its canonical lower-case spelling.
 */
export async function halfWritten(db: DataSource): Promise<string[]> {
  const rows = async (sql: string) => (await db.query<{ problem: string }[]>(sql)).map((r) => r.problem);
  return [
    ...(await rows(`
      SELECT 'event ' || o.event_type || ' ' || o.event_id || ' has no row' AS problem FROM outbox_events o
      WHERE NOT CASE
        WHEN o.event_type LIKE 'improvement.plan.%' THEN EXISTS (SELECT 1 FROM plans p WHERE p.id::text = o.payload->>'aggregateId')
        WHEN o.event_type LIKE 'improvement.review.%' THEN EXISTS (SELECT 1 FROM reviews r WHERE r.id::text = o.payload->>'aggregateId')
        ELSE EXISTS (SELECT 1 FROM agreements a WHERE a.id::text = o.payload->>'aggregateId')
      END`)),
    ...(await rows(`
      SELECT 'plan ' || p.id || ' was never announced' AS problem FROM plans p
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'improvement.plan.created' AND o.payload->>'aggregateId' = p.id::text)`)),
    ...(await rows(`
      SELECT 'agreement ' || a.id || ' was never announced' AS problem FROM agreements a
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'improvement.agreement.drafted' AND o.payload->>'aggregateId' = a.id::text)`)),
    ...(await rows(`
      SELECT 'agreement ' || a.id || ' spent ' || coalesce(sum(s.amount_pence), 0) || ' but records ' || a.funding_spent_pence AS problem
      FROM agreements a LEFT JOIN funding_spends s ON s.agreement_id = a.id
      GROUP BY a.id HAVING coalesce(sum(s.amount_pence), 0) <> a.funding_spent_pence OR coalesce(sum(s.amount_pence), 0) > a.funding_amount_pence`)),
    ...(await rows(`
      SELECT 'event ' || o.event_id || ' carries a non-canonical id' AS problem FROM outbox_events o
      WHERE o.message_key <> lower(o.message_key) OR o.payload->>'aggregateId' <> lower(o.payload->>'aggregateId')
         OR o.payload::text ~ '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'`)),
  ];
}
