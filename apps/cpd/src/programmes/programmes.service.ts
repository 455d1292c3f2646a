import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ServiceOutbox, todayInEngland, writeToTrust, type Page } from '@trustwide/common';
import { notFound, refusedBy } from '../http/errors';
import { toProgramme } from '../http/rows';
import { announceProgramme } from '../shared/announce';
import { DEFAULT_CATALOGUE } from './default-catalogue';
import { change, publish, retire, type Programme, type ProgrammeOutcome } from './lifecycle';
import type { ProgrammeDefinition } from './programme';
import { ProgrammeRow } from './programme.entity';
import { pageOf } from '../http/paging';

export type ProgrammeView = Programme & { id: string };
export const programmeView = (r: ProgrammeRow): ProgrammeView => ({ id: r.id, ...toProgramme(r) });

/** Catalogue use cases: each locks the programme's row (a new code: the trust's lock) and records its event. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  private async store(m: EntityManager, trustId: string, id: string, outcome: ProgrammeOutcome): Promise<ProgrammeRow> {
    const p = outcome.programme;
    const row = m.create(ProgrammeRow, {
      id,
      trustId,
      code: p.code,
      kind: p.kind,
      name: p.name,
      provider: p.provider,
      fundingSource: p.fundingSource,
      costPerPlace: p.costPerPlace,
      skills: [...p.skills],
      prerequisites: [...p.prerequisites],
      lengthMonths: p.length.months,
      contactDays: p.length.contactDays,
      assessed: p.assessed,
      awardsQualification: p.awardsQualification,
      status: p.status,
      version: p.version,
      updatedAt: new Date(),
    });
    await m.save(ProgrammeRow, row);
    const announcement = announceProgramme(id, outcome, todayInEngland());
    if (announcement) await this.outbox.record(m, announcement.type, { trustId, aggregateId: id, data: announcement.data });
    return row;
  }

  private async publishIn(m: EntityManager, trustId: string, definition: ProgrammeDefinition): Promise<ProgrammeRow> {
    const existing = await m.findOneBy(ProgrammeRow, { trustId, code: definition.code });
    const decision = publish(existing && toProgramme(existing), definition);
    if (!decision.ok) throw refusedBy(decision.refusals);
    return this.store(m, trustId, randomUUID(), decision.outcome);
  }

  publish(trustId: string, definition: ProgrammeDefinition): Promise<ProgrammeView> {
    return writeToTrust(this.dataSource, trustId, async (m) => programmeView(await this.publishIn(m, trustId, definition)));
  }

  /** The NPQs and trust programmes a new trust starts with; those already in the catalogue (by code) are left as they are. */
  publishDefaults(trustId: string): Promise<{ published: string[]; alreadyThere: string[] }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const have = new Set((await m.findBy(ProgrammeRow, { trustId })).map((r) => r.code));
      const published: string[] = [];
      for (const definition of DEFAULT_CATALOGUE.filter((d) => !have.has(d.code)))
        published.push((await this.publishIn(m, trustId, definition)).code);
      return { published, alreadyThere: DEFAULT_CATALOGUE.map((d) => d.code).filter((c) => have.has(c)) };
    });
  }

  private async lock(m: EntityManager, trustId: string, id: string): Promise<ProgrammeRow> {
    const row = await m.findOne(ProgrammeRow, { where: { trustId, id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('programmeId', `no programme ${id} in this trust's catalogue`);
    return row;
  }

  change(trustId: string, id: string, definition: ProgrammeDefinition): Promise<ProgrammeView & { changed: string[] }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const row = await this.lock(m, trustId, id);
      const decision = change(toProgramme(row), definition);
      if (!decision.ok) throw refusedBy(decision.refusals);
      const changed = decision.outcome.event === 'changed' ? [...decision.outcome.changed] : [];
      if (decision.outcome.event === 'unchanged') return { ...programmeView(row), changed };
      return { ...programmeView(await this.store(m, trustId, id, decision.outcome)), changed };
    });
  }

  retire(trustId: string, id: string, reason: string): Promise<ProgrammeView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const row = await this.lock(m, trustId, id);
      const decision = retire(toProgramme(row), reason);
      if (!decision.ok) throw refusedBy(decision.refusals);
      return programmeView(await this.store(m, trustId, id, decision.outcome));
    });
  }

  /** A page of the catalogue, by code (unique within the trust, so the order is stable; id breaks no real tie). */
  async list(trustId: string, q: { status?: 'published' | 'retired'; limit?: number; offset?: number }): Promise<Page<ProgrammeView>> {
    const where = { trustId, ...(q.status ? { status: q.status } : {}) };
    return pageOf(this.dataSource.manager, ProgrammeRow, where, { code: 'ASC', id: 'ASC' }, q, (rows) => rows.map(programmeView));
  }

  async get(trustId: string, id: string): Promise<ProgrammeView> {
    const row = await this.dataSource.manager.findOneBy(ProgrammeRow, { trustId, id });
    if (!row) throw notFound('programmeId', `no programme ${id} in this trust's catalogue`);
    return programmeView(row);
  }
}
