import { EntityManager } from 'typeorm';
import { School } from './school.entity';

/** URNs of the school and the schools it succeeded, newest first (a converter's history follows it). */
export async function schoolLineage(manager: EntityManager, school: Pick<School, 'trustId' | 'urn' | 'predecessorUrn'>): Promise<number[]> {
  const urns = [school.urn];
  let predecessor = school.predecessorUrn;
  while (predecessor && !urns.includes(predecessor) && urns.length < 20) {
    urns.push(predecessor);
    const previous = await manager.findOne(School, {
      where: { trustId: school.trustId, urn: predecessor },
      select: { predecessorUrn: true, urn: true },
    });
    predecessor = previous?.predecessorUrn ?? null;
  }
  return urns;
}
