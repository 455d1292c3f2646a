import { describe, expect, it } from '@jest/globals';
import { userIdOf, userIds, userName } from './actor-names';

const id = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('actor names', () => {
  it.each([
    [{ id, email: 'hr@fenland.demo', display_name: null, erased: null }, 'hr@fenland.demo'],
    [{ id, email: 'hr@fenland.demo', display_name: 'Jo Baker', erased: false }, 'Jo Baker'],
    [{ id, email: 'hr@fenland.demo', display_name: '  ', erased: null }, 'hr@fenland.demo'],
    [{ id, email: 'hr@fenland.demo', display_name: 'Jo Baker', erased: true }, '[erased]'],
  ])('%j is named %s', (row, name) => expect(userName(row)).toBe(name));

  it('reads the user id of a `user:<id>` actor only', () => {
    expect(userIdOf(`user:${id.toUpperCase()}`)).toBe(id);
    expect(userIdOf('service:people')).toBeNull();
    expect(userIdOf('user:not-an-id')).toBeNull();
    expect(userIdOf(null)).toBeNull();
  });

  it('looks up each user id once and skips what is not one', () => {
    expect(userIds([id, id.toUpperCase(), 'people', null, undefined])).toEqual([id]);
  });
});
