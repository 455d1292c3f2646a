import { describe, expect, it } from '@jest/globals';
import { describeMissingColumns, mapHeader, normaliseHeaderName, type FieldSpecs } from './header-map';

const fields = {
  urn: { headers: ['URN', 'Unique Reference Number'], required: true },
  groupUid: { headers: ['Group UID'], required: true },
  companiesHouseNumber: { headers: ['Companies House Number', 'CHNumber'] },
  website: { headers: ['SchoolWebsite'] },
} as const satisfies FieldSpecs<string>;

describe('normaliseHeaderName', () => {
  it('ignores case, spaces and punctuation', () => {
    expect(normaliseHeaderName('Group UID')).toBe('groupuid');
    expect(normaliseHeaderName('GroupUID')).toBe('groupuid');
    expect(normaliseHeaderName(' group_uid ')).toBe('groupuid');
    expect(normaliseHeaderName('Companies House Number')).toBe(normaliseHeaderName('companies-house-number'));
    expect(normaliseHeaderName('Latest OEIF  safeguarding is effective?')).toBe(
      normaliseHeaderName('Latest OEIF safeguarding is effective'),
    );
    expect(normaliseHeaderName('LA (code)')).toBe('lacode');
  });

  it('drops accents', () => {
    expect(normaliseHeaderName('Établissement')).toBe('etablissement');
  });
});

describe('mapHeader', () => {
  it('finds fields under any alias, whatever the spelling', () => {
    const map = mapHeader(['unique reference number', 'GroupUID', 'CHNumber', 'Extra column'], fields);
    expect(map.index).toEqual({ urn: 0, groupUid: 1, companiesHouseNumber: 2, website: -1 });
    expect(map.column.groupUid).toBe('GroupUID');
    expect(map.missingRequired).toEqual([]);
    expect(map.absentOptional).toEqual(['website']);
    expect(map.unusedColumns).toEqual(['Extra column']);
    expect(map.width).toBe(4);
  });

  it('prefers the first alias when a file has several', () => {
    const map = mapHeader(['CHNumber', 'Companies House Number', 'URN', 'Group UID'], fields);
    expect(map.index.companiesHouseNumber).toBe(1);
    expect(map.unusedColumns).toEqual(['CHNumber']);
  });

  it('takes the first of two columns with the same name', () => {
    expect(mapHeader(['URN', 'Group UID', 'URN'], fields).index.urn).toBe(0);
  });

  it('lists the required fields that are missing', () => {
    const map = mapHeader(['Name', 'Town'], fields);
    expect(map.missingRequired).toEqual(['urn', 'groupUid']);
    expect(map.absentOptional).toEqual(['companiesHouseNumber', 'website']);
  });
});

describe('describeMissingColumns', () => {
  it('names the columns as published, with their other accepted names', () => {
    expect(describeMissingColumns('GIAS groups', ['urn'], fields)).toBe(
      'This does not look like a complete GIAS groups file: the required column "URN" (also accepted: "Unique Reference Number") is missing from the header row.',
    );
    expect(describeMissingColumns('GIAS groups', ['urn', 'groupUid'], fields)).toContain('columns "URN"');
    expect(describeMissingColumns('GIAS groups', ['urn', 'groupUid'], fields)).toContain('"Group UID" are missing');
  });
});
