import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';

export type ActorKind = 'user' | 'service' | 'system';

export class Actor {
  @IsIn(['user', 'service', 'system'])
  kind: ActorKind;

  /** User id, or the service name for service/system actors. */
  @IsString()
  @Length(1, 200)
  id: string;
}

/**
 * The wire format of every Trustwide event. The envelope is the same for all events; `data`
 * is the versioned contract named by `type` + `version` in the catalogue.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** Unique id of this fact; consumers de-duplicate on it. */
  eventId: string;
  type: TType;
  /** Version of `data`'s contract. */
  version: number;
  /** The tenant: every event belongs to exactly one trust. */
  trustId: string;
  /** What the event is about, e.g. `school`; with aggregateId it orders events (the Kafka key). */
  aggregateType: string;
  aggregateId: string;
  /** When the fact happened (ISO 8601, UTC). */
  occurredAt: string;
  /** Shared by every request and event of one user action. */
  correlationId: string;
  /** The event that caused this one, if any. */
  causationId: string | null;
  actor: Actor;
  /** The service that published it. */
  source: string;
  data: TData;
}

/** class-validator shape of the envelope; `data` is validated separately against the catalogue. */
export class EventEnvelopeDto implements EventEnvelope {
  @IsUUID()
  eventId: string;

  @IsString()
  @Length(1, 200)
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsUUID()
  trustId: string;

  @IsString()
  @Length(1, 100)
  aggregateType: string;

  @IsString()
  @Length(1, 200)
  aggregateId: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsString()
  @Length(1, 200)
  correlationId: string;

  @IsOptional()
  @IsString()
  causationId: string | null;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;

  @IsString()
  @Length(1, 100)
  source: string;

  @IsObject()
  data: unknown;
}
