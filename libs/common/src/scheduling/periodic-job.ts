import type { EntityManager } from 'typeorm';
import type { JsonLogger } from '../logging/json-logger';

/**
 * Work a service does by itself on a timer (lapsing designations, flagging overdue reports): run at
 * start and every `everyMs` (0 turns it off), never two runs at once in this process, a failure logged
 * and tried again at the next tick, and the run in progress awaited at shutdown. `run` says what it did
 * (logged) or null when there was nothing to do.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly logger: JsonLogger,
    private readonly run: () => Promise<string | null>,
  ) {}

  start(): void {
    if (this.everyMs === 0) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the previous run is still going
    this.running = this.run()
      .then((done) => {
        if (done !== null) this.logger.log(`${this.name}: ${done}`, this.name);
      })
      .catch((err: Error) => this.logger.error(`${this.name} failed: ${err.message}`, err.stack, this.name))
      .finally(() => (this.running = null));
  }
}

/**
 * Takes the named lock for the rest of the transaction if no other replica holds it: true when this
 * replica is the one to run the job now, false when another is running it (skip this tick).
 */
export async function tryJobLock(manager: EntityManager, name: string): Promise<boolean> {
  const [{ locked }] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [name]);
  return locked;
}
