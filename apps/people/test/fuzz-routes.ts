import fc from 'fast-check';
import { field, FuzzRoute, hostileText, jsonBody, queryOf, uuidParam } from '@trustwide/common/testing/fuzz';
import { SKILL_IDS } from '../src/skills/default-framework';

/** Records that exist, so that generated requests reach the handlers' logic. */
export interface PeopleFuzzContext {
  trustIds: string[];
  schoolIds: string[];
  staffIds: string[];
  roleIds: string[];
  designationIds: string[];
  importIds: string[];
}

const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const name = fc.oneof(fc.constantFrom('Grace', 'Hopper', "O'Neill", 'Siobhán'), fc.string({ minLength: 1, maxLength: 30 }));
const role = fc.constantFrom(
  'ceo',
  'executive-headteacher',
  'headteacher',
  'head-of-school',
  'deputy-headteacher',
  'assistant-headteacher',
  'middle-leader',
  'teacher',
  'other',
  'wizard',
);
const designationType = fc.constantFrom('sle', 'lle', 'nle', 'professional-partner', 'sip', 'consultant-head', 'knight');
const status = fc.constantFrom('applied', 'approved', 'active', 'suspended', 'revoked', 'lapsed', 'refused');
const frameworkRole = fc.constantFrom('professional-partner', 'sip', 'lle', 'nle', 'executive-headteacher');
const year = fc.integer({ min: 2015, max: 2030 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
const count = (max: number) => fc.integer({ min: 0, max }).map(String);
const confidence = fc.integer({ min: 1, max: 10 });

/** Every route of the people service with arbitraries for its parameters, query and body (the fuzz test checks each was hit). */
export function peopleRoutes(ctx: PeopleFuzzContext): FuzzRoute[] {
  const trustId = uuidParam(...ctx.trustIds);
  const staffId = uuidParam(...ctx.staffIds);
  const designationId = uuidParam(...ctx.designationIds);
  const schoolValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ctx.schoolIds) }, { weight: 2, arbitrary: fc.uuid() });
  const staffValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ctx.staffIds) }, { weight: 1, arbitrary: fc.uuid() });
  const decision = {
    reason: field(name),
    decidedBy: field(fc.constantFrom('hr-1', 'ceo')),
    expectedVersion: field(fc.integer({ min: 1, max: 6 })),
  };
  const evidence = {
    ...decision,
    outcomes: field(fc.constantFrom('KS2 reading rose from 61% to 78%', null)),
    supportRecord: field(fc.constantFrom('Supported two schools out of special measures', null)),
    commitment: field(
      jsonBody({
        schoolId: field(schoolValue),
        daysPerYear: field(fc.integer({ min: 1, max: 366 })),
        signedBy: field(name),
        signedOn: field(date),
      }),
    ),
  };
  const transition = (action: string): FuzzRoute => ({
    method: 'post',
    path: `/trusts/:trustId/designations/:designationId/${action}`,
    params: { trustId, designationId },
    body: jsonBody(decision),
  });
  return [
    {
      method: 'post',
      path: '/trusts/:trustId/staff',
      params: { trustId },
      body: jsonBody({
        firstName: field(name),
        lastName: field(name),
        workEmail: field(fc.emailAddress()),
        schoolId: field(schoolValue),
        joinedOn: field(date),
        role: field(role),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/staff',
      params: { trustId },
      query: queryOf({
        q: name,
        schoolId: schoolValue,
        role,
        status: fc.constantFrom('employed', 'left', 'erased'),
        limit: count(600),
        offset: count(50),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/staff/:staffId', params: { trustId, staffId } },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/:staffId/move',
      params: { trustId, staffId },
      body: jsonBody({ schoolId: field(schoolValue), movedOn: field(date) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/:staffId/leave',
      params: { trustId, staffId },
      body: jsonBody({ leftOn: field(date) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/:staffId/roles',
      params: { trustId, staffId },
      body: jsonBody({
        role: field(role),
        schoolId: field(fc.oneof(schoolValue, fc.constant(null))),
        startedOn: field(date),
        endedOn: field(fc.oneof(date, fc.constant(null))),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/:staffId/roles/:roleId/end',
      params: { trustId, staffId, roleId: uuidParam(...ctx.roleIds) },
      body: jsonBody({ endedOn: field(date) }),
    },
    { method: 'get', path: '/trusts/:trustId/staff/:staffId/export', params: { trustId, staffId } },
    { method: 'post', path: '/trusts/:trustId/staff/:staffId/erase', params: { trustId, staffId } },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/:staffId/assessments',
      params: { trustId, staffId },
      body: jsonBody({
        role: field(frameworkRole),
        aspiring: field(fc.boolean()),
        assessedOn: field(date),
        confidences: field(fc.dictionary(fc.oneof(fc.constantFrom(...SKILL_IDS), hostileText), field(confidence), { maxKeys: 5 })),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/staff/:staffId/assessments', params: { trustId, staffId } },
    { method: 'get', path: '/trusts/:trustId/staff/:staffId/gaps', params: { trustId, staffId }, query: queryOf({ role: frameworkRole }) },
    { method: 'get', path: '/trusts/:trustId/skills/framework', params: { trustId } },
    {
      method: 'put',
      path: '/trusts/:trustId/skills/framework',
      params: { trustId },
      body: jsonBody({
        name: field(name),
        importance: field(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...SKILL_IDS), hostileText),
            field(fc.dictionary(frameworkRole, field(fc.double({ min: 1, max: 10, noNaN: true })), { maxKeys: 5 })),
            { maxKeys: 3 },
          ),
        ),
        expectedVersion: field(fc.integer({ min: 1, max: 3 })),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/skills/gaps',
      params: { trustId },
      query: queryOf({
        role: frameworkRole,
        staffRole: role,
        schoolId: schoolValue,
        aspiring: fc.constantFrom('true', 'false'),
        minRespondents: count(5),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/designations',
      params: { trustId },
      body: jsonBody({
        staffId: field(staffValue),
        type: field(designationType),
        specialisms: field(fc.array(name, { maxLength: 3 })),
        reason: field(name),
        decidedBy: field(fc.constantFrom('hr-1')),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/designations',
      params: { trustId },
      query: queryOf({
        status,
        type: designationType,
        schoolId: schoolValue,
        staffId: staffValue,
        expiresFrom: date,
        expiresTo: date,
        limit: count(600),
        offset: count(50),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/designations/:designationId', params: { trustId, designationId } },
    {
      method: 'post',
      path: '/trusts/:trustId/designations/:designationId/approve',
      params: { trustId, designationId },
      body: jsonBody({ ...evidence, termStartsOn: field(date) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/designations/:designationId/renew',
      params: { trustId, designationId },
      body: jsonBody(evidence),
    },
    ...['refuse', 'activate', 'suspend', 'reinstate', 'revoke', 'lapse'].map(transition),
    {
      method: 'get',
      path: '/trusts/:trustId/capacity',
      params: { trustId },
      query: queryOf({
        academicYear: year,
        status: fc.constantFrom('over-committed', 'idle', 'available'),
        staffId: staffValue,
        limit: count(600),
        offset: count(50),
      }),
    },
    { method: 'get', path: '/trusts/:trustId/capacity/:staffId', params: { trustId, staffId }, query: queryOf({ academicYear: year }) },
    {
      method: 'post',
      path: '/trusts/:trustId/staff/imports',
      params: { trustId },
      query: queryOf({ fileName: name, wait: fc.constantFrom('true', 'false') }),
      contentType: 'text/csv',
      // Staff rows with odd cells (a NUL is the CSV reader's to refuse, by row).
      body: fc
        .array(
          fc.tuple(
            fc.oneof(name, hostileText),
            fc.oneof(fc.emailAddress(), hostileText),
            fc.constantFrom('140001', '140002', '999999', 'x'),
            fc.constantFrom('Headteacher', 'Teacher', '??'),
            fc.oneof(
              date.map((d) => d.split('-').reverse().join('/')),
              hostileText,
            ),
          ),
          { maxLength: 5 },
        )
        .map(
          (rows) =>
            [
              'Staff ID,First Name,Last Name,Work Email,URN,Job Title,Start Date',
              ...rows.map(([n, e, u, t, d], i) =>
                [`F${i}`, n, 'Fuzz', e, u, t, d].map((c) => `"${String(c).replace(/"/g, '""')}"`).join(','),
              ),
            ].join('\r\n') + '\r\n',
        ),
    },
    { method: 'get', path: '/trusts/:trustId/staff/imports', params: { trustId } },
    { method: 'get', path: '/trusts/:trustId/staff/imports/:importId', params: { trustId, importId: uuidParam(...ctx.importIds) } },
  ];
}
