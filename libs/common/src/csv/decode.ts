/**
 * Byte-to-text decoding for DfE and Ofsted CSV files.
 *
 * DfE publishes GIAS extracts in Windows-1252, but files re-saved by users (Excel "CSV UTF-8",
 * LibreOffice) arrive as UTF-8, often with a BOM. We therefore read UTF-8 when the bytes carry a
 * UTF-8 BOM or are valid UTF-8, and Windows-1252 otherwise.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';
/** `auto` detects; the others force an encoding (e.g. when a user says what the file is). */
export type CsvEncodingOption = CsvEncoding | 'auto';

const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Windows-1252 differs from Latin-1 only in 0x80..0x9F. Node 20's `TextDecoder('windows-1252')`
 * decodes as Latin-1 (0x92 stays U+0092 instead of the apostrophe U+2019), so we map these ourselves.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their C1 code point, as browsers do.
 */
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const C1_RANGE = /[\u0080-\u009f]/g;

/** Decodes Windows-1252 bytes (no state is needed: every byte is one character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_RANGE, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]));
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a whole file: the encoding is decided on all of its bytes. A leading BOM is removed. */
export function decodeCsvBytes(bytes: Uint8Array, encoding: CsvEncodingOption = 'auto'): { text: string; encoding: CsvEncoding } {
  const bom = hasUtf8Bom(bytes);
  if (encoding === 'windows-1252' || (encoding === 'auto' && !bom && !isValidUtf8(bytes))) {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
  const text = fatalUtf8.decode(bom ? bytes.subarray(3) : bytes);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
}

/**
 * Length of the prefix of `bytes` that ends on a UTF-8 character boundary, so that a multi-byte
 * character split across two chunks is decoded once both halves have arrived.
 */
function utf8CompleteLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    if (b < 0x80) return n;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return needed > k ? n - k : n;
  }
  return n;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

/**
 * Incremental decoder for streamed files, so a 60 MB extract is never held as bytes and text at
 * once. The encoding is decided at the first non-ASCII bytes (ASCII reads the same in both); if a
 * later chunk turns out not to be valid UTF-8, the rest is read as Windows-1252 and
 * `fellBackToWindows1252` is set (earlier text was then valid UTF-8, so nothing already emitted is wrong
 * unless the file mixes encodings, which no well-formed file does).
 */
export class CsvTextDecoder {
  private decided: CsvEncoding | null;
  private pending: Uint8Array = new Uint8Array(0);
  private atStart = true;
  fellBackToWindows1252 = false;

  constructor(encoding: CsvEncodingOption = 'auto') {
    this.decided = encoding === 'auto' ? null : encoding;
  }

  /** The encoding in use; `utf-8` while the input has been plain ASCII. */
  get encoding(): CsvEncoding {
    return this.decided ?? 'utf-8';
  }

  decode(chunk: Uint8Array): string {
    let bytes = concatBytes(this.pending, chunk);
    this.pending = new Uint8Array(0);
    if (this.atStart) {
      if (bytes.length < 3 && bytes.every((b, i) => b === BOM[i])) {
        this.pending = bytes; // could still be the start of a BOM
        return '';
      }
      this.atStart = false;
      if (hasUtf8Bom(bytes)) {
        bytes = bytes.subarray(3);
        if (this.decided === null) this.decided = 'utf-8';
      }
    }
    return this.decodeBody(bytes, false);
  }

  end(): string {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    if (this.atStart) {
      this.atStart = false;
      if (hasUtf8Bom(rest)) return '';
    }
    return this.decodeBody(rest, true);
  }

  private decodeBody(bytes: Uint8Array, final: boolean): string {
    if (bytes.length === 0) return '';
    if (this.decided === null) {
      const i = firstNonAscii(bytes);
      if (i === -1) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      const complete = final ? bytes.length : utf8CompleteLength(bytes);
      if (complete <= i) {
        this.pending = bytes; // wait for the rest of the first non-ASCII character
        return '';
      }
      this.decided = isValidUtf8(bytes.subarray(i, complete)) ? 'utf-8' : 'windows-1252';
    }
    if (this.decided === 'windows-1252') return decodeWindows1252(bytes);
    const complete = final ? bytes.length : utf8CompleteLength(bytes);
    this.pending = bytes.slice(complete);
    const body = bytes.subarray(0, complete);
    try {
      return fatalUtf8.decode(body);
    } catch {
      this.decided = 'windows-1252';
      this.fellBackToWindows1252 = true;
      const rest = decodeWindows1252(bytes);
      this.pending = new Uint8Array(0);
      return rest;
    }
  }
}
