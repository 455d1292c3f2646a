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
import { PEOPLE_EVENT_CONTRACTS as PEOPLE } from './people.events';

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
  // People service events (contracts in people.events.ts).
  'people.staff.joined': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.staff.joined'],
    description: 'A member of staff joined a school of the trust (id, school and display name only).',
  },
  'people.staff.moved': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.staff.moved'],
    description: 'A member of staff moved from one school of the trust to another.',
  },
  'people.staff.left': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.staff.left'],
    description: 'A member of staff left the trust; their open roles ended.',
  },
  'people.staff.erased': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.staff.erased'],
    description: "A person's details were erased on request: every projection must forget their name.",
  },
  'people.role.started': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.role.started'],
    description: 'A member of staff started a role (in a school, or trust-wide for the CEO).',
  },
  'people.role.ended': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.role.ended'],
    description: "A member of staff's role ended.",
  },
  'people.designation.applied': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.applied'],
    description: 'A leader applied for a designation (SLE, LLE, NLE, ...), released by their employing school.',
  },
  'people.designation.approved': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.approved'],
    description: 'A designation was approved against its evidence, with its term and the days a year the school releases the leader.',
  },
  'people.designation.activated': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.activated'],
    description: "An approved designation's term began: the leader may now be deployed.",
  },
  'people.designation.refused': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.refused'],
    description: 'An application for a designation was refused.',
  },
  'people.designation.renewed': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.renewed'],
    description: 'A designation was renewed for a new term that follows the current one.',
  },
  'people.designation.suspended': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.suspended'],
    description: 'An active designation was suspended.',
  },
  'people.designation.reinstated': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.reinstated'],
    description: 'A suspended designation was reinstated.',
  },
  'people.designation.revoked': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.revoked'],
    description: 'A designation was revoked.',
  },
  'people.designation.lapsed': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.lapsed'],
    description: "A designation's term ended without renewal (announced by the scheduled expiry run).",
  },
  'people.designation.due-for-renewal': {
    topic: Topics.people,
    aggregateType: 'designation',
    version: 1,
    data: PEOPLE['people.designation.due-for-renewal'],
    description: "A designation's term ends within the renewal window and no renewal is recorded (once per term).",
  },
  'people.capacity.changed': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.capacity.changed'],
    description: "A designated leader's released or committed days in an academic year changed.",
  },
  'people.capacity.over-committed': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.capacity.over-committed'],
    description: 'A designated leader has just become committed to more days than their school releases them for.',
  },
  'people.skills.assessment-recorded': {
    topic: Topics.people,
    aggregateType: 'staff',
    version: 1,
    data: PEOPLE['people.skills.assessment-recorded'],
    description: 'A member of staff recorded a self-assessment of their system-leadership skills (ids and role only; no scores).',
  },
} as const satisfies Record<string, EventDefinition>;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof EventCatalogue;
/** The `data` of an event type, e.g. `EventData<'schools.school.registered'>`. */
export type EventData<T extends EventType> = InstanceType<EventCatalogue[T]['data']>;

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}
