/**
 * RFC 4180 CSV parser that works incrementally on text chunks.
 *
 * Every record carries the physical line on which it starts (header = line 1), counting the line
 * breaks inside quoted fields, so that import errors can point users at the line their editor
 * shows. Being incremental, a 60 MB GIAS extract can be parsed while it is read, with progress.
 */

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  readonly line: number;
  readonly fields: string[];
}

/** The file cannot be read as CSV at all (as opposed to one bad row): the import is rejected. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    /** Line the problem starts on, when there is one. */
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Push text as it arrives, then call `end()`. Line breaks may be CRLF, LF or CR; blank lines are
 * skipped (still counted). Leniencies, because real exports contain them: a quote inside an unquoted
 * field is kept as a character, and text after a closing quote is appended to the field. An
 * unterminated quoted field swallows the rest of the file, so it rejects the file ({@link CsvFileError}).
 */
export class CsvParser {
  private buffer = '';
  private line = 1;
  private started = false;

  /** Parses what can be parsed; returns the complete records. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.parse(false, out);
    return out;
  }

  /** Parses the rest, including a last record with no line break after it. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.parse(true, out);
    return out;
  }

  private parse(final: boolean, out: CsvRecord[]): void {
    const buf = this.buffer;
    const n = buf.length;
    let pos = 0;
    let line = this.line;
    records: while (pos < n) {
      const recordLine = line;
      const fields: string[] = [];
      let p = pos;
      let quotedAny = false;
      for (;;) {
        let value: string;
        if (p < n && buf.charCodeAt(p) === QUOTE) {
          quotedAny = true;
          const fieldStart = p;
          let q = p + 1;
          value = '';
          for (;;) {
            const close = buf.indexOf('"', q);
            if (close === -1 || (close + 1 === n && !final)) {
              // The closing quote (or the second of a doubled quote) has not arrived yet.
              if (!final) {
                line = recordLine;
                break records;
              }
              throw new CsvFileError(
                `A quoted field starting on line ${line} is never closed (missing closing quote), so the rest of the file cannot be read.`,
                line,
              );
            }
            if (buf.charCodeAt(close + 1) === QUOTE) {
              value += buf.slice(q, close + 1);
              q = close + 2;
              continue;
            }
            value += buf.slice(q, close);
            p = close + 1;
            break;
          }
          line += countLineBreaks(buf, fieldStart, p);
          // Lenient: `"abc"def` reads as `abcdef`.
          let q2 = p;
          while (q2 < n) {
            const c = buf.charCodeAt(q2);
            if (c === COMMA || c === LF || c === CR) break;
            q2++;
          }
          if (q2 > p) {
            value += buf.slice(p, q2);
            p = q2;
          }
        } else {
          let q = p;
          while (q < n) {
            const c = buf.charCodeAt(q);
            if (c === COMMA || c === LF || c === CR) break;
            q++;
          }
          value = buf.slice(p, q);
          p = q;
        }
        fields.push(value);
        if (p >= n) {
          if (!final) {
            line = recordLine;
            break records;
          }
          pos = n;
          break;
        }
        const c = buf.charCodeAt(p);
        if (c === COMMA) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) {
            line = recordLine; // an LF may follow in the next chunk
            break records;
          }
          p += buf.charCodeAt(p + 1) === LF ? 2 : 1;
        } else {
          p++;
        }
        line++;
        pos = p;
        break;
      }
      if (!(fields.length === 1 && !quotedAny && fields[0] === '')) {
        out.push({ line: recordLine, fields });
      }
      if (pos >= n) break;
    }
    this.buffer = pos >= n ? '' : buf.slice(pos);
    this.line = line;
  }
}

/** Parses a whole text at once. */
export function parseCsvText(text: string): CsvRecord[] {
  const parser = new CsvParser();
  const records = parser.push(text);
  for (const r of parser.end()) records.push(r);
  return records;
}
