import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configProblems, ServiceConfig } from '@trustwide/common';
import { CpdConfig } from '../apps/cpd/src/cpd.config';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { ImprovementConfig } from '../apps/improvement/src/improvement.config';
import { PeopleConfig } from '../apps/people/src/people.config';
import { SchoolsConfig } from '../apps/schools/src/schools.config';

/**
 * No Docker engine runs here, so the compose file is checked against the apps' own config classes:
 * every variable an app requires is set for it, with a value the app accepts.
 */
const compose = parse(readFileSync(join(process.cwd(), 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(join(process.cwd(), 'Dockerfile'), 'utf8');

const apps: Record<string, new () => ServiceConfig> = {
  schools: SchoolsConfig,
  people: PeopleConfig,
  improvement: ImprovementConfig,
  cpd: CpdConfig,
  gateway: GatewayConfig,
};

const environmentOf = (name: string): Record<string, string> => {
  const env = compose.services[name].environment;
  return Array.isArray(env) ? Object.fromEntries(env.map((kv: string) => kv.split(/=(.*)/s).slice(0, 2))) : env;
};

describe('docker-compose.yml', () => {
  it.each(Object.keys(apps))('sets every variable %s validates, with valid values', (name) => {
    expect(compose.services[name]).toBeDefined();
    expect(configProblems(apps[name], environmentOf(name))).toEqual([]);
  });

  it.each(Object.keys(apps))('builds %s from the one Dockerfile, runs that service, and health-checks it', (name) => {
    const service = compose.services[name];
    expect(service.build.dockerfile).toBe('Dockerfile');
    expect(service.build.args.SERVICE).toBe(name);
    expect(environmentOf(name).SERVICE).toBe(name);
    expect(service.healthcheck.test.join(' ')).toContain('/health');
    const port = environmentOf(name).PORT;
    // Only the gateway is published; the services answer inside the compose network, to the gateway's callers only.
    if (name === 'gateway') expect(service.ports).toEqual([`${port}:${port}`]);
    else expect(service.ports).toBeUndefined();
  });

  it.each(Object.keys(apps))('requires sign-in at %s; the services check callers against the gateway JWKS', (name) => {
    const env = environmentOf(name);
    expect(env.AUTH_REQUIRED).toBe('true');
    if (name !== 'gateway')
      expect(new URL(env.GATEWAY_JWKS_URL).href).toBe(`http://gateway:${environmentOf('gateway').PORT}/.well-known/jwks.json`);
  });

  it('points each service at its own database on the compose PostgreSQL and at the compose broker', () => {
    const databases = new Set<string>();
    for (const name of Object.keys(apps)) {
      const env = environmentOf(name);
      const url = new URL(env.DATABASE_URL);
      expect(compose.services[url.hostname]).toBeDefined();
      databases.add(url.pathname);
      for (const broker of env.KAFKA_BROKERS.split(',')) expect(compose.services[broker.split(':')[0]]).toBeDefined();
      expect(Object.keys(compose.services[name].depends_on)).toEqual(expect.arrayContaining([url.hostname, 'kafka']));
    }
    expect(databases.size).toBe(Object.keys(apps).length);
  });

  it("points the gateway at each service's compose address and port", () => {
    const env = environmentOf('gateway');
    for (const name of ['schools', 'people', 'improvement', 'cpd']) {
      const url = new URL(env[`${name.toUpperCase()}_URL`]);
      expect(url.hostname).toBe(name);
      expect(url.port).toBe(environmentOf(name).PORT);
    }
  });

  it('has Kafka in KRaft mode and PostgreSQL with health checks', () => {
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.kafka.healthcheck).toBeDefined();
    expect(compose.services.postgres.healthcheck).toBeDefined();
  });

  it('builds on the current Node LTS and starts the service named by SERVICE', () => {
    expect(dockerfile).toMatch(/^FROM node:(2[4-9]|[3-9]\d)/m);
    expect(dockerfile).toContain('dist/apps/$SERVICE/apps/$SERVICE/src/main.js');
  });
});
