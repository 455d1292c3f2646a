import iconv from 'iconv-lite';

/** Test helpers for CSV readers: files as DfE writes them, and streams as Node delivers them. */

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
