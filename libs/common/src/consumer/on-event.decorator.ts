import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { catchError, Observable, throwError } from 'rxjs';
import type { EventType, TrustwideEvent } from '@trustwide/common';
import { ConsumerContext } from './consumer-context';

/** The transport id of a named consumer: Nest binds a handler to the consumer whose id it names. */
export const consumerTransport = (consumer: string): symbol => Symbol.for(`trustwide.consumer:${consumer}`);

/** The pattern of a consumer's reset hook (see OnConsumerReset). */
export const RESET_PATTERN = 'trustwide.consumer.reset';

export interface OnEventOptions {
  /**
   * The consumer (as declared by the service) whose group applies this handler. Without it, every
   * consumer of the service that reads the event's topic applies it (in its own group).
   */
  consumer?: string;
}

/** Extras on a pattern: a batch handler gets every event of a run at once. */
export interface TrustwidePatternExtras {
  batch?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rest = any[];

const pattern = (patterns: string | string[], options: OnEventOptions, extras: TrustwidePatternExtras) =>
  options.consumer
    ? EventPattern<string | string[]>(patterns, consumerTransport(options.consumer), extras)
    : EventPattern<string | string[]>(patterns, extras);

/**
 * A Nest event handler (`@EventPattern`) for catalogue events, typed from the catalogue: the method gets
 * the validated event (`@Payload()`, or the first argument) and the `ConsumerContext` (`@Ctx()`, or the
 * second), whose `manager` is the transaction its effect goes in. Put it on a controller's method.
 *
 *   @OnEvent('schools.school.registered', { consumer: 'school-directory' })
 *   async onRegistered(@Payload() event: TrustwideEvent<'schools.school.registered'>, @Ctx() ctx: ConsumerContext) { ... }
 */
export function OnEvent<T extends EventType>(types: T | T[], options: OnEventOptions = {}) {
  const decorator = pattern(types, options, {});
  return <H extends (event: TrustwideEvent<T>, ...rest: Rest) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) => {
    decorator(target, key, descriptor);
    return descriptor;
  };
}

/**
 * A batch handler: gets consecutive events of one partition (in order) and the one transaction they and
 * their ledger rows are written in. For projections that must keep up with bulk imports.
 *
 *   @OnEventBatch(['schools.school.registered', 'schools.school.updated'], { consumer: 'read-model' })
 *   async onSchools(@Payload() events: TrustwideEvent<'schools.school.registered' | 'schools.school.updated'>[], @Ctx() ctx: ConsumerContext) { ... }
 */
export function OnEventBatch<T extends EventType>(types: T | T[], options: OnEventOptions = {}) {
  const decorator = pattern(types, options, { batch: true });
  return <H extends (events: TrustwideEvent<T>[], ...rest: Rest) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) => {
    decorator(target, key, descriptor);
    return descriptor;
  };
}

/**
 * The hook a reset runs, in the transaction that also deletes the consumer's ledger rows: delete what
 * the projection holds (`ctx.manager`), so replaying the topics from the start rebuilds it.
 */
export function OnConsumerReset(consumer: string) {
  return applyDecorators(EventPattern<string>(RESET_PATTERN, consumerTransport(consumer)));
}

/**
 * Keeps a handler's original error on its ConsumerContext before exception filters turn it into an RPC
 * error (Nest's default filter replaces it with "Internal server error"): the consumer needs it to decide
 * between waiting, retrying and dead-lettering. Does nothing outside consumers.
 */
@Injectable()
export class ConsumerFailureRecorder implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = context.getType() === 'rpc' ? context.switchToRpc().getContext<unknown>() : undefined;
    if (!(ctx instanceof ConsumerContext)) return next.handle();
    return next.handle().pipe(
      catchError((err: unknown) => {
        ctx.failure = err;
        return throwError(() => err);
      }),
    );
  }
}
