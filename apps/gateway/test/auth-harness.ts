import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { configureHttp, EventConsumerService, GATEWAY_HTTP, startConsumers } from '@trustwide/common';
import { hardenHttpServer } from '@trustwide/common/bootstrap/client-errors';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule as SchoolsModule } from '../../schools/src/app.module';
import { IMPORT_UPLOADS } from '../../schools/src/imports/imports.controller';
import { Clock } from '../src/auth/clock';
import { AppModule as GatewayModule } from '../src/app.module';

/** A clock the test moves on: tokens expire and keys retire without waiting. */
export class TestClock extends Clock {
  offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const BOOTSTRAP_ADMIN = { email: 'platform@trustwide.test', password: 'correct-otter-lantern-basin' };

/** A free port on 127.0.0.1 (the gateway and a service each need the other's URL before both listen). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startGateway(
  env: TestEnvironment,
  clock: TestClock,
  extra: Record<string, string>,
  port = 0,
): Promise<INestApplication> {
  return withEnv(
    env.env('gateway', {
      BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
      PEOPLE_URL: 'http://127.0.0.1:1',
      IMPROVEMENT_URL: 'http://127.0.0.1:1',
      CPD_URL: 'http://127.0.0.1:1',
      ...extra,
    }),
    async () => {
      const ref = await Test.createTestingModule({ imports: [GatewayModule] })
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
      configureHttp(app, GATEWAY_HTTP);
      await app.listen(port, '127.0.0.1');
      hardenHttpServer(app.getHttpServer());
      return app;
    },
  );
}

/**
 * A service app (people, improvement, cpd) listening on `port` as `npm start` runs it; with `consumers`, its event
 * consumers started and joined (for a test that needs its projections).
 */
export async function startService(
  env: TestEnvironment,
  name: string,
  module: unknown,
  extra: Record<string, string>,
  port: number,
  { consumers = false } = {},
): Promise<INestApplication> {
  return withEnv(env.env(name, extra), async () => {
    const app = (await Test.createTestingModule({ imports: [module as never] }).compile()).createNestApplication({
      logger: ['error'],
      bodyParser: false,
    });
    configureHttp(app);
    await app.listen(port, '127.0.0.1');
    hardenHttpServer(app.getHttpServer());
    if (consumers) {
      await startConsumers(app);
      for (const consumer of app.get(EventConsumerService).strategies()) await consumer.joined;
    }
    return app;
  });
}

export async function startSchools(env: TestEnvironment, extra: Record<string, string>, port = 0): Promise<INestApplication> {
  return withEnv(env.env('schools', extra), async () => {
    const app = (await Test.createTestingModule({ imports: [SchoolsModule] }).compile()).createNestApplication({
      logger: ['error'],
      bodyParser: false,
    });
    configureHttp(app, { streamedBodies: IMPORT_UPLOADS });
    await app.listen(port, '127.0.0.1');
    hardenHttpServer(app.getHttpServer());
    return app;
  });
}
