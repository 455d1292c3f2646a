import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';

/** Test fixtures for the importers (specs run with cwd = the repository root). */

export function sampleFile(name: string): Buffer {
  return fs.readFileSync(path.join(process.cwd(), '../shared/data/gias', name));
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes rows as CSV the way DfE does (CRLF, quotes only where needed). */
export function toCsv(rows: readonly (readonly string[])[], eol = '\r\n'): string {
  return rows.map((row) => row.map(quote).join(',')).join(eol) + eol;
}

/** Encodes text as Windows-1252 with an independent encoder (iconv-lite). */
export function windows1252(text: string): Buffer {
  return iconv.encode(text, 'windows-1252');
}

/** Splits bytes into chunks, as a stream would deliver them. */
export function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** An async iterable of chunks, like a Node Readable. */
export async function* streamOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    await Promise.resolve();
    yield chunk;
  }
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
