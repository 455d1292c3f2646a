import { describe, expect, it } from '@jest/globals';
import { rolesFromClaims } from './oidc-roles';

describe('rolesFromClaims', () => {
  const mapping = {
    'grp-ceo': ['ceo' as const],
    'grp-hr': ['hr' as const, 'cpd-lead' as const],
    'grp-root': ['platform-admin' as const],
    constructor: ['ceo' as const],
  };
  it.each([
    [{ groups: ['grp-ceo'] }, ['ceo']],
    [{ groups: ['grp-hr', 'grp-ceo', 'unknown'] }, ['ceo', 'cpd-lead', 'hr']],
    [{ groups: 'grp-hr' }, ['cpd-lead', 'hr']],
    [{ groups: ['grp-root'] }, []], // a trust's provider never makes a platform administrator
    [{ groups: ['toString', '__proto__'] }, []], // only the mapping's own entries
    [{ groups: [42, null] }, []],
    [{ roles: ['grp-ceo'] }, []], // another claim than the one configured
    [{}, []],
  ])('%j → %j', (claims, roles) => {
    expect(rolesFromClaims(claims as Record<string, unknown>, { claim: 'groups', mapping })).toEqual(roles);
  });
});
