import { describe, expect, it } from '@jest/globals';
import { classifyFailure, EventNotReadyError } from './failures';
import { DAY_MS, ledgerRetentionProblems, route, Route, typeFromBody, typeFromHeaders } from './routing';

const rules = {
  handles: (t: string) => t === 'schools.school.registered' || t === 'schools.school.updated',
  knownVersion: (t: string) => ({ 'schools.school.registered': 1, 'schools.school.updated': 2, 'schools.trust.registered': 1 })[t],
};

describe('route', () => {
  it.each<[string, string | undefined, number | undefined, Route['kind']]>([
    ['no type known yet: parse to find out', undefined, undefined, 'parse'],
    ['a type the group does not handle', 'schools.trust.registered', 1, 'ignore'],
    ['a type nobody knows', 'schools.school.teleported', 1, 'ignore'],
    ['an unhandled type in a newer version', 'schools.trust.registered', 7, 'ignore'],
    ['a handled type at the known version', 'schools.school.registered', 1, 'parse'],
    ['a handled type, version not given', 'schools.school.registered', undefined, 'parse'],
    ['a handled type in a newer version', 'schools.school.registered', 2, 'pause'],
    ['a handled type in an older version (parsing refuses it for good)', 'schools.school.updated', 1, 'parse'],
  ])('%s', (_, type, version, kind) => expect(route(type, version, rules).kind).toBe(kind));

  it('says which version is waited for', () => {
    expect(route('schools.school.registered', 3, rules)).toEqual({
      kind: 'pause',
      type: 'schools.school.registered',
      version: 3,
      known: 1,
    });
  });
});

describe('typeFromHeaders and typeFromBody', () => {
  it.each([
    ['the relay spelling', { 'event-type': Buffer.from('a.b'), 'event-version': Buffer.from('2') }, { type: 'a.b', version: 2 }],
    ['the x- spelling', { 'x-event-type': 'a.b', 'x-event-version': '1' }, { type: 'a.b', version: 1 }],
    ['no headers', undefined, { type: undefined, version: undefined }],
    ['a version that is not a number', { 'event-type': 'a.b', 'event-version': 'two' }, { type: 'a.b', version: undefined }],
  ])('headers: %s', (_, headers, expected) => expect(typeFromHeaders(headers)).toEqual(expected));

  it.each([
    ['an envelope', '{"type":"a.b","version":3,"data":{}}', { type: 'a.b', version: 3 }],
    ['not JSON', '{nope', {}],
    ['JSON that is not an envelope', '[1,2]', { type: undefined, version: undefined }],
    ['null', null, {}],
  ])('body: %s', (_, body, expected) => expect(typeFromBody(body === null ? null : Buffer.from(body))).toEqual(expected));
});

describe('classifyFailure', () => {
  it.each([
    ['a refused event', Object.assign(new Error('no'), { name: 'PermanentEventError' }), 'permanent'],
    ['a restarting database', Object.assign(new Error('terminating connection'), { code: '57P01' }), 'infrastructure'],
    ['a foreign key not there yet', Object.assign(new Error('violates foreign key constraint'), { code: '23503' }), 'ordering'],
    ['a foreign key through TypeORM', { message: 'x', driverError: { code: '23503' } }, 'ordering'],
    ['a handler saying it is not ready', new EventNotReadyError('school not known yet'), 'ordering'],
    ['a bug', new TypeError('x is undefined'), 'transient'],
    ['a unique violation', Object.assign(new Error('duplicate'), { code: '23505' }), 'transient'],
  ])('%s is %s', (_, err, kind) => expect(classifyFailure(err)).toBe(kind));
});

describe('ledgerRetentionProblems', () => {
  it.each([
    ['topics kept 7 days, ledger 30', 30, [7 * DAY_MS], 0],
    ['topics kept exactly as long as the ledger', 30, [30 * DAY_MS], 0],
    ['a topic kept longer than the ledger', 30, [7 * DAY_MS, 31 * DAY_MS], 1],
    ['a topic kept forever', 365, [-1], 1],
  ])('%s', (_, days, retentions, problems) => {
    const found = ledgerRetentionProblems(
      days,
      retentions.map((retentionMs, i) => ({ topic: `t${i}`, retentionMs })),
    );
    expect(found).toHaveLength(problems);
  });

  it('names the topic and both durations', () => {
    expect(ledgerRetentionProblems(30, [{ topic: 'trustwide.schools', retentionMs: 60 * DAY_MS }])).toEqual([
      'trustwide.schools keeps messages 60 days but the ledger forgets them after 30 days',
    ]);
  });
});
