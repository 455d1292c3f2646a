import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

export interface ConsumerContextArgs {
  /** The transaction the handler's effect goes in, together with the events' ledger rows. */
  manager: EntityManager;
  /** The consumer (as named in the service's declaration) and its Kafka group. */
  consumer: string;
  group: string;
  topic: string;
  partition: number;
}

/**
 * What `@Ctx()` gives a Trustwide event handler: the transaction to write through (`ctx.manager`) and
 * where the event came from. The ledger row of the event is written in the same transaction, so an
 * effect written through `ctx.manager` happens exactly once.
 */
export class ConsumerContext extends BaseRpcContext<[ConsumerContextArgs]> {
  /** The handler's original failure, recorded before exception filters turn it into an RPC error. */
  failure?: unknown;

  get manager(): EntityManager {
    return this.args[0].manager;
  }
  get consumer(): string {
    return this.args[0].consumer;
  }
  get group(): string {
    return this.args[0].group;
  }
  get topic(): string {
    return this.args[0].topic;
  }
  get partition(): number {
    return this.args[0].partition;
  }
}
