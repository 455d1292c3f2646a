import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { withTimeout } from '../util/time';

/** What a part of the service says about itself in /health: never "down", at worst "degraded". */
export interface HealthDetail {
  status: 'up' | 'degraded';
  [key: string]: unknown;
}

/**
 * Detail that /health reports but that never makes the service not-ready (Kafka, the outbox, consumers):
 * a service whose Kafka is away still takes writes, which is what its outbox is for. Any module adds
 * its own: `healthDetails.register('consumers', async () => ({ status: 'up', lag: 0 }))`.
 */
@Injectable()
export class HealthDetails {
  private readonly sources = new Map<string, () => Promise<HealthDetail>>();

  constructor(private readonly indicator: HealthIndicatorService) {}

  register(name: string, read: () => Promise<HealthDetail>): void {
    this.sources.set(name, read);
  }

  unregister(name: string): void {
    this.sources.delete(name);
  }

  /** One terminus indicator per detail; one that throws or does not answer in time reads as degraded. */
  indicators(timeoutMs = 2500): HealthIndicatorFunction[] {
    return [...this.sources].map(([name, read]) => async () => {
      const session = this.indicator.check(name);
      try {
        const { status, ...data } = await withTimeout(read(), timeoutMs);
        return status === 'up' ? session.up(data) : session.degraded(data);
      } catch (err) {
        const reason = /timed out/.test((err as Error).message) ? `no answer within ${timeoutMs} ms` : 'could not be read';
        return session.degraded({ reason });
      }
    });
  }
}
