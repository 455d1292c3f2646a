import { describe, expect, it } from '@jest/globals';
import { refusedBy } from './http';

describe('refusedBy (domain refusals as one 4xx)', () => {
  it.each([
    ['a status refusal is a conflict', [{ rule: 'status', message: 'Cannot renew: it is suspended.' }], 409],
    [
      'eligibility refusals are unprocessable',
      [
        { rule: 'experience', message: 'needs 2 years' },
        { rule: 'inspection', message: 'not good' },
      ],
      422,
    ],
    [
      'a status refusal among others is still a conflict',
      [
        { rule: 'term', message: 'x' },
        { rule: 'status', message: 'y' },
      ],
      409,
    ],
  ])('%s', (_, refusals, status) => expect(refusedBy(refusals).getStatus()).toBe(status));

  it('groups the problems by rule, in the one error shape', () => {
    const body = refusedBy([
      { rule: 'commitment', message: 'A.' },
      { rule: 'role', message: 'B.' },
      { rule: 'commitment', message: 'C.' },
    ]).getResponse();
    expect(body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'A. B. C.',
      errors: [
        { field: 'commitment', problems: ['A.', 'C.'] },
        { field: 'role', problems: ['B.'] },
      ],
    });
  });
});
