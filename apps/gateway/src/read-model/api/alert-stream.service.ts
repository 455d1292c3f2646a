import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { JsonLogger, SERVICE_CONFIG, ServiceConfig } from '@trustwide/common';
import { ALERT_CHANNEL, CHANGE_CHANNEL } from '../ingest/writer';

/**
 * Wakes the live alert streams: one PostgreSQL connection LISTENs on the channel the ingest NOTIFYs in the
 * transaction that raises alerts (delivered at commit, on every replica), and tells the streams of that trust.
 * Streams also look every few seconds, so a lost connection delays an alert but never loses it.
 * The same connection hears which trusts' read model changed (CHANGE_CHANNEL, `*` for all), for the overview cache;
 * `epoch` changes whenever the connection is made or lost, since changes may have been missed meanwhile.
 */
@Injectable()
export class AlertSignals implements OnModuleInit, OnApplicationShutdown {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private readonly changes = new EventEmitter().setMaxListeners(0);
  /** Bumped when the connection is made or lost: what was cached before may have missed a change. */
  epoch = 0;

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
    client.on('notification', (n) => {
      if (!n.payload) return;
      if (n.channel === CHANGE_CHANNEL) this.changes.emit('change', n.payload);
      else this.emitter.emit(n.payload);
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ALERT_CHANNEL}; LISTEN ${CHANGE_CHANNEL}`);
      this.client = client;
      this.epoch++;
    } catch (err) {
      this.logger.warn({ msg: 'alert stream cannot listen; retrying', error: (err as Error).message }, 'AlertSignals');
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.client === client) {
      this.client = undefined;
      this.epoch++;
    }
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

  /** Whether changes are being heard (a cache may trust what it holds only then). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Calls `listener` with the trust whose read model changed (`*`: all of them) after each commit that changed it. */
  onChange(listener: (trustId: string) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}
