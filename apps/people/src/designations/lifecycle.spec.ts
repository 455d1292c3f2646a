import { describe, expect, it } from '@jest/globals';
import {
  applyFor,
  decide,
  DESIGNATION_ACTIONS,
  DESIGNATION_STATUSES,
  termEnd,
  TRANSITIONS,
  type Decision,
  type Designation,
  type DesignationAction,
  type DesignationCommand,
  type DesignationStatus,
} from './lifecycle';
import { evidence, TODAY } from './test-fixtures';

const HR = { kind: 'user', id: 'hr-director' } as const;
const at = (today: string, reason = 'panel decision'): Decision => ({ reason, decidedBy: HR, decidedAt: `${today}T10:00:00.000Z`, today });

/** A designation in `status` with a term from 1 Sept 2025 to 31 Aug 2029. */
const inStatus = (status: DesignationStatus): Designation => ({
  ...applyFor('lle', [], at('2025-06-01', 'applied')),
  status,
  termStartsOn: status === 'applied' ? null : '2025-09-01',
  termEndsOn: status === 'applied' ? null : '2029-08-31',
  releaseDaysPerYear: status === 'applied' ? null : 20,
});

function command(action: DesignationAction, decision: Decision = at(TODAY)): DesignationCommand {
  if (action === 'approve') return { action, evidence: evidence(), termStartsOn: decision.today, ...decision };
  if (action === 'renew') return { action, evidence: evidence(), ...decision };
  return { action, ...decision };
}

/** The day each action's own date rule is met for `inStatus` designations (lapse needs the term over). */
const dayFor = (action: DesignationAction) => (action === 'lapse' ? '2029-09-01' : TODAY);

describe('the transition table', () => {
  const cases = DESIGNATION_STATUSES.flatMap((status) =>
    DESIGNATION_ACTIONS.map((action) => [status, action, TRANSITIONS[action].from.includes(status)] as const),
  );

  it.each(cases)('%s + %s: allowed = %s', (status, action, allowed) => {
    const result = decide(inStatus(status), command(action, at(dayFor(action))));
    if (allowed) {
      expect(result).toMatchObject({
        ok: true,
        designation: { status: TRANSITIONS[action].to },
        transition: { action, from: status, to: TRANSITIONS[action].to },
      });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.refusals).toHaveLength(1);
        expect(result.refusals[0].rule).toBe('status');
        expect(result.refusals[0].message).toMatch(
          new RegExp(`^Cannot ${action} this local leader of education \\(LLE\\): it is ${status}, and `),
        );
      }
    }
  });

  it.each<[DesignationStatus, DesignationAction, string]>([
    [
      'lapsed',
      'renew',
      'Cannot renew this local leader of education (LLE): it is lapsed, and only an active designation can be renewed (a suspended one is reinstated first; a lapsed one needs a new application).',
    ],
    [
      'revoked',
      'reinstate',
      'Cannot reinstate this local leader of education (LLE): it is revoked, and only a suspended designation can be reinstated.',
    ],
    [
      'applied',
      'suspend',
      'Cannot suspend this local leader of education (LLE): it is applied, and only an active designation can be suspended.',
    ],
    [
      'refused',
      'revoke',
      'Cannot revoke this local leader of education (LLE): it is refused, and a designation that has already ended cannot be revoked.',
    ],
  ])('an illegal transition says why: %s + %s', (status, action, message) => {
    expect(decide(inStatus(status), command(action))).toEqual({ ok: false, refusals: [{ rule: 'status', message }] });
  });
});

