import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AlertSignals } from './alert-stream.service';

const MAX_ENTRIES = 1_000;

interface Entry {
  version: string;
  value: unknown;
}

/**
 * Overview answers kept until the trust's read model changes. The ingest announces each committed change of a
 * trust (CHANGE_CHANNEL), so an answer is reused only while nothing it was read from has changed: a computation
 * that overlapped a change is not kept, and nothing is kept while the gateway is not hearing changes. Answers
 * are per trust, scope and query (a headteacher's differs from the CEO's); the oldest go past MAX_ENTRIES.
 */
@Injectable()
export class OverviewCache implements OnModuleDestroy {
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  /** Answers being computed, by the same key, with the version they are computed from. */
  private readonly computing = new Map<string, Entry>();
  private everything = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly signals: AlertSignals) {
    this.unsubscribe = signals.onChange((trustId) => {
      if (trustId === '*') this.everything++;
      else this.versions.set(trustId, (this.versions.get(trustId) ?? 0) + 1);
    });
  }

  private version(trustId: string): string | null {
    if (!this.signals.listening) return null;
    return `${this.signals.epoch}.${this.everything}.${this.versions.get(trustId) ?? 0}`;
  }

  async get<T>(trustId: string, key: string, compute: () => Promise<T>): Promise<T> {
    const before = this.version(trustId);
    const id = `${trustId}|${key}`;
    const hit = this.entries.get(id);
    if (before !== null && hit?.version === before) return hit.value as T;
    // Requests that arrive while the same answer is being computed from the same version wait for it: dashboards
    // asking at once after a change cost one computation (its queries at once on the pool), not one each.
    const pending = this.computing.get(id);
    if (before !== null && pending?.version === before) return pending.value as Promise<T>;
    const computing = compute();
    if (before !== null) this.computing.set(id, { version: before, value: computing });
    let value: T;
    try {
      value = await computing;
    } finally {
      if (this.computing.get(id)?.value === computing) this.computing.delete(id);
    }
    const after = this.version(trustId);
    if (before !== null && after === before) {
      this.entries.delete(id);
      this.entries.set(id, { version: before, value });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}
