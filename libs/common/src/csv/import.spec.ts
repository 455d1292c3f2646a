import { describe, expect, it } from '@jest/globals';
import { chunked, streamOf, toCsv, windows1252 } from './csv.test-helpers';
import { defineCsvImport, importCsv, importCsvSync, streamCsvImport, type HeaderReport, type RowOutcome } from './import';
import { CsvFileError } from './parser';
import { RowProblem } from './row';

/** A small file kind to test the generic import with. */
const people = defineCsvImport({
  fileKind: 'people',
  fields: {
    id: { headers: ['ID'], required: true },
    name: { headers: ['Name', 'Full name'], required: true },
    age: { headers: ['Age'] },
    joined: { headers: ['Joined'] },
  },
  mapRow: (row) => {
    if (row.text('name') === 'crash') throw new TypeError('a bug, not a bad row');
    return {
      id: row.requiredText('id'),
      name: row.requiredText('name'),
      age: row.integer('age', { min: 0, max: 120 }),
      joined: row.date('joined'),
    };
  },
  identify: (row) => {
    if (row.text('id') === 'throw') throw new RowProblem('identification can fail too');
    return { groupUid: row.text('id') ?? undefined };
  },
});

describe('importCsvSync', () => {
  it('maps rows through the header map and collects row errors', () => {
    const result = importCsvSync(
      toCsv([
        ['Full name', 'ID', 'Age', 'Unused'],
        ['Ann', '1', '34', 'x'],
        ['Bob', '2', '1,034', ''],
        ['Cat', '3', ' 7 ', ''],
        ['Dan', '4', '-1', ''],
        ['', '5', '', ''],
      ]),
      people,
    );
    expect(result.records).toEqual([
      { id: '1', name: 'Ann', age: 34, joined: null },
      { id: '3', name: 'Cat', age: 7, joined: null },
    ]);
    expect(result.errors).toEqual([
      { line: 3, groupUid: '2', reason: 'Age 1034 is above 120' },
      { line: 5, groupUid: '4', reason: 'Age -1 is below 0' },
      { line: 6, groupUid: '5', reason: 'Full name is empty' },
    ]);
    expect(result.header).toMatchObject({ absentOptional: ['joined'], unusedColumns: ['Unused'], width: 4 });
    expect(result.rowsRead).toBe(5);
  });

  it('reads "NULL" and "N/A" cells as empty', () => {
    const result = importCsvSync(
      toCsv([
        ['ID', 'Name', 'Age'],
        ['1', 'Ann', 'NULL'],
        ['2', 'Bob', 'n/a'],
      ]),
      people,
    );
    expect(result.records.map((r) => r.age)).toEqual([null, null]);
  });

  it('tolerates trailing empty cells but not shifted values', () => {
    const text = 'ID,Name,Age,\r\n1,Ann,34\r\n2,Bob,35,,,\r\n3,Cat,36,,x\r\n4,Dan\r\n';
    const result = importCsvSync(text, people);
    expect(result.records.map((r) => r.id)).toEqual(['1', '2']);
    expect(result.errors).toEqual([
      { line: 4, groupUid: '3', reason: 'the row has 5 values but the header has 4 columns (a stray comma or quote?)' },
      { line: 5, groupUid: '4', reason: 'the row has 2 values but the header has 4 columns (a stray comma or quote?)' },
    ]);
  });

  it('refuses a NUL character in a cell as a row error naming the column, and imports the rest', () => {
    const result = importCsvSync(
      toCsv([
        ['ID', 'Full name'],
        ['1', 'A\u0000nn'],
        ['2', 'Bob'],
      ]),
      people,
    );
    expect(result.records.map((r) => r.name)).toEqual(['Bob']);
    expect(result.errors).toEqual([
      { line: 2, groupUid: '1', reason: 'Full name contains a NUL character (\\0), which no value may hold' },
    ]);
    expect(JSON.stringify(result.errors)).not.toContain('\\u0000');
  });

  it.each([
    ['123456abc', 'Age "123456abc" is not a whole number'],
    ['12.5', 'Age "12.5" is not a whole number'],
    ['1e3', 'Age "1e3" is not a whole number'],
    ['99999999999999999999', 'Age "99999999999999999999" is too large'],
  ])('names what is wrong with a number: %s', (age, reason) => {
    expect(
      importCsvSync(
        toCsv([
          ['ID', 'Name', 'Age'],
          ['1', 'Ann', age],
        ]),
        people,
      ).errors,
    ).toEqual([{ line: 2, groupUid: '1', reason }]);
  });

  it('still reports a row whose identification fails', () => {
    expect(
      importCsvSync(
        toCsv([
          ['ID', 'Name', 'Age'],
          ['throw', 'Ann', 'old'],
        ]),
        people,
      ).errors,
    ).toEqual([{ line: 2, reason: 'Age "old" is not a whole number' }]);
  });

  it('lets programming errors through instead of reporting them as bad rows', () => {
    expect(() =>
      importCsvSync(
        toCsv([
          ['ID', 'Name'],
          ['1', 'crash'],
        ]),
        people,
      ),
    ).toThrow(TypeError);
  });

  it('looks for the header in the first five lines only', () => {
    const title = (n: number) => Array.from({ length: n }, (_, i) => [`Title line ${i + 1}`]);
    expect(importCsvSync(toCsv([...title(4), ['ID', 'Name'], ['1', 'Ann']]), people).records).toHaveLength(1);
    expect(() => importCsvSync(toCsv([...title(5), ['ID', 'Name'], ['1', 'Ann']]), people)).toThrow(CsvFileError);
  });

  it('reports the missing columns of the closest candidate header', () => {
    try {
      importCsvSync(toCsv([['People export'], ['ID', 'Surname'], ['1', 'Ann']]), people);
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvFileError);
      expect((e as CsvFileError).message).toBe(
        'This does not look like a complete people file: the required column "Name" (also accepted: "Full name") is missing from the header row.',
      );
      expect((e as CsvFileError).line).toBe(2);
    }
  });

  it('accepts a file with a header and no rows', () => {
    expect(importCsvSync('ID,Name\r\n', people)).toMatchObject({ records: [], errors: [], rowsRead: 0 });
  });
});

