import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { ServiceConfig } from '../config/service-config';
import { JsonLogger } from '../logging/json-logger';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from '../module/tokens';
import type { ServiceModuleOptions } from '../module/service-options';
import { Metrics } from './metrics';

/**
 * `GET /metrics` on a port of its own when METRICS_PORT is set (the gateway's public port should not show its
 * numbers to the internet); the app's own port then no longer answers it. Without METRICS_PORT, /metrics stays on
 * the app's port (see observeRequests), which for the four services is internal anyway.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_OPTIONS) private readonly options: Pick<ServiceModuleOptions, 'service'>,
    private readonly logger: JsonLogger,
  ) {}

  /** The port /metrics is served on here, once listening; undefined when it is on the app's own port. */
  port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.metrics.scrape().then(
        (text) => res.writeHead(200, { 'content-type': this.metrics.contentType }).end(text),
        () => res.writeHead(503, { 'content-type': 'text/plain' }).end('the metrics could not be collected; try again\n'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log({ msg: `${this.options.service} metrics listening`, port: this.port() }, 'Metrics');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
