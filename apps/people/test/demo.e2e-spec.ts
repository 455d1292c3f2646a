import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { startSchoolsApp } from '../../schools/test/schools-app';
import { startPeopleApp } from './people-app';

type Api = (method: string, path: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * scripts/demo/people.mjs against the real schools and people services (and their events), through an
 * `api` that routes as the gateway does (/trusts/:t/{staff,designations,capacity,skills} to people) and
 * throws on a non-2xx, as the demo's does. Loaded twice: the second run changes nothing.
 */
describe('the people demo loader', () => {
  const env = testEnvironment('people_demo');
  let schools: INestApplication;
  let people: INestApplication;
  let api: Api;
  let trust: { id: string; name: string };
  let memberSchools: { id: string; urn: number; name: string }[];
  const said: string[] = [];

  beforeAll(async () => {
    schools = await startSchoolsApp(env);
    people = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '0' }, { consumers: true });
    api = async (method, path, body) => {
      const app = /^\/trusts\/[^/]+\/(staff|designations|capacity|skills)(\/|\?|$)/.test(path) ? people : schools;
      const res = await request(app.getHttpServer())
        [method.toLowerCase() as 'get'](path)
        .send(body as object);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
      return res.body;
    };
    trust = await api('POST', '/trusts', { name: 'Fenland Learning Partnership (demo)', groupUid: '9001' });
    const inspections: Record<number, object> = {
      149001: {
        framework: 'report-card',
        startDate: '2026-02-03',
        safeguarding: 'met',
        judgements: ['inclusion', 'curriculum-and-teaching', 'leadership-and-governance'].map((area) => ({
          area,
          grade: 'strong-standard',
        })),
      },
      149003: {
        framework: 'report-card',
        startDate: '2026-01-13',
        safeguarding: 'met',
        judgements: [
          { area: 'achievement', grade: 'needs-attention' },
          { area: 'leadership-and-governance', grade: 'expected-standard' },
        ],
      },
      149004: {
        framework: 'oeif',
        startDate: '2023-11-07',
        overallEffectiveness: 2,
        safeguarding: 'effective',
        judgements: [{ area: 'leadership-and-management', grade: '2' }],
      },
      149005: {
        framework: 'oeif',
        startDate: '2022-06-21',
        overallEffectiveness: 1,
        safeguarding: 'effective',
        judgements: [{ area: 'leadership-and-management', grade: '1' }],
      },
    };
    for (const urn of [149001, 149002, 149003, 149004, 149005, 149006]) {
      await api('POST', `/trusts/${trust.id}/schools`, {
        urn,
        name: `School ${urn}`,
        phase: 'primary',
        joinedTrustOn: '2015-09-01',
        joinRoute: 'converter',
      });
      if (inspections[urn]) await api('POST', `/trusts/${trust.id}/schools/${urn}/inspections`, inspections[urn]);
    }
    memberSchools = (await api('GET', `/trusts/${trust.id}/schools?membership=member`)).items;
  });

  afterAll(async () => {
    await people?.close();
    await schools?.close();
    await env.cleanup();
  });

  const load = async () => {
    const { loadDemo } = await import(pathToFileURL(join(process.cwd(), 'scripts', 'demo', 'people.mjs')).href);
    await loadDemo({ api, trust, schools: memberSchools, say: (line: string) => said.push(line) });
  };
  const outboxCount = async () => Number((await people.get(DataSource).query(`SELECT count(*) AS n FROM outbox_events`))[0].n);

  it('loads staff, an executive head of two schools, aspiring heads with self-assessments, and designations in every state', async () => {
    await load();
    const t = `/trusts/${trust.id}`;
    const staff = (await api('GET', `${t}/staff?limit=100`)).items as {
      id: string;
      firstName: string;
      roles: { role: string; schoolId: string }[];
    }[];
    expect(staff).toHaveLength(13);
    const exec = staff.find((s) => s.firstName === 'Marcus')!;
    expect(
      exec.roles
        .filter((r) => r.role === 'executive-headteacher')
        .map((r) => r.schoolId)
        .sort(),
    ).toEqual([149005, 149002].map((urn) => memberSchools.find((s) => s.urn === urn)!.id).sort());
    const statuses = (await api('GET', `${t}/designations?limit=100`)).items.map((d: { status: string }) => d.status).sort();
    expect(statuses).toEqual(['active', 'active', 'active', 'applied', 'approved', 'refused', 'revoked', 'suspended']);
    const aspiring = await api('GET', `${t}/skills/gaps?role=lle&aspiring=true`);
    expect(aspiring.people).toBe(3);
    expect(aspiring.significant.length).toBeGreaterThan(0);
    expect(said.join('\n')).toContain('people demo: 13 staff (13 joined now), 8 designations');
  });

  it('changes nothing when loaded again', async () => {
    const before = await outboxCount();
    said.length = 0;
    await load();
    expect(await outboxCount()).toBe(before);
    expect(said[0]).toBe('people demo: 13 staff (0 joined now), 8 designations:');
  });
});
