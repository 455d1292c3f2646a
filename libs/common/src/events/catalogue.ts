import type { EventDefinition } from './define-events';
import { CPD_EVENTS } from './cpd.events';
import { GATEWAY_EVENTS } from './gateway.events';
import { IMPROVEMENT_EVENTS } from './improvement.events';
import { PEOPLE_EVENTS } from './people.events';
import { SCHOOLS_EVENTS } from './schools.events';

export type { EventDeclaration, EventDefinition } from './define-events';

/**
 * The one catalogue of Trustwide events: every service's file of events, combined. Publishing
 * (`Outbox.record`) and handling (`@OnEvent`) are typed from it, so a wrong type name or a wrong payload
 * shape does not compile. A new service adds its `<service>.events.ts` and one line here.
 */
export const EVENT_CATALOGUE = {
  ...SCHOOLS_EVENTS,
  ...PEOPLE_EVENTS,
  ...IMPROVEMENT_EVENTS,
  ...CPD_EVENTS,
  ...GATEWAY_EVENTS,
} as const satisfies Record<string, EventDefinition>;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof EventCatalogue;
/** The `data` of an event type, e.g. `EventData<'schools.school.registered'>`. */
export type EventData<T extends EventType> = InstanceType<EventCatalogue[T]['data']>;

const KNOWN_TYPES = new Set<string>(Object.keys(EVENT_CATALOGUE));

export function isKnownEventType(type: string): type is EventType {
  // A Set, not hasOwnProperty on the catalogue: asked for every message a consumer reads.
  return KNOWN_TYPES.has(type);
}
