import { describe, expect, it } from '@jest/globals';
import { inputProblems } from './input-walk';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('inputProblems', () => {
  it.each([
    ['a plain body', { name: 'Abbey', urn: 140001, tags: ['a', 'b'] }, []],
    ['NUL in a text', { name: 'a\u0000b' }, ['name']],
    ['NUL deep inside', { judgements: [{ area: 'x' }, { area: 'a\u0000' }] }, ['judgements.1.area']],
    ['NUL in a key', { rules: { ['a\u0000']: 1 } }, ['rules']],
    ['NUL in a top-level key', { ['\u0000']: 1 }, ['body']],
    ['a NUL text as the whole body', 'a\u0000', ['body']],
    ['nesting at the limit', nested(32), []],
    ['nesting past the limit', nested(33), ['body']],
    ['5,000 nested arrays', nested(5000), ['body']],
  ])('%s', (_name, input, fields) => {
    expect(inputProblems(input, 'body').map((p) => p.field)).toEqual(fields);
  });

  it('names the query as the root of a query', () => {
    expect(inputProblems({ q: 'a\u0000b' }, 'query')).toEqual([{ field: 'q', problems: ['q must not contain NUL characters (\\u0000)'] }]);
    expect(inputProblems(nested(40), 'query')[0].problems[0]).toBe('query is nested more than 32 levels deep');
  });
});
