import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested, validateSync } from 'class-validator';
import { canonicaliseUuids, conversionProblems } from './dto-guards';
import { academicPeriodProblem, ArrayUniqueBy, IsNotBelowField, IsWholeNumber } from './rules';

class Ages {
  @IsOptional() @IsWholeNumber(0, 25) low?: number;
  @IsOptional() @IsWholeNumber(0, 25) @IsNotBelowField('low') high?: number;
  @IsOptional() @ArrayUniqueBy('area') items?: { area: string }[];
}

const problems = (plain: object) =>
  validateSync(plainToInstance(Ages, plain), { whitelist: true }).flatMap((e) => Object.values(e.constraints ?? {}));

describe('reusable rules', () => {
  it.each([
    [{ low: 4, high: 11 }, []],
    [{ low: '4', high: '11' }, []],
    [{ low: 18, high: 4 }, ['high must not be less than low (18)']],
    [{ low: '123456abc' }, ['low must be a whole number (from 0 to 25)']],
    [{ low: 2.5 }, ['low must be a whole number (from 0 to 25)']],
    [{ low: 1e308 }, ['low must be a whole number (from 0 to 25)']],
    [{ low: 26 }, ['low must be from 0 to 25']],
    [{ low: { toString: 'x' } }, ['low must be a whole number (from 0 to 25)']],
    [{ items: [{ area: 'a' }, { area: 'b' }] }, []],
    [{ items: [{ area: 'a' }, { area: 'a' }, { area: 'a' }] }, ['items lists area "a" more than once']],
  ])('%j', (plain, expected) => {
    expect(problems(plain)).toEqual(expected);
  });

  it.each([
    ['2024/25', null],
    ['2024/25-autumn', null],
    ['1999/00', null],
    ['2099/00', /between 1990 and 2026/],
    ['1899/00', /between 1990 and 2026/],
    ['2024/26', /26 does not follow 2024/],
    ['2024/25-winter', /academic year like/],
    [42, /academic year like/],
  ])('academic period %j', (text, expected) => {
    const problem = academicPeriodProblem(text, '2026-11-20');
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

class Child {
  @Type(() => Number) n: number;
  @IsUUID() id: string;
}
class Parent {
  @Type(() => Number) count: number;
  @Type(() => Date) at: Date;
  @IsUUID() ownerId: string;
  @ValidateNested({ each: true }) @Type(() => Child) children: Child[];
}

describe('pipe guards for any DTO', () => {
  it('names the fields where an object would be converted to a primitive', () => {
    expect(
      conversionProblems(Parent, { count: { toString: 'x' }, at: ['2024'], children: [{ n: 1 }, { n: { valueOf: 'x' } }] }).map(
        (p) => p.field,
      ),
    ).toEqual(['count', 'children.1.n']);
    expect(conversionProblems(Parent, { count: '3', at: '2024-01-01', children: [{ n: 2 }] })).toEqual([]);
  });

  it('lower-cases every UUID of a DTO, nested ones too', () => {
    const dto = plainToInstance(Parent, {
      ownerId: '7CF134EC-0000-4000-8000-00000000000A',
      children: [{ id: 'ABCDEF01-0000-4000-8000-000000000000' }],
    });
    canonicaliseUuids(dto);
    expect(dto.ownerId).toBe('7cf134ec-0000-4000-8000-00000000000a');
    expect(dto.children[0].id).toBe('abcdef01-0000-4000-8000-000000000000');
  });
});
