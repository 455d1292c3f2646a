import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PEOPLE_EVENT_CONTRACTS } from '@trustwide/contracts';
import { announceDueForRenewal, announceTransition } from './announce';
import { applyFor, decide, type Designation, type DesignationCommand } from './lifecycle';
import { evidence } from './test-fixtures';

const IDS = { designationId: '0b0c8e5e-6d1b-4f51-9d5a-6f3f4f0c2a11', staffId: '5a3a2d0e-7c4b-4c1e-8f3a-2b1c0d9e8f77' };
const decision = (today: string) => ({
  reason: 'r',
  decidedBy: { kind: 'user', id: 'hr' } as const,
  decidedAt: `${today}T09:00:00Z`,
  today,
});

/** Every announced payload must pass its contract: a payload that breaks it would be refused by the outbox. */
function valid(type: keyof typeof PEOPLE_EVENT_CONTRACTS, data: object): string[] {
  return validateSync(plainToInstance(PEOPLE_EVENT_CONTRACTS[type] as new () => object, data), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => e.toString());
}

describe('announcing designation transitions', () => {
  const applied = applyFor('lle', [], decision('2025-06-01'));
  const approve = decide(applied, { action: 'approve', evidence: evidence(), termStartsOn: '2025-09-01', ...decision('2025-07-01') });
  if (!approve.ok) throw new Error('fixture not approvable');
  const approved = approve.designation;
  const active: Designation = { ...approved, status: 'active' };

  it.each<[string, Designation, DesignationCommand, string, Record<string, unknown>]>([
    [
      'approval',
      applied,
      { action: 'approve', evidence: evidence(), termStartsOn: '2025-09-01', ...decision('2025-07-01') },
      'people.designation.approved',
      { termStartsOn: '2025-09-01', termEndsOn: '2029-08-31', releaseDaysPerYear: 20, from: 'applied', to: 'approved' },
    ],
    [
      'renewal',
      active,
      { action: 'renew', evidence: evidence(), ...decision('2029-06-01') },
      'people.designation.renewed',
      { termStartsOn: '2029-09-01', termEndsOn: '2033-08-31', from: 'active', to: 'active' },
    ],
    [
      'activation',
      approved,
      { action: 'activate', ...decision('2025-09-01') },
      'people.designation.activated',
      { from: 'approved', to: 'active', effectiveOn: '2025-09-01' },
    ],
    [
      'suspension',
      active,
      { action: 'suspend', ...decision('2026-01-01') },
      'people.designation.suspended',
      { from: 'active', to: 'suspended' },
    ],
    ['revocation', active, { action: 'revoke', ...decision('2026-01-01') }, 'people.designation.revoked', { to: 'revoked' }],
    ['lapse', active, { action: 'lapse', ...decision('2029-09-01') }, 'people.designation.lapsed', { to: 'lapsed' }],
    ['refusal', applied, { action: 'refuse', ...decision('2025-07-01') }, 'people.designation.refused', { to: 'refused' }],
  ])('%s announces ids, type, move and dates only, valid by its contract', (_, before, command, type, expected) => {
    const result = decide(before, command);
    if (!result.ok) throw new Error(result.refusals[0].message);
    const announcement = announceTransition(IDS, result.designation, result.transition);
    expect(announcement.type).toBe(type);
    expect(announcement.data).toMatchObject({ ...IDS, designationType: 'lle', ...expected });
    expect(JSON.stringify(announcement.data)).not.toContain('"r"'); // the reason stays here
    expect(valid(announcement.type, announcement.data)).toEqual([]);
  });

  it('announces a renewal reminder valid by its contract', () => {
    const event = announceDueForRenewal(IDS, active, { termEndsOn: '2029-08-31', daysLeft: 30 });
    expect(event.data).toEqual({ ...IDS, designationType: 'lle', termEndsOn: '2029-08-31', daysLeft: 30 });
    expect(valid(event.type, event.data)).toEqual([]);
  });

  it('the contracts refuse personal detail and malformed values', () => {
    expect(
      valid('people.staff.joined', {
        staffId: IDS.staffId,
        schoolId: IDS.designationId,
        displayName: 'Asha Patel',
        joinedOn: '2025-09-01',
        workEmail: 'a@b.uk',
      }),
    ).toHaveLength(1);
    expect(
      valid('people.capacity.changed', {
        staffId: IDS.staffId,
        academicYear: '2025-26',
        availableDays: 20,
        committedDays: 5,
        status: 'idle',
      }),
    ).toHaveLength(1);
    expect(
      valid('people.role.started', {
        staffId: IDS.staffId,
        roleId: IDS.designationId,
        role: 'ceo',
        schoolId: null,
        startedOn: '2025-09-01',
      }),
    ).toEqual([]);
  });
});
