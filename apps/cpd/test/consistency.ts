import type { DataSource } from 'typeorm';

/**
 * What "nothing half-written" means for the CPD service (problems; empty when it holds): no cohort
 * holds more enrolled than places; arrivals are unique per cohort and below its counter; a commission's
 * committed total is its ledger's sum and within its budget; every enrolment, cohort, programme and
 * commission was announced; every evaluation was announced.
 */
export async function halfWritten(db: DataSource): Promise<string[]> {
  const rows = async (sql: string) => (await db.query<{ problem: string }[]>(sql)).map((r) => r.problem);
  return [
    ...(await rows(`
      SELECT 'cohort ' || c.id || ' holds ' || count(e.id) || ' enrolled for ' || c.places || ' places' AS problem
      FROM cohorts c JOIN enrolments e ON e.cohort_id = c.id AND e.status = 'enrolled' GROUP BY c.id, c.places HAVING count(e.id) > c.places`)),
    ...(await rows(`
      SELECT 'cohort ' || c.id || ' has an arrival at or past its counter' AS problem
      FROM cohorts c WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.cohort_id = c.id AND e.arrival >= c.next_arrival)`)),
    ...(await rows(`
      SELECT 'cohort ' || c.id || ' has free places and people waiting' AS problem
      FROM cohorts c WHERE c.status = 'scheduled'
        AND (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'enrolled') < c.places
        AND EXISTS (SELECT 1 FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'waitlisted' AND e.commission_id IS NULL)`)),
    ...(await rows(`
      SELECT 'commission ' || m.id || ' committed ' || m.committed_pence || ' but its ledger sums ' || coalesce(sum(ch.amount_pence), 0) AS problem
      FROM commissions m LEFT JOIN commission_charges ch ON ch.commission_id = m.id
      GROUP BY m.id, m.committed_pence HAVING coalesce(sum(ch.amount_pence), 0) <> m.committed_pence`)),
    ...(await rows(`
      SELECT 'enrolment ' || e.id || ' was never announced' AS problem FROM enrolments e
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type IN ('cpd.enrolment.created', 'cpd.enrolment.waitlisted') AND o.payload->'data'->>'enrolmentId' = e.id::text)`)),
    ...(await rows(`
      SELECT 'enrolment ' || e.id || ' is withdrawn unannounced' AS problem FROM enrolments e
      WHERE e.status = 'withdrawn' AND NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'cpd.enrolment.withdrawn' AND o.payload->'data'->>'enrolmentId' = e.id::text)`)),
    ...(await rows(`
      SELECT 'cohort ' || c.id || ' was never announced' AS problem FROM cohorts c
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'cpd.cohort.scheduled' AND o.payload->>'aggregateId' = c.id::text)`)),
    ...(await rows(`
      SELECT 'programme ' || p.code || ' version ' || p.version || ' was never announced' AS problem FROM programmes p
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type LIKE 'cpd.programme.%' AND o.payload->>'aggregateId' = p.id::text AND (o.payload->'data'->>'version')::int = p.version)`)),
    ...(await rows(`
      SELECT 'commission ' || m.id || ' was never announced' AS problem FROM commissions m
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'cpd.commission.created' AND o.payload->>'aggregateId' = m.id::text)`)),
    ...(await rows(`
      SELECT 'evaluation ' || v.id || ' was never announced' AS problem FROM evaluations v
      WHERE NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.event_type = 'cpd.evaluation.recorded' AND o.payload->'data'->>'evaluationId' = v.id::text)`)),
    ...(await rows(`
      SELECT 'event ' || o.event_id || ' carries a non-canonical id' AS problem FROM outbox_events o
      WHERE o.payload::text ~ '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'`)),
  ];
}
