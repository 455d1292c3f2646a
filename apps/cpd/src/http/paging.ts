import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { Page } from '@trustwide/common';

/**
 * The paging every CPD list shares: at most `limit` rows (default 50; the DTO caps it at 500) from `offset`, in
 * `order` (ending in the id, so a page never shifts between requests), the total counted by the database, and the
 * rows turned into what the list answers.
 */
export async function pageOf<T extends ObjectLiteral, V>(
  m: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  order: FindOptionsOrder<T>,
  q: { limit?: number; offset?: number },
  view: (rows: T[]) => V[] | Promise<V[]>,
): Promise<Page<V>> {
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const [rows, total] = await m.findAndCount(entity, { where, order, take: limit, skip: offset });
  return { total, limit, offset, items: await view(rows) };
}
