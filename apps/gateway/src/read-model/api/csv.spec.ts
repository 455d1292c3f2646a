import { describe, expect, it } from '@jest/globals';
import { neutralise, toCsv } from './csv';

describe('neutralise', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 1234', "'+44 1234"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['Abbey Primary', 'Abbey Primary'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(neutralise(input)).toBe(expected));
});

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it, ends lines with CRLF, neutralises formulas in cells', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { name: string; n: number | null; tags: string[] }) => r.name },
        { header: 'n', value: (r) => r.n },
        { header: 'tags', value: (r) => r.tags },
      ],
      [
        { name: 'St. Mary\'s, "Upper"', n: 3, tags: ['a', 'b'] },
        { name: '=HYPERLINK("x")', n: null, tags: [] },
      ],
    );
    expect(csv).toBe('\uFEFFname,n,tags\r\n"St. Mary\'s, ""Upper""",3,a; b\r\n"\'=HYPERLINK(""x"")",,\r\n');
  });
});
