import * as fs from 'node:fs';
import * as path from 'node:path';
export { chunked, streamOf, toCsv, windows1252 } from '@trustwide/common/csv/csv.test-helpers';

/** Test fixtures for the importers (specs run with cwd = the repository root). */

export function sampleFile(name: string): Buffer {
  return fs.readFileSync(path.join(process.cwd(), '../shared/data/gias', name));
}

/** Header and rows of a real sample file, to build realistic variants from. */
export function sampleTable(name: string): { header: string[]; rows: string[][] } {
  const text = sampleFile(name).toString('utf8');
  // The samples are simple enough to split with a minimal RFC 4180 reader independent of ours.
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  return { header, rows };
}
