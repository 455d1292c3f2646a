import { describe, expect, it } from '@jest/globals';
import { assertDocumentedAnswer } from './documented-answers';

// Against the committed docs/openapi.json: the overview's answer as documented from the read model's response types.
const TRUST = '0b7f3c8e-5a4d-4f0e-9c1b-2d3e4f5a6b7c';
const OVERVIEW = `/api/trusts/${TRUST}/overview?sort=urn`;
const JSON_TYPE = 'application/json; charset=utf-8';
const school = {
  schoolId: '9d1c7f2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
  urn: 100001,
  name: 'Ashfield Primary',
  phase: 'primary',
  leadershipModel: 'A',
  membership: 'member',
  localAuthority: null,
  pupils: 276,
  risk: { level: 'amber', reasons: ['attendance below 92%'], since: '2026-11-02T09:00:00.000Z' },
  latestInspection: {},
  measures: { attendance: { value: 91.2, period: '2025/26', previous: null, previousPeriod: null, trend: 'new' } },
  support: { receiving: [], giving: [] },
  designatedLeaders: [],
  cpd: { placesTaken: 0, completed: 0, waitlisted: 0 },
};
const totals = {
  schools: 1,
  schoolsByRisk: { red: 0, amber: 1, green: 0, unassessed: 0 },
  pupils: 276,
  overdueReports: 0,
  leadersOverCapacity: 0,
};
const overview = (changes: Record<string, unknown> = {}) => ({ total: 1, limit: 50, offset: 0, schools: [school], totals, ...changes });
const check =
  (method: string, url: string, status: number, body: unknown, type = JSON_TYPE) =>
  () =>
    assertDocumentedAnswer(method, url, status, type, body);

describe('assertDocumentedAnswer', () => {
  it('takes an answer that is what the document says', () => {
    expect(check('get', OVERVIEW, 200, overview())).not.toThrow();
  });

  it.each([
    ['a field left out', overview({ totals: undefined }), /must have required property 'totals'/],
    ['a field of the wrong type', overview({ schools: [{ ...school, urn: 'one' }] }), /\/schools\/0\/urn must be number/],
    [
      'a value outside its enum',
      overview({ schools: [{ ...school, risk: { ...school.risk, level: 'purple' } }] }),
      /\/schools\/0\/risk\/level/,
    ],
    [
      'a field the document does not name',
      overview({ schools: [{ ...school, secret: 1 }] }),
      /must NOT have additional properties.*secret/,
    ],
    [
      'a time that is not one',
      overview({ schools: [{ ...school, risk: { ...school.risk, since: 'yesterday' } }] }),
      /must match format "date-time"/,
    ],
  ])('refuses %s', (_, body, problem) => {
    expect(check('get', OVERVIEW, 200, body)).toThrow(problem);
  });

  it('refuses a success the document does not give: an undocumented path, another status', () => {
    expect(check('get', `/api/trusts/${TRUST}/nothing-here`, 200, {})).toThrow(/is not in docs\/openapi.json/);
    expect(check('get', OVERVIEW, 201, overview())).toThrow(/the document gives 200, 4XX, 5XX, not 201/);
  });

  it('leaves errors (one shape, checked elsewhere) and CSV downloads alone', () => {
    expect(check('get', OVERVIEW, 400, { statusCode: 400 })).not.toThrow();
    expect(check('get', `/api/trusts/${TRUST}/nothing-here`, 404, {})).not.toThrow();
    expect(check('get', `${OVERVIEW}&format=csv`, 200, 'schoolId,urn', 'text/csv; charset=utf-8')).not.toThrow();
  });

  it('matches a literal path before a templated one (`/reviews/reviewers`, not `/reviews/{reviewId}`)', () => {
    expect(check('get', `/api/trusts/${TRUST}/reviews/reviewers`, 200, overview())).toThrow(
      /get \/api\/trusts\/\{trustId\}\/reviews\/reviewers 200: \(body\) must be array/,
    );
  });
});
