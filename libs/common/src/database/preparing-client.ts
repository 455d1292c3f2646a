import { Client } from 'pg';
import type { ClientConfig, QueryResult } from 'pg';

/** How often a connection must see a statement before it prepares it: one-off texts are never prepared. */
export const PREPARE_AFTER_USES = 3;

/** At most this many statements are prepared per connection (each costs the server some memory for its session). */
export const PREPARED_PER_CONNECTION = 300;

/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration by another replica). */
const RESULT_TYPE_CHANGED = /cached plan must not change result type/i;

/**
 * A pg client that runs the statements it sees again and again as named prepared statements: PostgreSQL then
 * parses and analyses each once per connection, and plans it once when a generic plan is as good as a custom
 * one, instead of on every run (that was two fifths of PostgreSQL's CPU under a steady stream of commands).
 * Only parameterised texts are named (the ones the services run; those without parameters go by the simple
 * protocol as before), only after `PREPARE_AFTER_USES` uses, and at most `PREPARED_PER_CONNECTION` per
 * connection. A statement whose result columns a migration changed is answered with an error once, then
 * prepared afresh under a new name. Not for a pooler that shares server sessions between clients per
 * transaction (PgBouncer's transaction mode): there, use a plain client.
 */
class Preparing extends Client {
  /** Per statement text: how often it was seen, or the name it was prepared under. */
  private readonly statements = new Map<string, number | string>();
  private prepared = 0;

  constructor(config?: string | ClientConfig) {
    super(config);
  }

  /** The name to run `text` under, or undefined to run it unnamed this time. */
  private statementName(text: string): string | undefined {
    const seen = this.statements.get(text);
    if (typeof seen === 'string') return seen;
    if (this.prepared >= PREPARED_PER_CONNECTION) return undefined;
    const uses = (seen ?? 0) + 1;
    if (uses < PREPARE_AFTER_USES) {
      this.statements.set(text, uses);
      return undefined;
    }
    const name = `tw_${++this.prepared}`;
    this.statements.set(text, name);
    return name;
  }

  /** Forgets the name `text` was prepared under, so that its next run prepares it again under a new one. */
  private forget(text: string, name: string): void {
    if (this.statements.get(text) === name) this.statements.set(text, 0);
  }

  // pg's overloads (promise, callback, submittable) are kept: only a text with an array of values is changed.
  override query(...args: unknown[]): never {
    const [config, values, callback] = args;
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && typeof callback !== 'function') {
      const name = this.statementName(config);
      if (name !== undefined) {
        const run = (super.query as (c: object) => Promise<QueryResult>).call(this, { name, text: config, values });
        return run.catch((err: unknown) => {
          if (RESULT_TYPE_CHANGED.test((err as Error)?.message ?? '')) this.forget(config, name);
          throw err;
        }) as never;
      }
    }
    return (super.query as (...a: unknown[]) => never).apply(this, args);
  }
}

/** Typed as pg's own client: it answers every query as pg's does. */
export const PreparingClient: typeof Client = Preparing;
