import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { DataSource } from 'typeorm';
import { ServiceConfig, ServiceOutbox, Topics, TrustwideModule } from '@trustwide/common';
import type { EventData, EventType } from '@trustwide/common';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';

/** Stands in for the four services on the broker: their events go through a real outbox and relay, as in production. */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'producer',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.schools, Topics.people, Topics.improvement, Topics.cpd],
    }),
  ],
})
class ProducerModule {}

export type Draft = { type: EventType; aggregateId: string; data: unknown };

export class Producer {
  private constructor(readonly app: INestApplication) {}

  static async start(env: TestEnvironment): Promise<Producer> {
    return withEnv(env.env('producer', { OUTBOX_POLL_MS: '100' }), async () => {
      const app = (await Test.createTestingModule({ imports: [ProducerModule] }).compile()).createNestApplication({ logger: ['error'] });
      await app.init();
      return new Producer(app);
    });
  }

  async publish(trustId: string, events: Draft[]): Promise<void> {
    const outbox = this.app.get(ServiceOutbox);
    await this.app.get(DataSource).transaction(async (m) => {
      for (const e of events)
        await outbox.record(m, e.type, { trustId, aggregateId: e.aggregateId, data: e.data as EventData<typeof e.type> });
    });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** Event drafts of a small trust's life, by service. */
export const drafts = {
  school: (schoolId: string, name: string, extra: Record<string, unknown> = {}): Draft => ({
    type: 'schools.school.registered',
    aggregateId: schoolId,
    data: {
      school: {
        schoolId,
        urn: 100000 + Math.floor(Math.random() * 800000),
        name,
        phase: 'primary',
        membership: 'member',
        leadershipModel: 'A',
        easting: 533498,
        northing: 181201,
        pupilsOnRoll: 276,
        joinedTrustOn: '2015-09-01',
        joinRoute: 'converter',
        ...extra,
      },
    },
  }),
  risk: (schoolId: string, from: string | undefined, to: string, reasons: string[]): Draft => ({
    type: 'schools.risk-status.changed',
    aggregateId: schoolId,
    data: { schoolId, urn: 123456, ...(from ? { from } : {}), to, reasons },
  }),
  oeif: (schoolId: string, startDate: string, overall: number): Draft => ({
    type: 'schools.inspection.recorded',
    aggregateId: schoolId,
    data: {
      inspectionId: randomUUID(),
      schoolId,
      urn: 123456,
      framework: 'oeif',
      startDate,
      overallEffectiveness: overall,
      judgements: [],
    },
  }),
  measures: (schoolId: string, period: string, values: Record<string, number>): Draft => ({
    type: 'schools.measures.recorded',
    aggregateId: schoolId,
    data: { schoolId, urn: 123456, period, measures: Object.entries(values).map(([name, value]) => ({ name, value })) },
  }),
  staff: (staffId: string, schoolId: string, displayName: string): Draft => ({
    type: 'people.staff.joined',
    aggregateId: staffId,
    data: { staffId, schoolId, displayName, joinedOn: '2018-09-01' },
  }),
  role: (staffId: string, role: string, schoolId: string): Draft => ({
    type: 'people.role.started',
    aggregateId: staffId,
    data: { staffId, roleId: randomUUID(), role, schoolId, startedOn: '2020-09-01' },
  }),
  designation: (designationId: string, staffId: string, schoolId: string, releaseDays: number): Draft[] => {
    const base = { designationId, staffId, designationType: 'nle', effectiveOn: '2025-09-01' };
    return [
      {
        type: 'people.designation.applied',
        aggregateId: designationId,
        data: { designationId, staffId, designationType: 'nle', specialisms: [], schoolId },
      },
      {
        type: 'people.designation.approved',
        aggregateId: designationId,
        data: {
          ...base,
          from: 'applied',
          to: 'approved',
          termStartsOn: '2025-09-01',
          termEndsOn: '2029-08-31',
          releaseDaysPerYear: releaseDays,
        },
      },
      { type: 'people.designation.activated', aggregateId: designationId, data: { ...base, from: 'approved', to: 'active' } },
    ];
  },
  agreement: (agreementId: string, supported: string, supporting: string): Draft => ({
    type: 'improvement.agreement.drafted',
    aggregateId: agreementId,
    data: {
      agreementId,
      supportedSchoolIds: [supported],
      supportingSchoolIds: [supporting],
      startsOn: '2026-09-01',
      endsOn: '2027-07-20',
      fundingSource: 'trust-budget',
      fundingAmountPence: 500000,
    },
  }),
  agreed: (agreementId: string, qaLeadId: string): Draft => ({
    type: 'improvement.agreement.agreed',
    aggregateId: agreementId,
    data: { agreementId, qaLeadId, from: 'draft', to: 'agreed', effectiveOn: '2026-08-20' },
  }),
  deployed: (agreementId: string, staffId: string, days: number, year: string): Draft => ({
    type: 'improvement.deployment.leader-deployed',
    aggregateId: agreementId,
    data: { deploymentId: randomUUID(), agreementId, staffId, totalDays: days, daysByYear: [{ academicYear: year, days }] },
  }),
  enrolled: (cohortId: string, staffId: string, schoolId: string, programmeId: string): Draft => ({
    type: 'cpd.enrolment.created',
    aggregateId: cohortId,
    data: { enrolmentId: randomUUID(), cohortId, programmeId, staffId, schoolId, enrolledOn: '2026-09-10' },
  }),
  nearBudget: (commissionId: string): Draft => ({
    type: 'cpd.commission.near-budget',
    aggregateId: commissionId,
    data: { commissionId, budgetPence: 100000, committedPence: 92000, thresholdPercent: 90 },
  }),
};

export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/** A server-sent events client: the events received so far, and a close. */
export function openStream(
  url: string,
  headers: Record<string, string>,
): { events: SseEvent[]; status: Promise<number>; close: () => void } {
  const events: SseEvent[] = [];
  let resolveStatus: (n: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const req = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => !l.startsWith(':') && l.includes(': '))
            .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
        );
        if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      }
    });
  });
  req.on('error', () => undefined);
  return { events, status, close: () => req.destroy() };
}
