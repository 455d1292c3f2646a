import { describe, expect, it } from '@jest/globals';
import { DASHBOARD_CSP, isDashboardPath } from './web-paths';

describe('which paths the dashboard answers', () => {
  it.each([
    ['/', true],
    ['/overview', true],
    ['/schools/3c1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11', true],
    ['/assets/index-abc123.js', true],
    ['/apix', true],
    ['/api', false],
    ['/api/trusts', false],
    ['/health', false],
    ['/health/ready', false],
    ['/.well-known/jwks.json', false],
    ['/metrics', false],
  ])('%s → %s', (path, dashboard) => expect(isDashboardPath(path)).toBe(dashboard));

  it("allows only the dashboard's own origin, with no inline code or eval", () => {
    expect(DASHBOARD_CSP).toContain("default-src 'self'");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-(inline|eval)/);
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
  });
});
