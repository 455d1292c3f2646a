/**
 * `@trustwide/contracts`: the events every service publishes and reads, and the vocabularies they
 * share. Loads class-validator, class-transformer and ajv, and nothing of Nest, Kafka or TypeORM, so a
 * script, a test or another runtime can use the contracts alone (events/contracts-alone.spec.ts checks it).
 */
// class-transformer's @Type reads decorator metadata: the contracts bring the polyfill they need.
import 'reflect-metadata';
export * from './topics';
export * from './envelope';
export * from './event-id';
export * from './errors';
export * from './vocabularies';
export * from './skills';
export * from './define-events';
export * from './schools.events';
export * from './people.events';
export * from './improvement.events';
export * from './cpd.events';
export * from './gateway.events';
export * from './catalogue';
export * from './parse-event';
export { jsonSchemaOf, type JsonSchema } from './json-schema';
export { dataCheck, checkEnvelope, type CompiledCheck } from './compiled';
export * from '../validation/is-date-only';
export * from '../validation/problems';
