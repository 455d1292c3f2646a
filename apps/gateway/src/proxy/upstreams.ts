import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'undici';
import { GatewayConfig } from '../gateway.config';
import { upstreamPool, UPSTREAM_TIMINGS } from './forward';
import { OwningService, SERVICES } from './service-routes';

/** Each service's base URL and the connection pool to its origin. */
@Injectable()
export class Upstreams implements OnModuleDestroy {
  readonly baseUrls: ReadonlyMap<OwningService, URL>;
  private readonly pools = new Map<OwningService, Pool>();

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    this.baseUrls = new Map(SERVICES.map((s) => [s, new URL(config[`${s.toUpperCase()}_URL` as 'SCHOOLS_URL'])]));
    const timings = { ...UPSTREAM_TIMINGS, keepAliveMs: config.UPSTREAM_KEEP_ALIVE_MS };
    for (const [service, base] of this.baseUrls) this.pools.set(service, upstreamPool(base.origin, timings));
  }

  pool(service: OwningService): Pool {
    return this.pools.get(service)!;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.destroy()));
  }
}
