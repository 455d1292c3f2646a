import fc from 'fast-check';
import { field, FuzzRoute, hostileText, jsonBody, queryOf, uuidParam } from '@trustwide/common/testing/fuzz';

/** What the routes are generated against: records that exist, so that requests reach the handlers' logic. */
export interface SchoolsFuzzContext {
  trustIds: string[];
  urns: number[];
  importIds: string[];
}

const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const name = fc.oneof(
  fc.constantFrom('Abbey Primary', 'Fenland Learning Partnership', "St Mary's C of E"),
  fc.string({ minLength: 1, maxLength: 30 }),
);
const phase = fc.constantFrom(
  'primary',
  'secondary',
  'all-through',
  'special',
  'alternative-provision',
  'nursery',
  'sixteen-plus',
  'other',
);
const period = fc
  .tuple(fc.integer({ min: 2015, max: 2026 }), fc.constantFrom('', '-autumn', '-spring', '-summer'))
  .map(([y, t]) => `${y}/${String((y + 1) % 100).padStart(2, '0')}${t}`);
const percent = fc.double({ min: 0, max: 100, noNaN: true });
const oeifGrade = fc.constantFrom('1', '2', '3', '4');

/**
 * Every route of the schools service with arbitraries for its parameters, query and body. A new route
 * is added here (the fuzz test checks that each was hit); the people, improvement and cpd services
 * keep a list like this one next to their own e2e tests.
 */
