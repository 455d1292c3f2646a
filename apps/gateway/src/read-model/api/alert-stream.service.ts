import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { JsonLogger, SERVICE_CONFIG, ServiceConfig } from '@trustwide/common';
import { ALERT_CHANNEL } from '../ingest/writer';

/**
 * Wakes the live alert streams: one PostgreSQL connection LISTENs on the channel the ingest NOTIFYs in the
 * transaction that raises alerts (delivered at commit, on every replica), and tells the streams of that trust.
 * Streams also look every few seconds, so a lost connection delays an alert but never loses it.
 */
@Injectable()
export class AlertSignals implements OnModuleInit, OnApplicationShutdown {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (n) => n.payload && this.emitter.emit(n.payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ALERT_CHANNEL}`);
      this.client = client;
    } catch (err) {
      this.logger.warn({ msg: 'alert stream cannot listen; retrying', error: (err as Error).message }, 'AlertSignals');
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.client === client) this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 2_000);
    this.retry.unref();
  }

  /** Calls `listener` whenever an alert of `trustId` is committed; returns the unsubscribe. */
  subscribe(trustId: string, listener: () => void): () => void {
    this.emitter.on(trustId, listener);
    return () => this.emitter.off(trustId, listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}
