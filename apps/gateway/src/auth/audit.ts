import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventData, PLATFORM_TRUST_ID, ServiceOutbox } from '@trustwide/common';

type GatewayEvent =
  | 'gateway.user.signed-in'
  | 'gateway.user.sign-in-failed'
  | 'gateway.user.created'
  | 'gateway.user.roles-changed'
  | 'gateway.user.status-changed'
  | 'gateway.user.staff-link-changed'
  | 'gateway.user.session-revoked'
  | 'gateway.user.password-reset-issued'
  | 'gateway.user.password-changed';

/** Records the sign-in audit events through the gateway's outbox, in the transaction of the change. */
@Injectable()
export class Audit {
  constructor(private readonly outbox: ServiceOutbox) {}

  record<T extends GatewayEvent>(
    m: EntityManager,
    type: T,
    trustId: string | null,
    aggregateId: string,
    data: EventData<T>,
    actorUserId?: string,
  ): Promise<unknown> {
    return this.outbox.record(m, type, {
      trustId: trustId ?? PLATFORM_TRUST_ID,
      aggregateId,
      data,
      ...(actorUserId ? { actor: { kind: 'user' as const, id: actorUserId } } : {}),
    } as never);
  }
}
