import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { JsonLogger } from '../logging/json-logger';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';
import { withTimeout } from '../util/time';
import { HealthDetails } from './health-details';

const DATABASE_TIMEOUT_MS = 2000;

/** A short, public reason for a database that does not answer; the error itself goes to the log only. */
export function databaseReason(err: unknown): string {
  const e = err as { message?: string; code?: string };
  if (/timed out/.test(e.message ?? '')) return `no answer within ${DATABASE_TIMEOUT_MS} ms`;
  if (e.code && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)$/.test(e.code)) return 'unreachable';
  if (e.code === '57P01' || e.code === '57P03' || e.code === '53300') return 'not accepting connections';
  return 'query failed';
}

/**
 * Liveness and readiness on @nestjs/terminus (replacing the hand-written checks: it gives the usual
 * `status/info/error/details` shape, a "degraded" state that keeps 200, and a 503 while shutting down).
 *
 * - `/health/live`: the process answers.
 * - `/health` and `/health/ready`: can this process serve its requests, i.e. does its database answer.
 *   200 `ok`, or 200 `degraded` when a detail says so, or 503 `error` when the database does not answer.
 * - Detail (`HealthDetails`: Kafka, the outbox's backlog and parked rows, consumers) is reported and may
 *   be `degraded`, but never makes the service not-ready: with Kafka away, writes still go into the
 *   outbox and leave when it returns. For the gateway, its upstreams are not its readiness either.
 */
@Controller('health')
export class HealthController {
  private databaseDown = false;

  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly details: HealthDetails,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok', service: this.options.service };
  }

  @Get()
  health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    let result: HealthCheckResult;
    try {
      result = await this.checks.check([() => this.database(), ...this.details.indicators()]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
    }
    const ready = result.status === 'ok' || result.status === 'degraded';
    res
      .status(ready ? 200 : 503)
      .json({ status: result.status, service: this.options.service, info: result.info, error: result.error, details: result.details });
  }

  private async database() {
    const session = this.indicator.check('database');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), DATABASE_TIMEOUT_MS);
      if (this.databaseDown) this.logger.log({ msg: 'database answers again' }, 'Health');
      this.databaseDown = false;
      return session.up();
    } catch (err) {
      if (!this.databaseDown) this.logger.warn({ msg: 'database does not answer: not ready', error: (err as Error).message }, 'Health');
      this.databaseDown = true;
      return session.down({ reason: databaseReason(err) });
    }
  }
}