export function schoolsRoutes(ctx: SchoolsFuzzContext): FuzzRoute[] {
  const trustId = uuidParam(...ctx.trustIds);
  const urnValue = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ctx.urns) },
    { weight: 2, arbitrary: fc.integer({ min: 100000, max: 9999999 }) },
  );
  const urn = fc.oneof({ weight: 8, arbitrary: urnValue.map(String) }, { weight: 2, arbitrary: hostileText });
  const schoolFields = {
    name: field(name),
    phase: field(phase),
    establishmentType: field(fc.constantFrom('Academy converter', 'Free schools')),
    localAuthorityCode: field(fc.constantFrom('925', '201', '12')),
    postcode: field(fc.constantFrom('PE10 9EP', 'EC3A 5DE', 'nowhere')),
    pupilsOnRoll: field(fc.integer({ min: 0, max: 2000 })),
    lowAge: field(fc.integer({ min: 2, max: 19 })),
    highAge: field(fc.integer({ min: 2, max: 19 })),
    leadershipModel: field(fc.constantFrom('A', 'B', 'C', null)),
    predecessorUrn: field(fc.oneof(urnValue, fc.constant(null))),
    openedOn: field(date),
    closedOn: field(fc.oneof(date, fc.constant(null))),
  };
  return [
    {
      method: 'post',
      path: '/trusts',
      body: jsonBody({
        name: field(name),
        groupUid: field(fc.integer({ min: 1, max: 99999 }).map(String)),
        companiesHouseNumber: field(fc.constantFrom('07318714', '7318714', 'SC123456')),
      }),
    },
    { method: 'get', path: '/trusts', query: queryOf({ groupUid: fc.integer({ min: 1, max: 99999 }).map(String) }) },
    { method: 'get', path: '/trusts/:trustId', params: { trustId } },
    {
      method: 'patch',
      path: '/trusts/:trustId',
      params: { trustId },
      body: jsonBody({ name: field(name), groupType: field(fc.constantFrom('Multi-academy trust')) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/schools',
      params: { trustId },
      body: jsonBody({
        urn: field(urnValue),
        ...schoolFields,
        membership: field(fc.constantFrom('member', 'not-member')),
        joinedTrustOn: field(date),
        joinRoute: field(fc.constantFrom('converter', 'sponsored', 'transfer', 'other')),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/schools',
      params: { trustId },
      query: queryOf({
        phase,
        risk: fc.constantFrom('green', 'amber', 'red', 'unassessed'),
        localAuthority: fc.constantFrom('925', 'Lincolnshire'),
        leadershipModel: fc.constantFrom('A', 'B', 'C'),
        membership: fc.constantFrom('member', 'former-member', 'not-member'),
        q: fc.oneof(name, urnValue.map(String)),
        limit: fc.integer({ min: 1, max: 1000 }).map(String),
        offset: fc.integer({ min: 0, max: 100 }).map(String),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/schools/:urn', params: { trustId, urn } },
    { method: 'patch', path: '/trusts/:trustId/schools/:urn', params: { trustId, urn }, body: jsonBody(schoolFields) },
    {
      method: 'post',
      path: '/trusts/:trustId/schools/:urn/join',
      params: { trustId, urn },
      body: jsonBody({ joinedOn: field(date), route: field(fc.constantFrom('converter', 'transfer')) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/schools/:urn/leave',
      params: { trustId, urn },
      body: jsonBody({ leftOn: field(date), reason: field(name) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/schools/:urn/inspections',
      params: { trustId, urn },
      body: jsonBody({
        framework: field(fc.constantFrom('oeif', 'report-card')),
        inspectionNumber: field(fc.integer({ min: 1, max: 99999999 }).map(String)),
        startDate: field(date),
        publicationDate: field(date),
        overallEffectiveness: field(fc.integer({ min: 1, max: 4 })),
        safeguarding: field(fc.constantFrom('effective', 'not-effective', 'met', 'not-met')),
        categoryOfConcern: field(fc.constantFrom('special-measures', 'serious-weaknesses')),
        judgements: field(
          fc.array(
            fc.record({
              area: field(fc.constantFrom('quality-of-education', 'behaviour-and-attitudes', 'leadership-and-management', 'inclusion')),
              grade: field(oeifGrade),
            }),
            { maxLength: 5 },
          ),
        ),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/schools/:urn/measures',
      params: { trustId, urn },
      body: jsonBody({
        period: field(period),
        values: field(
          jsonBody({
            attendance: field(percent),
            persistentAbsence: field(percent),
            exclusions: field(fc.integer({ min: 0, max: 500 })),
            pupilsOnRoll: field(fc.integer({ min: 0, max: 2000 })),
            progress: field(fc.double({ min: -5, max: 5, noNaN: true })),
            inYearBalance: field(fc.integer({ min: -1e6, max: 1e6 })),
          }),
        ),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/risk-rules', params: { trustId } },
    {
      method: 'put',
      path: '/trusts/:trustId/risk-rules',
      params: { trustId },
      body: jsonBody({
        name: field(name),
        inspection: field(
          fc.constant({
            oeif: { overallEffectiveness: { '3': 'amber', '4': 'red' }, judgements: {}, safeguardingNotEffective: 'red' },
            reportCard: { judgements: { 'urgent-improvement': 'red' }, safeguardingNotMet: 'red' },
            categoryOfConcern: { levels: {}, otherwise: 'amber' },
          }),
        ),
        measures: field(
          fc.record({
            thresholds: fc.array(
              fc.record({
                measure: fc.constantFrom('attendance', 'exclusions'),
                below: field(fc.integer({ min: 0, max: 100 })),
                level: field(fc.constantFrom('amber', 'red')),
              }),
              { maxLength: 3 },
            ),
            trends: fc.constant([]),
          }),
        ),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/imports',
      params: { trustId },
      query: queryOf({ scope: fc.constantFrom('trust', 'all'), kind: fc.constantFrom('gias-establishments', 'ofsted'), fileName: name }),
      contentType: 'text/csv',
      // GIAS rows with odd cells (NUL in CSV cells is the CSV reader's to refuse, and is left out here).
      body: fc
        .array(
          fc.tuple(
            urnValue,
            fc.oneof(
              name,
              hostileText.filter((s) => !s.includes('\u0000')),
            ),
            fc.constantFrom('Primary', 'Secondary', '??'),
          ),
          { maxLength: 5 },
        )
        .map(
          (rows) =>
            [
              'URN,EstablishmentName,PhaseOfEducation (name)',
              ...rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')),
            ].join('\r\n') + '\r\n',
        ),
    },
    { method: 'get', path: '/trusts/:trustId/imports', params: { trustId } },
    { method: 'get', path: '/trusts/:trustId/imports/:id', params: { trustId, id: uuidParam(...ctx.importIds) } },
  ];
}
