import { describe, expect, it } from '@jest/globals';
import { seal, unseal } from './sign-in-codes';

const tokens = { accessToken: 'a.b.c', tokenType: 'Bearer' as const, expiresIn: 900, refreshToken: 'r-123' };

describe('sealing the tokens of a sign-in code', () => {
  it('opens with the code that sealed them', () => {
    expect(unseal('the-code-0123456789abcdef', seal('the-code-0123456789abcdef', tokens))).toEqual(tokens);
  });

  it('does not show the tokens in what is stored', () => {
    const sealed = seal('the-code-0123456789abcdef', tokens).toString('latin1');
    expect(sealed).not.toContain('a.b.c');
    expect(sealed).not.toContain('r-123');
  });

  it.each([
    ['another code', (b: Buffer) => unseal('another-code-0123456789', b)],
    ['a changed byte', (b: Buffer) => unseal('the-code-0123456789abcdef', Buffer.from(b.map((x, i) => (i === b.length - 1 ? x ^ 1 : x))))],
  ])('refuses %s', (_case, open) => {
    expect(() => open(seal('the-code-0123456789abcdef', tokens))).toThrow();
  });
});
