import { describe, expect, it } from '@jest/globals';
import { chunked, streamOf } from './csv.test-helpers';
import { readCsvRecords } from './import';
import { CsvFileError, CsvParser, parseCsvText, type CsvRecord } from './parser';

function parseInPieces(text: string, pieces: string[]): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (const piece of pieces) out.push(...parser.push(piece));
  out.push(...parser.end());
  expect(pieces.join('')).toBe(text);
  return out;
}

describe('parseCsvText', () => {
  it('reads records with their physical line numbers (header = line 1)', () => {
    expect(parseCsvText('URN,Name\r\n100000,Aldgate\r\n100001,Hill\r\n')).toEqual([
      { line: 1, fields: ['URN', 'Name'] },
      { line: 2, fields: ['100000', 'Aldgate'] },
      { line: 3, fields: ['100001', 'Hill'] },
    ]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsvText('a,"Art, Design and Performing Arts College","He said ""hi""",""\n')).toEqual([
      { line: 1, fields: ['a', 'Art, Design and Performing Arts College', 'He said "hi"', ''] },
    ]);
  });

  it('counts the line breaks inside quoted fields in the following line numbers', () => {
    const records = parseCsvText('URN,Address\n1,"Line one\nLine two\r\nLine three"\n2,plain\n');
    expect(records).toEqual([
      { line: 1, fields: ['URN', 'Address'] },
      { line: 2, fields: ['1', 'Line one\nLine two\r\nLine three'] },
      { line: 5, fields: ['2', 'plain'] },
    ]);
  });

  it('accepts LF, CRLF and CR line breaks, mixed', () => {
    expect(parseCsvText('a\nb\r\nc\rd').map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('reads a last record with no line break after it', () => {
    expect(parseCsvText('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsvText('a,,c,\n,,,\n')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: ['', '', '', ''] },
    ]);
  });

  it('skips blank lines but still counts them', () => {
    expect(parseCsvText('a\n\nb\r\n\r\n\nc\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: ['b'] },
      { line: 6, fields: ['c'] },
    ]);
  });

  it('keeps a line holding only an empty quoted field as a record', () => {
    expect(parseCsvText('a\n""\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
    ]);
  });

  it('strips a BOM at the start of the text', () => {
    expect(parseCsvText('\ufeffURN\n1\n')[0].fields).toEqual(['URN']);
  });

  it('is lenient with stray quotes, as real exports need', () => {
    expect(parseCsvText('St "Mary" School,"Quoted"tail,x\n')[0].fields).toEqual(['St "Mary" School', 'Quotedtail', 'x']);
  });

  it('rejects the file when a quoted field is never closed, naming the line', () => {
    const parse = () => parseCsvText('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(parse).toThrow(CsvFileError);
    try {
      parse();
    } catch (e) {
      expect((e as CsvFileError).line).toBe(3);
      expect((e as CsvFileError).message).toContain('line 3');
    }
  });
});

describe('CsvParser (incremental)', () => {
  const tricky =
    'URN,Name,Note\r\n' +
    '100000,"Art, Design ""and"" Performing",x\r\n' +
    '\r\n' +
    '100001,"two\r\nlines",""\r\n' +
    '100002,plain,"a""b"\r' +
    '100003,,\n' +
    '100004,"end"';

  it('gives the same records however the text is split in two', () => {
    const whole = parseCsvText(tricky);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6, 7, 8]);
    for (let i = 0; i <= tricky.length; i++) {
      expect(parseInPieces(tricky, [tricky.slice(0, i), tricky.slice(i)])).toEqual(whole);
    }
  });

  it('gives the same records when fed one character at a time', () => {
    expect(parseInPieces(tricky, tricky.split(''))).toEqual(parseCsvText(tricky));
  });

  it('counts a CRLF inside quotes once when a chunk ends between the CR and the LF', () => {
    const text = 'a\n"x\r\ny\r"\n"\r""\n"\nz\n';
    const whole = parseCsvText(text);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 8]);
    for (let i = 0; i <= text.length; i++) expect(parseInPieces(text, [text.slice(0, i), text.slice(i)])).toEqual(whole);
  });

  it('returns complete records as soon as they are complete', () => {
    const parser = new CsvParser();
    expect(parser.push('a,b\n1,')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(parser.push('2\n3')).toEqual([{ line: 2, fields: ['1', '2'] }]);
    expect(parser.end()).toEqual([{ line: 3, fields: ['3'] }]);
  });
});

describe('readCsvRecords', () => {
  const bytes = new Uint8Array(Buffer.from('URN,Name\r\n100000,"Ysgol Môn, Caergybi"\r\n100001,Hill\r\n', 'utf8'));
  const expected = [
    { line: 1, fields: ['URN', 'Name'] },
    { line: 2, fields: ['100000', 'Ysgol Môn, Caergybi'] },
    { line: 3, fields: ['100001', 'Hill'] },
  ];

  async function collect(source: Parameters<typeof readCsvRecords>[0]) {
    const out: CsvRecord[] = [];
    for await (const record of readCsvRecords(source)) out.push(record);
    return out;
  }

  it('reads an async stream of byte chunks', async () => {
    expect(await collect(streamOf(chunked(bytes, 7)))).toEqual(expected);
  });

  it('reads a Buffer, a string and a synchronous iterable', async () => {
    expect(await collect(bytes)).toEqual(expected);
    expect(await collect(Buffer.from(bytes).toString('utf8'))).toEqual(expected);
    expect(await collect(chunked(bytes, 5))).toEqual(expected);
  });

  it('reports progress in bytes', async () => {
    const seen: number[] = [];
    for await (const record of readCsvRecords(streamOf(chunked(bytes, 20)), { onChunk: (n) => seen.push(n) })) {
      expect(record.line).toBeGreaterThan(0);
    }
    expect(seen[seen.length - 1]).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe('CsvParser limits', () => {
  const limits = { maxRecordBytes: 100, maxFields: 10 };

  function refusal(pieces: string[], parser = new CsvParser(limits)): CsvFileError {
    try {
      for (const piece of pieces) parser.push(piece);
      parser.end();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvFileError);
      return e as CsvFileError;
    }
    throw new Error('expected the file to be refused');
  }

  it('refuses a record longer than the limit, naming its first line, as soon as it is read', () => {
    const parser = new CsvParser(limits);
    expect(parser.push('a,b\n1,2\n')).toHaveLength(2);
    expect(() => parser.push('x'.repeat(101))).toThrow(CsvFileError); // before any line break or end()
    const e = refusal(['a,b\n1,2\n', 'y'.repeat(60), 'y'.repeat(60)]);
    expect(e.line).toBe(3);
    expect(e.message).toContain('line 3 is longer than 100 bytes');
  });

  it('counts separators and quotes in the length, not only values', () => {
    expect(refusal(['h\n', ','.repeat(9), '\n', ','.repeat(200)]).line).toBe(3);
    expect(refusal(['h\n"', 'a""'.repeat(40)]).message).toContain('line 2 is longer');
  });

  it('refuses an unclosed quote at the record limit rather than reading the whole file', () => {
    const e = refusal(['a\n', '"never closed\n', 'more\n'.repeat(30)]);
    expect(e.line).toBe(2);
  });

  it('accepts records up to the limits exactly', () => {
    const parser = new CsvParser(limits);
    const records = [...parser.push('x'.repeat(99) + '\n' + ','.repeat(9) + '\n'), ...parser.end()];
    expect(records.map((r) => r.fields.length)).toEqual([1, 10]);
  });

  it('refuses a record with more values than allowed, with its line', () => {
    const e = refusal(['a,b\n1,2\n"multi\nline",', ','.repeat(20)]);
    expect(e.line).toBe(3);
    expect(e.message).toContain('more than 10 values');
  });

  it('narrows the field limit to what the header allows, and says so', () => {
    const parser = new CsvParser(limits);
    parser.push('a,b\n');
    parser.limitFields(3, 2);
    expect(parser.push('1,2,3\n')).toHaveLength(1);
    const e = refusal(['1,2,3,4\n'], parser);
    expect(e.message).toBe(
      'The record starting on line 3 has more than 3 values (the header has 2 columns): a line break is probably missing, so the rest of the file cannot be read.',
    );
  });

  it('keeps no more than one record: a long file of short records is never refused', () => {
    const parser = new CsvParser(limits);
    let count = 0;
    for (let i = 0; i < 1000; i++) count += parser.push('1,2,3\r\n').length;
    expect(count + parser.end().length).toBe(1000);
  });
});
