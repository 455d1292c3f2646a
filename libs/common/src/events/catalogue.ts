import { LogicalTopic, Topics } from './topics';
import {
  InspectionRecordedV1,
  MeasuresRecordedV1,
  RiskRulesChangedV1,
  RiskStatusChangedV1,
  SchoolJoinedTrustV1,
  SchoolLeftTrustV1,
  SchoolRegisteredV1,
  SchoolUpdatedV1,
  TrustRegisteredV1,
  TrustUpdatedV1,
} from './schools.events';
import {
  PasswordChangedV1,
  PasswordResetIssuedV1,
  SessionRevokedV1,
  UserCreatedV1,
  UserRolesChangedV1,
  UserSignedInV1,
  UserSignInFailedV1,
  UserStatusChangedV1,
} from './gateway.events';

export interface EventDefinition {
  /** The topic it travels on (the owning service's). */
  topic: LogicalTopic;
  /** What `aggregateId` identifies. */
  aggregateType: string;
  /** Current version of the `data` contract; a breaking change adds a new version. */
  version: number;
  /** class-validator class of `data`. */
  data: new () => object;
  /** One line for the event documentation. */
  description: string;
}

/**
 * The one catalogue of Trustwide events. Publishing (`Outbox.record`) and handling (`@OnEvent`) are
 * typed from it, so a wrong type name or a wrong payload shape does not compile.
 */
export const EVENT_CATALOGUE = {
  'schools.trust.registered': {
    topic: Topics.schools,
    aggregateType: 'trust',
    version: 1,
    data: TrustRegisteredV1,
    description: 'A trust (the tenant) was registered, with its GIAS group UID and Companies House number.',
  },
  'schools.trust.updated': {
    topic: Topics.schools,
    aggregateType: 'trust',
    version: 1,
    data: TrustUpdatedV1,
    description: "A trust's name, Companies House number or group type changed.",
  },
  'schools.school.registered': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: SchoolRegisteredV1,
    description: 'A school was added to the trust\'s register (by hand or by a GIAS import), with its whole profile.',
  },
  'schools.school.updated': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: SchoolUpdatedV1,
    description: "A school's profile changed; carries the whole new profile and the names of the fields that changed.",
  },
  'schools.school.joined-trust': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: SchoolJoinedTrustV1,
    description: 'A school joined the trust (sponsored, converter, free school or transfer).',
  },
  'schools.school.left-trust': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: SchoolLeftTrustV1,
    description: 'A school left the trust.',
  },
  'schools.inspection.recorded': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: InspectionRecordedV1,
    description: 'An Ofsted inspection was recorded, tagged with its framework (oeif or report card); a corrected one (a later file amends it) is announced again under the same inspectionId.',
  },
  'schools.measures.recorded': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: MeasuresRecordedV1,
    description: "A school's measures for a term or year were recorded (only the values that changed).",
  },
  'schools.risk-status.changed': {
    topic: Topics.schools,
    aggregateType: 'school',
    version: 1,
    data: RiskStatusChangedV1,
    description: "A school's derived risk status changed, with the old and new status and the reasons; `from` equals `to` when only the reasons changed.",
  },
  'schools.risk-rules.changed': {
    topic: Topics.schools,
    aggregateType: 'trust',
    version: 1,
    data: RiskRulesChangedV1,
    description: "A trust replaced its risk rules; every school with something to judge by was re-derived (their changes follow as risk-status events).",
  },
  // ---- gateway: sign-in audit (apps/gateway/src/auth) ----
  'gateway.user.signed-in': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: UserSignedInV1,
    description: 'A user signed in (password or their trust\'s OpenID Connect provider) and a session began.',
  },
  'gateway.user.sign-in-failed': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: UserSignInFailedV1,
    description: 'A sign-in was refused, with the reason; for an unknown account the aggregate is the SHA-256 of the e-mail tried.',
  },
  'gateway.user.created': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: UserCreatedV1,
    description: 'An account was created by an administrator, or on first single sign-on, with its roles.',
  },
  'gateway.user.roles-changed': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: UserRolesChangedV1,
    description: "A user's roles or schools changed, by an administrator or by the trust's provider at sign-in.",
  },
  'gateway.user.status-changed': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: UserStatusChangedV1,
    description: 'An account was disabled (its sessions end) or enabled again.',
  },
  'gateway.user.session-revoked': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: SessionRevokedV1,
    description: 'A session ended before its time: sign-out, a refresh token used twice (theft), a password change or a disabled account.',
  },
  'gateway.user.password-reset-issued': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: PasswordResetIssuedV1,
    description: 'An administrator made a one-time password link for a user.',
  },
  'gateway.user.password-changed': {
    topic: Topics.gateway,
    aggregateType: 'user',
    version: 1,
    data: PasswordChangedV1,
    description: "A user set a new password through a one-time link; the user's sessions ended.",
  },
} as const satisfies Record<string, EventDefinition>;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof EventCatalogue;
/** The `data` of an event type, e.g. `EventData<'schools.school.registered'>`. */
export type EventData<T extends EventType> = InstanceType<EventCatalogue[T]['data']>;

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}
