import { EntityManager } from 'typeorm';
import { School } from './school.entity';

/** Columns an import writes, with their PostgreSQL array types (risk is the risk service's). */
const COLUMNS: [keyof School, string, string][] = [
  ['id', 'id', 'uuid'],
  ['trustId', 'trust_id', 'uuid'],
  ['urn', 'urn', 'int'],
  ['name', 'name', 'text'],
  ['phase', 'phase', 'text'],
  ['establishmentType', 'establishment_type', 'text'],
  ['status', 'status', 'text'],
  ['localAuthorityCode', 'local_authority_code', 'text'],
  ['localAuthority', 'local_authority', 'text'],
  ['street', 'street', 'text'],
  ['town', 'town', 'text'],
  ['postcode', 'postcode', 'text'],
  ['easting', 'easting', 'int'],
  ['northing', 'northing', 'int'],
  ['pupilsOnRoll', 'pupils_on_roll', 'int'],
  ['capacity', 'capacity', 'int'],
  ['lowAge', 'low_age', 'int'],
  ['highAge', 'high_age', 'int'],
  ['membership', 'membership', 'text'],
  ['joinedTrustOn', 'joined_trust_on', 'date'],
  ['leftTrustOn', 'left_trust_on', 'date'],
  ['joinRoute', 'join_route', 'text'],
  ['leadershipModel', 'leadership_model', 'text'],
  ['predecessorUrn', 'predecessor_urn', 'int'],
  ['openedOn', 'opened_on', 'date'],
  ['closedOn', 'closed_on', 'date'],
  ['giasGroupUid', 'gias_group_uid', 'text'],
  ['version', 'version', 'int'],
];

const UPDATABLE = COLUMNS.filter(([, column]) => !['id', 'trust_id', 'urn'].includes(column));

/**
 * Inserts new schools and overwrites changed ones in one statement (one array parameter per column),
 * the way a batch of an import is written. Rows must be locked by the caller when they exist.
 */
export async function writeSchools(m: EntityManager, schools: School[]): Promise<void> {
  if (schools.length === 0) return;
  const params = COLUMNS.map(([property]) => schools.map((s) => s[property] ?? null));
  await m.query(
    `INSERT INTO schools (${COLUMNS.map(([, c]) => c).join(', ')})
     SELECT * FROM unnest(${COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${UPDATABLE.map(([, c]) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()`,
    params,
  );
}
