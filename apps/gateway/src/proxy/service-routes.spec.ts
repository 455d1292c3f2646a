import { describe, expect, it } from '@jest/globals';
import { owningService } from './service-routes';

describe('owningService', () => {
  it.each([
    ['/trusts', 'schools'],
    ['/trusts/6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11', 'schools'],
    ['/trusts/t/schools', 'schools'],
    ['/trusts/t/schools/100000/inspections', 'schools'],
    ['/trusts/t/imports/abc', 'schools'],
    ['/trusts/t/risk-rules', 'schools'],
  ])('sends %s to %s', (path, service) => expect(owningService(path)).toBe(service));

  it.each([
    '/',
    '/health',
    '/trusts/t/payroll',
    '/schools',
    // Object.prototype's members are not routes.
    '/constructor',
    '/__proto__',
    '/toString',
    '/trusts/t/constructor',
    '/trusts/t/__proto__',
    '/trusts/t/hasOwnProperty',
    '/trusts/t/toString/x',
    // Empty segments are never routed (`//host/…` would name another host to a URL parser).
    '//trusts/x',
    '/trusts//schools',
    '/trusts/t//schools',
    '/trusts/t/schools/',
  ])('has no owner for %s', (path) => expect(owningService(path)).toBeNull());
});
