import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ActorKind } from '../events/envelope';

/** Who did it: a signed-in user, or a service or the system acting on its own. */
export interface RequestActor {
  kind: ActorKind;
  id: string;
}

/** What a log line or an outgoing event inherits from the request or event being handled. */
export interface RequestContext {
  correlationId: string;
  /** The event being handled, when the work was caused by one. */
  causationId?: string;
  trustId?: string;
  /** Who made the request (`x-trustwide-actor`) or caused the event; absent: the service itself. */
  actor?: RequestActor;
}

/**
 * The header that says who made a request: `<kind>:<id>`, e.g. `user:3f0c…` or `service:cpd`. The
 * gateway sets it after sign-in and strips any a client sent; services read it. Without it, the work
 * is the service's own and its events carry `{ kind: 'service', id: <service> }`.
 */
export const ACTOR_HEADER = 'x-trustwide-actor';

/** Ids are opaque but bounded and plain: no spaces, quotes or control characters reach logs and events. */
const ACTOR = /^(user|service|system):([A-Za-z0-9][A-Za-z0-9._@+-]{0,127})$/;

/**
 * Reads the actor header: `undefined` when absent, `'invalid'` when present but not `<kind>:<id>`
 * with a known kind and an id of 1–128 letters, digits and `._@+-`.
 */
export function parseActorHeader(value: string | string[] | undefined): RequestActor | undefined | 'invalid' {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return 'invalid'; // sent twice: which one would be true?
  const match = ACTOR.exec(value);
  return match ? { kind: match[1] as ActorKind, id: match[2] } : 'invalid';
}

/** The actor of work a service does on its own (no request or event caused it). */
export const serviceActor = (service: string): RequestActor => ({ kind: 'service', id: service });

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  correlationId(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
  /** Who the current work is for: the request's or handled event's actor, else the service itself. */
  actor(service: string): RequestActor {
    return storage.getStore()?.actor ?? serviceActor(service);
  },
};
