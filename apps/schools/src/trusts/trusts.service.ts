import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, inTransaction, invalidField, notFound, ServiceOutbox, writeToTrust } from '@trustwide/common';
import { RegisterTrustDto, UpdateTrustDto } from './dto/trust.dto';
import { normaliseCompanyNumber, Trust, TRUST_FIELDS, trustProfile, type TrustDetails, type TrustField } from './trust.entity';

@Injectable()
export class TrustsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  async register(dto: RegisterTrustDto): Promise<Trust> {
    return inTransaction(this.dataSource, async (m) => {
      if (dto.groupUid && (await m.findOneBy(Trust, { groupUid: dto.groupUid }))) {
        throw conflict('groupUid', `a trust with GIAS group UID ${dto.groupUid} is already registered`);
      }
      const trust = m.create(Trust, {
        id: randomUUID(),
        name: dto.name,
        groupUid: dto.groupUid ?? null,
        companiesHouseNumber: normaliseCompanyNumber(dto.companiesHouseNumber),
        groupType: dto.groupType ?? null,
      });
      await m.insert(Trust, trust);
      await this.outbox.record(m, 'schools.trust.registered', {
        trustId: trust.id,
        aggregateId: trust.id,
        data: trustProfile(trust),
      });
      return trust;
    });
  }

  async update(trustId: string, dto: UpdateTrustDto): Promise<Trust> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const trust = await this.lock(m, trustId);
      if (dto.name === null) throw invalidField('name', 'name cannot be cleared');
      const next = {
        ...dto,
        companiesHouseNumber: dto.companiesHouseNumber === undefined ? undefined : normaliseCompanyNumber(dto.companiesHouseNumber),
      };
      const change = await this.change(m, trust, next);
      if ('taken' in change) throw conflict('groupUid', `a trust with GIAS group UID ${dto.groupUid} is already registered`);
      return trust;
    });
  }

  /**
   * The one place a trust's details change (the API and the GIAS groups import): applies the fields of
   * `next` that differ to the locked trust, stores and announces them. A group UID another trust has is
   * refused (`taken`), changing nothing.
   */
  async change(m: EntityManager, trust: Trust, next: Partial<TrustDetails>): Promise<{ changed: TrustField[] } | { taken: Trust }> {
    const changed = TRUST_FIELDS.filter((f) => next[f] !== undefined && next[f] !== trust[f]);
    if (changed.length === 0) return { changed };
    const taken = changed.includes('groupUid') && next.groupUid ? await m.findOneBy(Trust, { groupUid: next.groupUid }) : null;
    if (taken) return { taken };
    for (const f of changed) (trust as unknown as Record<string, unknown>)[f] = next[f];
    await m.save(Trust, trust);
    await this.outbox.record(m, 'schools.trust.updated', {
      trustId: trust.id,
      aggregateId: trust.id,
      data: { ...trustProfile(trust), changedFields: changed },
    });
    return { changed };
  }

  find(groupUid: string): Promise<Trust[]> {
    return this.dataSource.getRepository(Trust).findBy({ groupUid });
  }

  async get(trustId: string, manager: EntityManager = this.dataSource.manager): Promise<Trust> {
    const trust = await manager.findOneBy(Trust, { id: trustId });
    if (!trust) throw notFound('trustId', `no trust ${trustId}`);
    return trust;
  }

  /**
   * The trust's row, for a change to it, in a transaction that holds the trust's write lock
   * (`writeToTrust`). `FOR NO KEY UPDATE`, not `FOR UPDATE`: the latter would also block the key-share
   * locks that inserts of the trust's schools, measures and imports take on it.
   */
  async lock(manager: EntityManager, trustId: string): Promise<Trust> {
    const trust = await manager.findOne(Trust, { where: { id: trustId }, lock: { mode: 'for_no_key_update' } });
    if (!trust) throw notFound('trustId', `no trust ${trustId}`);
    return trust;
  }
}
