import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { isISO8601, isUUID, validateSync } from 'class-validator';
import fc from 'fast-check';
import { EVENT_CATALOGUE, type EventType } from './catalogue';
import { anyVersionUuid, checkEnvelope, isoDateOrTimestamp, dataCheck, type CompiledCheck } from './compiled';
import { documentedStricter, fieldPaths, mutationsOf, replaceAt, validSample } from './contract-samples';
import { EventEnvelopeDto } from './envelope';

/**
 * The compiled check (JSON Schema derived from the classes, ajv) and class-validator (the declaration)
 * must say the same about every event: on a valid sample, and on every field deleted, given junk or
 * replaced by values at and beyond its constraints. Where they cannot agree the compiled check may
 * only be the stricter, in the one documented way (docs/events.md): arrays where a nested object
 * belongs, which class-validator walks into.
 */

type Ctor = new () => object;
const classValidatorAccepts = (cls: Ctor, sample: unknown) =>
  validateSync(plainToInstance<object, unknown>(cls, sample), { forbidUnknownValues: false }).length === 0;

interface Verdict {
  path: string;
  change: string;
  classValidator: boolean;
  compiled: boolean;
}

function disagreements(cls: Ctor, check: CompiledCheck) {
  const laxer: Verdict[] = [];
  const undocumentedStricter: Verdict[] = [];
  let documentedStricter = 0;
  const mutations = mutationsOf(cls);
  for (const m of mutations) {
    const verdict = { path: m.path, change: m.change, classValidator: classValidatorAccepts(cls, m.sample), compiled: check(m.sample) };
    if (verdict.compiled && !verdict.classValidator) laxer.push(verdict);
    else if (!verdict.compiled && verdict.classValidator) {
      if (m.arrayForNested) documentedStricter++;
      else undocumentedStricter.push(verdict);
    }
  }
  return { laxer, undocumentedStricter, documentedStricter, samples: mutations.length };
}

const contracts: [string, Ctor, CompiledCheck][] = [
  ['the envelope', EventEnvelopeDto, checkEnvelope],
  ...Object.entries(EVENT_CATALOGUE).map(([type, def]): [string, Ctor, CompiledCheck] => [type, def.data, dataCheck(type as EventType)]),
];

describe('compiled contract checks agree with class-validator', () => {
  it.each(contracts)('%s: its generated valid sample passes both', (_, cls, check) => {
    const sample = validSample(cls);
    expect(classValidatorAccepts(cls, sample)).toBe(true);
    expect(check(sample)).toBe(true);
  });

  it.each(contracts)('%s: every field deleted, given junk or pushed past its bounds gets the same verdict', (_, cls, check) => {
    const { laxer, undocumentedStricter, samples } = disagreements(cls, check);
    expect(samples).toBeGreaterThan(20);
    expect(laxer).toEqual([]);
    expect(undocumentedStricter).toEqual([]);
  });

  it('has mutations both refuse and both accept for every event (the samples test something)', () => {
    for (const [type, cls, check] of contracts) {
      const verdicts = mutationsOf(cls).map((m) => check(m.sample));
      expect({ type, refused: verdicts.some((v) => !v), accepted: verdicts.some((v) => v) }).toEqual({
        type,
        refused: true,
        accepted: true,
      });
    }
  });

  it('finds the documented stricter case where it exists: an array in place of a nested object', () => {
    const { documentedStricter } = disagreements(EVENT_CATALOGUE['schools.school.registered'].data, dataCheck('schools.school.registered'));
    expect(documentedStricter).toBeGreaterThan(0);
  });

  it.each(contracts)('%s: any JSON value at any field gets the same verdict (property-based, fixed seed)', (_, cls, check) => {
    const valid = validSample(cls);
    const paths = fieldPaths(cls);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), ({ path, kind }, value) => {
        const sample = replaceAt(valid, path, value);
        const [cv, compiled] = [classValidatorAccepts(cls, sample), check(sample)];
        if (compiled) return cv; // never laxer
        return !cv || documentedStricter(kind, value); // stricter only as documented
      }),
      { seed: 20261122, numRuns: 400 },
    );
  });
});

describe('the compiled UUID check agrees with class-validator', () => {
  it.each([
    ['5a2ecc3e-1b2c-4d5e-8f90-123456789abc', 'a version 4 id'],
    ['5A2ECC3E-1B2C-4D5E-8F90-123456789ABC', 'upper case'],
    ['5a2ecc3e-1b2c-7d5e-bf90-123456789abc', 'version 7'],
    ['5a2ecc3e-1b2c-9d5e-8f90-123456789abc', 'version 9'],
    ['5a2ecc3e-1b2c-0d5e-8f90-123456789abc', 'version 0'],
    ['5a2ecc3e-1b2c-4d5e-cf90-123456789abc', 'a variant outside the RFC'],
    ['00000000-0000-0000-0000-000000000000', 'the nil UUID'],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', 'the max UUID'],
    ['FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'the max UUID in upper case'],
    ['5a2ecc3e1b2c4d5e8f90123456789abc', 'no hyphens'],
    ['{5a2ecc3e-1b2c-4d5e-8f90-123456789abc}', 'braces'],
    ['5a2ecc3e-1b2c-4d5e-8f90-123456789abg', 'a letter past f'],
    ['5a2ecc3e-1b2c-4d5e-8f90-123456789abc\n', 'a trailing newline'],
    ['', 'empty'],
  ])('%s (%s)', (value) => {
    expect(anyVersionUuid(value)).toBe(isUUID(value));
  });

  it('on generated ids and near-ids', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEFg-'.split(''));
    const nearUuid = fc.array(hex, { minLength: 30, maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), nearUuid, fc.string()), (value) => anyVersionUuid(value) === isUUID(value)),
      { numRuns: 5_000 },
    );
  });
});

describe('the compiled ISO 8601 check agrees with class-validator', () => {
  const values = [
    '2026-12-07',
    '2024-02-29',
    '2023-02-29',
    '2000-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0999-01-01',
    '1000-01-01',
    '2026-12-07T10:08:00.048Z',
    '2026-12-07T24:00:00.000Z',
    '2026-12-07T23:60:00.000Z',
    '2026-12-07T10:08:00Z',
    '2026-12-07 10:08:00.048Z',
    '20261207',
    '',
  ];
  for (const options of [
    { strict: true, strictSeparator: false },
    { strict: true, strictSeparator: true },
    { strict: false, strictSeparator: false },
  ])
    it.each(values)(`%s (${JSON.stringify(options)})`, (value) => {
      expect(isoDateOrTimestamp(value, options)).toBe(isISO8601(value, options));
    });
});
