import type { LogicalTopic } from './topics';

/** What a service declares about one of its events; `defineEvents` adds the topic. */
export interface EventDeclaration {
  /** What `aggregateId` identifies. */
  aggregateType: string;
  /** Current version of the `data` contract; a breaking change adds a new version. */
  version: number;
  /** class-validator class of `data`: the one declaration, from which the fast validator is derived. */
  data: new () => object;
  /** One line for the event documentation. */
  description: string;
}

export interface EventDefinition extends EventDeclaration {
  /** The topic it travels on (the owning service's). */
  topic: LogicalTopic;
}

/** `trustwide.people` → `people`: every event a service owns is named `<service>.<aggregate>.<fact>`. */
type ServiceOf<T extends LogicalTopic> = T extends `trustwide.${infer S}` ? S : never;

/**
 * Declares the events one service owns, on its own topic. Event names must start with the service's
 * name, so two services' files can never declare the same event:
 * `export const PEOPLE_EVENTS = defineEvents(Topics.people, { 'people.staff.joined': {...} })`.
 */
export function defineEvents<
  const Topic extends LogicalTopic,
  const Events extends Record<`${ServiceOf<Topic>}.${string}.${string}`, EventDeclaration>,
>(topic: Topic, events: Events): { readonly [K in keyof Events]: Events[K] & { readonly topic: Topic } } {
  const out: Record<string, EventDefinition> = {};
  for (const [type, declaration] of Object.entries<EventDeclaration>(events)) out[type] = { topic, ...declaration };
  return out as { readonly [K in keyof Events]: Events[K] & { readonly topic: Topic } };
}
