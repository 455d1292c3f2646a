import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { allStatements, ConsumerContext, EVENT_CATALOGUE, OnConsumerReset, OnEventBatch } from '@trustwide/common';
import type { EventType, TrustwideEvent } from '@trustwide/common';
import { foldEvents, READ_MODEL_TOPICS } from './fold';
import { REBUILT_TABLES } from './tables';
import { notifyChanged, writeFolded } from './writer';

export const READ_MODEL_CONSUMER = 'read-model';

/** Every event of the four services' topics. */
export const READ_MODEL_TYPES = (Object.keys(EVENT_CATALOGUE) as EventType[]).filter((t) =>
  (READ_MODEL_TOPICS as readonly string[]).includes(EVENT_CATALOGUE[t].topic),
);

/**
 * The read model's only handler: a partition's run of events (up to the consumer's transaction batch size) is
 * folded in memory and written with one multi-row upsert per table, in the transaction that records the events in
 * the ledger (so a redelivered run changes nothing).
 */
@Controller()
export class ReadModelIngest {
  @OnEventBatch(READ_MODEL_TYPES, { consumer: READ_MODEL_CONSUMER })
  async onEvents(@Payload() events: TrustwideEvent[], @Ctx() ctx: ConsumerContext): Promise<void> {
    // The change's NOTIFY goes out with the writes (delivered at commit all the same), first: writeFolded reads before
    // it writes, so this order is also the order on the wire, the one allStatements reports failures in.
    await allStatements([
      notifyChanged(
        ctx.manager,
        events.map((e) => e.trustId),
      ),
      writeFolded(ctx.manager, foldEvents(events)),
    ]);
  }

  /** A rebuild starts from empty tables; acknowledgements are kept (alert ids are the same when rebuilt). */
  @OnConsumerReset(READ_MODEL_CONSUMER)
  async reset(@Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query(`TRUNCATE ${REBUILT_TABLES.join(', ')}`);
    await notifyChanged(ctx.manager, ['*']);
  }
}
