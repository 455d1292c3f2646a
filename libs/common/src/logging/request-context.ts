import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What a log line or an outgoing event inherits from the request or event being handled. */
export interface RequestContext {
  correlationId: string;
  /** The event being handled, when the work was caused by one. */
  causationId?: string;
  trustId?: string;
  actor?: { kind: 'user' | 'service' | 'system'; id: string };
}

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
};
