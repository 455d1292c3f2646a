import { describe, expect, it } from '@jest/globals';
import { methodLabel, routeLabel, statusLabel, UNMATCHED_ROUTE } from './route-label';

describe('metric labels', () => {
  it.each([
    ['a pattern a handler named', '/api/trusts/:trustId/schools', '', '/api/*path', '/api/trusts/:trustId/schools'],
    ['the route Express matched', undefined, '', '/trusts/:trustId/schools/:urn', '/trusts/:trustId/schools/:urn'],
    ['a route under a mount path', undefined, '/admin', '/users/:id', '/admin/users/:id'],
    ['the root route', undefined, '', '', '/'],
    ['no route (a 404, a refused path)', undefined, '', undefined, UNMATCHED_ROUTE],
    ['a route given as a pattern object', undefined, '', /x/, UNMATCHED_ROUTE],
  ])('route: %s', (_, explicit, baseUrl, routePath, expected) => {
    expect(routeLabel(explicit, baseUrl, routePath)).toBe(expected);
  });

  it('never takes the URL: ids in a path do not make new series', () => {
    const labels = ['7d0c…', 'b1e2…', 'ffff…'].map(() => routeLabel(undefined, '', '/trusts/:trustId'));
    expect(new Set(labels)).toEqual(new Set(['/trusts/:trustId']));
  });

  it.each([
    ['GET', 'GET'],
    ['DELETE', 'DELETE'],
    ['PROPFIND', 'OTHER'],
    ['get', 'OTHER'],
    [undefined, 'OTHER'],
  ])('method %s is %s', (method, expected) => {
    expect(methodLabel(method)).toBe(expected);
  });

  it('says a status, or that the answer never completed', () => {
    expect(statusLabel(true, 201)).toBe('201');
    expect(statusLabel(false, 200)).toBe('aborted');
  });
});
