import { describe, expect, it } from '@jest/globals';
import { isInfrastructureFailure } from './failures';

describe('isInfrastructureFailure', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server restart', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a serialization failure', { message: 'could not serialize access', driverError: { code: '40001' } }],
    ['a connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a dropped pool client', new Error('Connection terminated unexpectedly')],
  ])('is true for %s', (_, err) => expect(isInfrastructureFailure(err)).toBe(true));

  it.each([
    ['a bug in a handler', new TypeError("Cannot read properties of undefined (reading 'urn')")],
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a check violation', Object.assign(new Error('violates check constraint'), { code: '23514' })],
    ['nothing', null],
  ])('is false for %s', (_, err) => expect(isInfrastructureFailure(err)).toBe(false));
});
