import { Client } from 'pg';
import type { QueryResult } from 'pg';

/** How often a connection must see a statement before it prepares it: one-off texts are never prepared. */
export const PREPARE_AFTER_USES = 3;

/** At most this many statements are prepared per connection (each costs the server some memory for its session). */
export const PREPARED_PER_CONNECTION = 300;

/**
 * Texts counted at most per connection before the counts start again: texts with values written into them (TypeORM
 * writes LIMIT and OFFSET, and one placeholder per list item) vary with every page a caller asks for, and would
 * otherwise grow the counts without end.
 */
export const COUNTED_PER_CONNECTION = 1_000;

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
  /** The statements prepared, by their text. */
  private readonly names = new Map<string, string>();
  /** How often texts not prepared yet were seen (cleared when it holds COUNTED_PER_CONNECTION). */
  private readonly uses = new Map<string, number>();
  private prepared = 0;

  // Pipelined: statements issued without awaiting each other go out at once (see allStatements); awaited one by one,
  // as almost all are, they behave exactly as without.
  constructor(config?: object) {
    super({ ...config, pipeline: true });
  }

  /** The name to run `text` under, or undefined to run it unnamed this time. */
  private statementName(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined) return named;
    if (this.prepared >= PREPARED_PER_CONNECTION) return undefined;
    const uses = (this.uses.get(text) ?? 0) + 1;
    if (uses < PREPARE_AFTER_USES) {
      if (this.uses.size >= COUNTED_PER_CONNECTION) this.uses.clear();
      this.uses.set(text, uses);
      return undefined;
    }
    this.uses.delete(text);
    const name = `tw_${++this.prepared}`;
    this.names.set(text, name);
    return name;
  }

  /** Forgets the name `text` was prepared under, so that it is counted and prepared again under a new one. */
  private forget(text: string, name: string): void {
    if (this.names.get(text) === name) this.names.delete(text);
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
