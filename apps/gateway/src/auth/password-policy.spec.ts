import { describe, expect, it } from '@jest/globals';
import { passwordProblems } from './password-policy';

describe('password rules (NCSC-style: length, deny list, nothing personal)', () => {
  const context = { email: 'j.smith@fenland.sch.uk', trustName: 'Fenland Learning Partnership' };
  it.each([
    ['coffee train fish', 'ok'],
    ['correct-otter-lantern-basin', 'ok'],
    ['Tr0ub4dor&3-horse', 'ok'],
    ['short words', 'too short'],
    ['x'.repeat(257), 'too long'],
    ['password1234', 'common'],
    ['P@ssw0rd2024!', 'common'],
    ['qwertyuiop12', 'common'],
    ['123456789012', 'common'],
    ['passwordpassword', 'common'],
    ['Liverpool1892!', 'common'],
    ['aaaaaaaaaaaaaa', 'repeats'],
    ['abababababab', 'repeats'],
    ['jsmith-loves-tea', 'personal'],
    ['fenland rocks 2024', 'personal'],
    ['my trustwide pass', 'personal'],
  ])('%s → %s', (password, expected) => {
    const problems = passwordProblems(password, context);
    const verdict =
      problems.length === 0
        ? 'ok'
        : problems[0].includes('at least')
          ? 'too short'
          : problems[0].includes('at most')
            ? 'too long'
            : problems[0].includes('commonly used')
              ? 'common'
              : problems[0].includes('repeats')
                ? 'repeats'
                : problems[0].includes('e-mail name')
                  ? 'personal'
                  : problems.join();
    expect(verdict).toBe(expected);
  });

  it('counts characters, not bytes: twelve accented letters are enough', () => {
    expect(passwordProblems('éàüöçñøåßæœ€')).toEqual([]);
  });
});
