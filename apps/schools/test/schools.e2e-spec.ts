import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { topicName, Topics } from '@trustwide/common';
import { documentedHttp, expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { startSchoolsApp } from './schools-app';

/** The schools API against real PostgreSQL and Kafka: what it stores, refuses and announces. */
describe('schools API', () => {
  const env = testEnvironment('schools_api');
  let app: INestApplication;
  let db: DataSource;
  let topic: TopicReader;
  let trustId: string;
  let otherTrustId: string;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const eventsFor = (type: string, urn?: number) =>
    topic
      .events()
      .filter((e) => e.type === type && e.trustId === trustId && (urn === undefined || JSON.stringify(e.data).includes(`"urn":${urn}`)));

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    db = app.get(DataSource);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
    trustId = (
      await http().post('/trusts').send({ name: 'Exemplar Academies Trust', groupUid: '2044', companiesHouseNumber: '7318714' }).expect(201)
    ).body.id;
    otherTrustId = (await http().post('/trusts').send({ name: 'Other Trust' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await env.cleanup();
  });

  it('registers a trust and announces it', async () => {
    const trust = (await http().get(`/trusts/${trustId}`).expect(200)).body;
    expect(trust).toEqual({
      id: trustId,
      name: 'Exemplar Academies Trust',
      groupUid: '2044',
      companiesHouseNumber: '07318714',
      groupType: null,
    });
    await expectEventually(() => expect(eventsFor('schools.trust.registered')).toHaveLength(1));
    await http().post('/trusts').send({ name: 'Copy', groupUid: '2044' }).expect(409);
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const res = await http()
      .post(`/trusts/${trustId}/schools`)
      .send({ urn: 12, name: '', phase: 'kindergarten', postcode: 'nowhere', leadershipModel: 'Z', extra: 1 })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['extra', 'leadershipModel', 'name', 'phase', 'postcode', 'urn']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'postcode').problems[0]).toContain('UK postcode');
    expect((await http().get(`/trusts/${trustId}/schools`).expect(200)).body.total).toBe(0);
    const fieldsOf = (res: { body: { errors: { field: string }[] } }) => res.body.errors.map((e) => e.field);
    expect(fieldsOf(await http().get(`/trusts/not-a-uuid/schools`).expect(400))).toEqual(['trustId']);
    expect(fieldsOf(await http().get(`/trusts/${trustId}/schools/99999999999`).expect(400))).toEqual(['urn']);
    expect(fieldsOf(await http().get(`/trusts/${trustId}/schools?offset=100000000000`).expect(400))).toEqual(['offset']);
    expect(fieldsOf(await http().post('/trusts').set('content-type', 'application/json').send('{"name": ').expect(400))).toEqual(['body']);
    await http().get(`/trusts/00000000-0000-4000-8000-000000000000/schools`).expect(404);
  });

  it('creates a school, changes only what changed, and follows membership', async () => {
    const created = await http()
      .post(`/trusts/${trustId}/schools`)
      .send({
        urn: 140001,
        name: 'Bourne Abbey Primary Academy',
        phase: 'primary',
        postcode: 'PE10 9EP',
        localAuthorityCode: '925',
        localAuthority: 'Lincolnshire',
        leadershipModel: 'B',
        joinedTrustOn: '2010-12-01',
        joinRoute: 'converter',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      membership: 'member',
      joinedTrustOn: '2010-12-01',
      leadershipModel: 'B',
      risk: { level: null, reasons: [], evaluatedAt: null },
    });
    // The register entry, not the row: no version, bookkeeping or internal ids on the wire.
    for (const internal of ['version', 'trustId', 'giasGroupUid', 'riskLevel', 'createdAt'])
      expect(created.body).not.toHaveProperty(internal);
    await http().post(`/trusts/${trustId}/schools`).send({ urn: 140001, name: 'Again', phase: 'primary' }).expect(409);

    await http()
      .patch(`/trusts/${trustId}/schools/140001`)
      .send({ name: 'Bourne Abbey C of E Primary Academy', leadershipModel: 'B' })
      .expect(200);
    await http().patch(`/trusts/${trustId}/schools/140001`).send({ name: 'Bourne Abbey C of E Primary Academy' }).expect(200);
    await http().patch(`/trusts/${trustId}/schools/140001`).send({ name: null }).expect(400);
    await http().patch(`/trusts/${trustId}`).send({ name: null }).expect(400);
    await http().patch(`/trusts/${trustId}`).send({ joinedOn: '2024-09-01T23:30:00+05:00' }).expect(400);
    await http().post(`/trusts/${trustId}/schools/140001/leave`).send({ leftOn: '2024-09-01T23:30:00+05:00' }).expect(400);
    await expectEventually(() => expect(eventsFor('schools.school.updated', 140001)).toHaveLength(1));
    expect(eventsFor('schools.school.updated', 140001)[0].data).toMatchObject({ changedFields: ['name'] });

    await http().post(`/trusts/${trustId}/schools/140001/join`).send({ joinedOn: '2011-01-01', route: 'converter' }).expect(409);
    await http().post(`/trusts/${trustId}/schools/140001/leave`).send({ leftOn: '2009-01-01' }).expect(409);
    await http()
      .post(`/trusts/${trustId}/schools/140001/leave`)
      .send({ leftOn: '2024-08-31', reason: 'Transferred to another trust' })
      .expect(201);
    await http().post(`/trusts/${trustId}/schools/140001/join`).send({ joinedOn: '2025-09-01', route: 'transfer' }).expect(201);
    await expectEventually(() => {
      expect(eventsFor('schools.school.registered', 140001)).toHaveLength(1);
      expect(eventsFor('schools.school.joined-trust', 140001)).toHaveLength(2);
      expect(eventsFor('schools.school.left-trust', 140001)).toHaveLength(1);
    });
    const left = eventsFor('schools.school.left-trust', 140001)[0];
    expect(left).toMatchObject({
      trustId,
      aggregateType: 'school',
      source: 'schools',
      data: { leftOn: '2024-08-31', reason: 'Transferred to another trust' },
    });
  });

  it('answers a race to register the same URN with one school and conflicts, never a 500', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        http().post(`/trusts/${trustId}/schools`).send({ urn: 170001, name: 'Race Primary', phase: 'primary' }),
      ),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    await expectEventually(() => expect(eventsFor('schools.school.registered', 170001)).toHaveLength(1));
  });

  it('keeps each trust to its own schools', async () => {
    await http().get(`/trusts/${otherTrustId}/schools/140001`).expect(404);
    expect((await http().get(`/trusts/${otherTrustId}/schools`).expect(200)).body.total).toBe(0);
    await http().patch(`/trusts/${otherTrustId}/schools/140001`).send({ name: 'Hijack' }).expect(404);
  });

  it('records inspections per framework and derives the risk status from them', async () => {
    await http().post(`/trusts/${trustId}/schools`).send({ urn: 140002, name: 'Kingdown School', phase: 'secondary' }).expect(201);
    await http()
      .post(`/trusts/${trustId}/schools/140002/inspections`)
      .send({ framework: 'report-card', startDate: '2024-03-01', overallEffectiveness: 2, judgements: [{ area: 'inclusion', grade: '2' }] })
      .expect(400)
      .expect((res) => {
        const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
        expect(fields).toEqual(['judgements.0.grade', 'overallEffectiveness', 'startDate']);
      });
    const recorded = await http()
      .post(`/trusts/${trustId}/schools/140002/inspections`)
      .send({
        framework: 'oeif',
        inspectionNumber: '10290001',
        startDate: '2024-03-01',
        overallEffectiveness: 4,
        categoryOfConcern: 'special-measures',
        safeguarding: 'effective',
        judgements: [{ area: 'quality-of-education', grade: '4' }],
      })
      .expect(201);
    expect(recorded.body).toEqual({
      id: expect.any(String),
      urn: 140002,
      framework: 'oeif',
      inspectionNumber: '10290001',
      inspectionType: null,
      startDate: '2024-03-01',
      publicationDate: null,
      overallEffectiveness: 4,
      categoryOfConcern: 'special-measures',
      safeguarding: 'effective',
      judgements: [{ area: 'quality-of-education', grade: '4' }],
      source: 'api',
      recordedAt: expect.any(String),
    });
    await http()
      .post(`/trusts/${trustId}/schools/140002/inspections`)
      .send({ framework: 'oeif', inspectionNumber: '10290001', startDate: '2024-03-01', overallEffectiveness: 4 })
      .expect(409);
    let school = (await http().get(`/trusts/${trustId}/schools/140002`).expect(200)).body;
    expect(school.risk.level).toBe('red');
    expect(school.risk.reasons.join(' ')).toMatch(/Inadequate|special measures/i);
    expect(school.inspections[0]).toEqual(recorded.body);

    await http()
      .post(`/trusts/${trustId}/schools/140002/inspections`)
      .send({
        framework: 'report-card',
        startDate: '2026-01-20',
        safeguarding: 'met',
        judgements: [
          { area: 'inclusion', grade: 'expected-standard' },
          { area: 'achievement', grade: 'needs-attention' },
        ],
      })
      .expect(201);
    school = (await http().get(`/trusts/${trustId}/schools/140002`).expect(200)).body;
    expect(school.risk.level).toBe('amber');
    expect(school.inspections.map((i: { framework: string }) => i.framework)).toEqual(['report-card', 'oeif']);
    await expectEventually(() => {
      const changes = eventsFor('schools.risk-status.changed', 140002).map((e) => e.data as { from: string | null; to: string });
      expect(changes).toEqual([expect.objectContaining({ from: null, to: 'red' }), expect.objectContaining({ from: 'red', to: 'amber' })]);
      expect(eventsFor('schools.inspection.recorded', 140002)).toHaveLength(2);
    });
    expect((await http().get(`/trusts/${trustId}/schools?risk=amber`).expect(200)).body.items.map((s: { urn: number }) => s.urn)).toEqual([
      140002,
    ]);
  });

  it('keeps the history of measures, announces only changed values and re-derives risk from trends', async () => {
    await http().post(`/trusts/${trustId}/schools`).send({ urn: 140003, name: 'Acorn Primary', phase: 'primary' }).expect(201);
    await http()
      .post(`/trusts/${trustId}/schools/140003/measures`)
      .send({ period: '2023/24', values: { attendance: 95.5, persistentAbsence: 12 } })
      .expect(201);
    await http()
      .post(`/trusts/${trustId}/schools/140003/measures`)
      .send({ period: '2024/25', values: { attendance: 88.9, persistentAbsence: 12 } })
      .expect(201);
    const same = await http()
      .post(`/trusts/${trustId}/schools/140003/measures`)
      .send({ period: '2024/25', values: { attendance: 88.9 } })
      .expect(201);
    expect(same.body).toMatchObject({ changed: [], unchanged: 1 });
    await http()
      .post(`/trusts/${trustId}/schools/140003/measures`)
      .send({ period: '2024/27', values: { attendance: 90 } })
      .expect(400);
    await http()
      .post(`/trusts/${trustId}/schools/140003/measures`)
      .send({ period: '2024/25', values: { attendance: 140 } })
      .expect(400);
    const school = (await http().get(`/trusts/${trustId}/schools/140003`).expect(200)).body;
    expect(school.measures).toHaveLength(4);
    expect(school.risk.level).not.toBe('green');
    expect(school.risk.reasons.join(' ')).toMatch(/Attendance/);
    await expectEventually(() => expect(eventsFor('schools.measures.recorded', 140003)).toHaveLength(2));
  });

  it('lets a trust see and change its risk rules, and re-derives every school', async () => {
    const { body } = await http().get(`/trusts/${trustId}/risk-rules`).expect(200);
    expect(body.isDefault).toBe(true);
    await http().put(`/trusts/${trustId}/risk-rules`).send({ version: 'x' }).expect(400);
    const lenient = structuredClone(body.rules);
    lenient.version = body.rules.version + 1;
    lenient.measures.thresholds = [];
    lenient.measures.trends = [];
    lenient.inspection.reportCard.judgements = {};
    const res = await http().put(`/trusts/${trustId}/risk-rules`).send(lenient).expect(200);
    expect(res.body.reassessed).toBeGreaterThanOrEqual(2);
    expect((await http().get(`/trusts/${trustId}/schools/140003`).expect(200)).body.risk.level).toBe('green');
    const stored = (await http().get(`/trusts/${trustId}/risk-rules`).expect(200)).body;
    expect(stored).toMatchObject({ isDefault: false, rules: { version: body.rules.version + 1 } });
    await expectEventually(() =>
      expect(eventsFor('schools.risk-rules.changed').map((e) => e.data)).toEqual([
        expect.objectContaining({ trustId, version: body.rules.version + 1, reassessed: res.body.reassessed, changed: res.body.changed }),
      ]),
    );
  });

  it('links a converter to its predecessor so its history follows it', async () => {
    await http()
      .post(`/trusts/${trustId}/schools`)
      .send({ urn: 150002, name: 'Kingdown Academy', phase: 'secondary', predecessorUrn: 140002 })
      .expect(201);
    const school = (await http().get(`/trusts/${trustId}/schools/150002`).expect(200)).body;
    expect(school.lineage).toEqual([150002, 140002]);
    expect(school.inspections).toHaveLength(2);
    let predecessor = (await http().get(`/trusts/${trustId}/schools/140002`).expect(200)).body;
    expect(predecessor.successors).toEqual([{ urn: 150002, name: 'Kingdown Academy' }]);
    expect(school.risk.level).toBe(predecessor.risk.level);

    // A later finding on the predecessor is the successor's too.
    await http()
      .post(`/trusts/${trustId}/schools/140002/inspections`)
      .send({
        framework: 'report-card',
        startDate: '2026-06-02',
        safeguarding: 'not-met',
        judgements: [{ area: 'inclusion', grade: 'expected-standard' }],
      })
      .expect(201);
    predecessor = (await http().get(`/trusts/${trustId}/schools/140002`).expect(200)).body;
    const successor = (await http().get(`/trusts/${trustId}/schools/150002`).expect(200)).body;
    expect(predecessor.risk.level).toBe('red');
    expect(successor.risk).toMatchObject({ level: 'red', reasons: predecessor.risk.reasons });
    await http().patch(`/trusts/${trustId}/schools/150002`).send({ predecessorUrn: 150002 }).expect(400);
  });

  it('lists and filters by phase, local authority, model and name', async () => {
    const list = async (q: string) =>
      (await http().get(`/trusts/${trustId}/schools?${q}`).expect(200)).body.items.map((s: { urn: number }) => s.urn);
    expect(await list('phase=secondary')).toEqual([150002, 140002]);
    expect(await list('localAuthority=lincolnshire')).toEqual([140001]);
    expect(await list('localAuthority=925')).toEqual([140001]);
    expect(await list('leadershipModel=B')).toEqual([140001]);
    expect(await list('q=acorn')).toEqual([140003]);
    expect(await list('q=140003')).toEqual([140003]);
    await http().get(`/trusts/${trustId}/schools?phase=bogus&limit=0`).expect(400);
  });

  it('stamps every event with the trust, the school as aggregate and a correlation id', async () => {
    await http().patch(`/trusts/${trustId}/schools/140003`).set('x-correlation-id', 'corr-abc').send({ town: 'Bourne' }).expect(200);
    await expectEventually(() => expect(topic.events().filter((e) => e.correlationId === 'corr-abc')).toHaveLength(1));
    const [event] = topic.events().filter((e) => e.correlationId === 'corr-abc');
    const [row] = await db.query(`SELECT id FROM schools WHERE urn = 140003`);
    expect(event).toMatchObject({ type: 'schools.school.updated', version: 1, trustId, aggregateId: row.id, aggregateType: 'school' });
    const keyed = topic.messages.find((m) => m.value!.toString().includes('corr-abc'))!;
    expect(keyed.key!.toString()).toBe(row.id);
  });
});
