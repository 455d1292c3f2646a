import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { startSchoolsApp } from './schools-app';

/**
 * A change whose event would be larger than EVENT_MAX_BYTES (256 KiB by default) is refused when it is
 * recorded, with a 413 naming the problem, and nothing of it is written: no event can block the relay.
 */
describe('an event over the size limit', () => {
  const env = testEnvironment('event_size');
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  it('is refused at record time with a 413 in the one error shape, and nothing is written', async () => {
    const trustId = (await http().post('/trusts').send({ name: 'Large Rules Trust' }).expect(201)).body.id;
    const { body } = await http().get(`/trusts/${trustId}/risk-rules`).expect(200);
    // Under the 1 MB JSON body limit, over the event limit: risk-rules.changed carries the whole document.
    const rules = { ...body.rules, version: body.rules.version + 1, name: 'n'.repeat(300_000) };
    const res = await http().put(`/trusts/${trustId}/risk-rules`).send(rules).expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.any(String),
      errors: [
        {
          field: 'body',
          problems: [
            expect.stringMatching(/^the event schools\.risk-rules\.changed .* is \d+ bytes; the limit is 262144 \(EVENT_MAX_BYTES\)$/),
          ],
        },
      ],
    });
    expect((await http().get(`/trusts/${trustId}/risk-rules`).expect(200)).body.isDefault).toBe(true);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM outbox_events WHERE event_type = 'schools.risk-rules.changed'`);
    expect(count).toBe(0);
  });
});