describe('each transition records why, who and when', () => {
  it('applies, approves for a four-year term, starts, suspends, reinstates, renews and lapses', () => {
    let d = applyFor('nle', [], at('2025-06-01', 'nominated by the CEO'));
    const step = (cmd: DesignationCommand) => {
      const result = decide(d, cmd);
      if (!result.ok) throw new Error(result.refusals.map((r) => r.message).join(' '));
      d = result.designation;
      return result.transition;
    };
    step({ action: 'approve', evidence: evidence({ type: 'nle' }), termStartsOn: '2025-09-01', ...at('2025-07-01', 'panel of 1 July') });
    expect(d).toMatchObject({ status: 'approved', termStartsOn: '2025-09-01', termEndsOn: '2029-08-31', releaseDaysPerYear: 20 });
    step(command('activate', at('2025-09-01', 'term started')));
    step(command('suspend', at('2026-01-10', 'under investigation')));
    step(command('reinstate', at('2026-02-01', 'investigation closed')));
    step({ action: 'renew', evidence: evidence({ type: 'nle' }), ...at('2029-06-01', 'renewal panel') });
    expect(d).toMatchObject({ status: 'active', termStartsOn: '2029-09-01', termEndsOn: '2033-08-31' });
    const lapse = step(command('lapse', at('2033-09-01', 'term ended')));
    expect(lapse).toEqual({
      action: 'lapse',
      from: 'active',
      to: 'lapsed',
      reason: 'term ended',
      decidedBy: HR,
      decidedAt: '2033-09-01T10:00:00.000Z',
      effectiveOn: '2033-09-01',
    });
    expect(d.history.map((t) => `${t.from ?? '-'}→${t.to}: ${t.reason}`)).toEqual([
      '-→applied: nominated by the CEO',
      'applied→approved: panel of 1 July',
      'approved→active: term started',
      'active→suspended: under investigation',
      'suspended→active: investigation closed',
      'active→active: renewal panel',
      'active→lapsed: term ended',
    ]);
  });

  it.each<[string, Designation, DesignationCommand, string, string]>([
    ['no reason', inStatus('active'), command('suspend', at(TODAY, '  ')), 'reason', 'A reason is needed to suspend a designation.'],
    [
      'approval with a term in the past',
      inStatus('applied'),
      { action: 'approve', evidence: evidence(), termStartsOn: '2025-08-31', ...at(TODAY) },
      'term',
      'The term cannot start in the past (31 August 2025).',
    ],
    [
      'approval with evidence for another type',
      inStatus('applied'),
      { action: 'approve', evidence: evidence({ type: 'sle' }), termStartsOn: TODAY, ...at(TODAY) },
      'evidence',
      'The evidence is for a specialist leader of education (SLE), not this local leader of education (LLE).',
    ],
    [
      'approval without a commitment',
      inStatus('applied'),
      { action: 'approve', evidence: evidence({ commitment: null }), termStartsOn: TODAY, ...at(TODAY) },
      'commitment',
      "Designation needs the leader's own school's written commitment to release them for a number of days a year.",
    ],
    [
      'activation before the term starts',
      { ...inStatus('approved'), termStartsOn: '2025-10-01' },
      command('activate'),
      'term',
      'The term starts on 1 October 2025; it cannot be activated before.',
    ],
    [
      'activation after the term ended',
      inStatus('approved'),
      command('activate', at('2029-09-01')),
      'term',
      'The term ended on 31 August 2029: it lapses instead.',
    ],
    [
      'reinstatement after the term ended',
      inStatus('suspended'),
      command('reinstate', at('2029-09-01')),
      'term',
      'The term ended on 31 August 2029 while suspended: it lapses and cannot be reinstated.',
    ],
    [
      'lapse on the last day of the term',
      inStatus('active'),
      command('lapse', at('2029-08-31')),
      'term',
      'The term runs to 31 August 2029: it cannot lapse before it ends.',
    ],
    [
      'renewal when no longer eligible',
      inStatus('active'),
      { action: 'renew', evidence: evidence({ outcomes: '' }), ...at(TODAY) },
      'outcomes',
      'Designation needs evidence of outcomes (for example pupil outcomes the leader has improved).',
    ],
  ])('refuses %s', (_, designation, cmd, rule, message) => {
    expect(decide(designation, cmd)).toEqual({ ok: false, refusals: [{ rule, message }] });
  });

  it('refuses to renew again before the renewed term has begun (a repeated request), as a status conflict', () => {
    const renewed = decide(inStatus('active'), { action: 'renew', evidence: evidence(), ...at('2029-06-01') });
    expect(renewed.ok).toBe(true);
    if (!renewed.ok) return;
    expect(decide(renewed.designation, { action: 'renew', evidence: evidence(), ...at('2029-06-02') })).toMatchObject({
      ok: false,
      refusals: [{ rule: 'status', message: expect.stringContaining('it has been renewed already (its next term starts on') }],
    });
  });

  it('an early renewal does not shorten the term, and clears the renewal reminder', () => {
    const result = decide(
      { ...inStatus('active'), renewalFlaggedFor: '2029-08-31' },
      { action: 'renew', evidence: evidence(), ...at('2029-06-01') },
    );
    expect(result).toMatchObject({
      ok: true,
      designation: { termStartsOn: '2029-09-01', termEndsOn: '2033-08-31', renewalFlaggedFor: null },
    });
  });

  it.each([
    ['2025-09-01', 4, '2029-08-31'],
    ['2024-03-01', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-28'],
  ])('a term from %s of %i years ends on %s', (start, years, end) => {
    expect(termEnd(start, years)).toBe(end);
  });
});