describe('streamCsvImport / importCsv', () => {
  const bytes = windows1252(
    toCsv([
      ['ID', 'Name', 'Joined'],
      ['1', 'Zoë', '01/09/2020'],
      ['2', 'Seán', '31/09/2020'],
    ]),
  );

  it('streams outcomes, calling onHeader before the first row', async () => {
    const events: string[] = [];
    const outcomes: RowOutcome<unknown>[] = [];
    for await (const outcome of streamCsvImport(streamOf(chunked(bytes, 3)), people, {
      onHeader: (h: HeaderReport) => events.push(`header ${h.width}`),
    })) {
      events.push(`row ${outcome.line}`);
      outcomes.push(outcome);
    }
    expect(events).toEqual(['header 3', 'row 2', 'row 3']);
    expect(outcomes[0]).toEqual({ ok: true, line: 2, value: { id: '1', name: 'Zoë', age: null, joined: '2020-09-01' } });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      line: 3,
      error: { reason: 'Joined: "31/09/2020" is not a real date: September 2020 has no day 31' },
    });
  });

  it('collects a whole import with its encoding and progress', async () => {
    const progress: { bytesRead: number; rowsRead: number }[] = [];
    const result = await importCsv(streamOf(chunked(bytes, 8)), people, { onProgress: (p) => progress.push(p) });
    expect(result.encoding).toBe('windows-1252');
    expect(result.records.map((r) => r.name)).toEqual(['Zoë']);
    expect(result.errors).toHaveLength(1);
    expect(progress[progress.length - 1].bytesRead).toBe(bytes.length);
  });

  it('refuses a file whose record has far more values than the header has columns, naming its line', async () => {
    const text = 'ID,Name\r\n1,Ann\r\n2,Bob' + ','.repeat(300) + '\r\n3,Cat\r\n';
    const seen: number[] = [];
    const reading = (async () => {
      for await (const outcome of streamCsvImport(streamOf(chunked(Buffer.from(text), 16)), people)) seen.push(outcome.line);
    })();
    await expect(reading).rejects.toThrow('The record starting on line 3 has more than 258 values (the header has 2 columns)');
    expect(seen).toEqual([2]);
    // The header and the record in one chunk: the record is held to the header's width all the same.
    await expect(importCsv(streamOf([Buffer.from(text)]), people)).rejects.toThrow('more than 258 values (the header has 2 columns)');
  });

  it('takes the record length limit from its options', async () => {
    const text = 'ID,Name\r\n1,' + 'x'.repeat(50) + '\r\n';
    await expect(importCsv(streamOf([Buffer.from(text)]), people, { limits: { maxRecordBytes: 40 } })).rejects.toMatchObject({ line: 2 });
  });

  it('rejects an empty stream', async () => {
    await expect(importCsv(streamOf([]), people)).rejects.toThrow('The people file is empty.');
  });
});
