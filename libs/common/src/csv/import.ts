import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CsvTextDecoder, decodeCsvBytes, type CsvEncoding, type CsvEncodingOption } from './decode';
import { describeMissingColumns, mapHeader, type FieldSpecs, type HeaderMap } from './header-map';
import { CsvFileError, CsvParser, DEFAULT_CSV_LIMITS, parseCsvText, type CsvLimits, type CsvRecord } from './parser';
import { CsvRow, RowProblem, type CsvRowError, type CsvRowSubject } from './row';

/**
 * The generic path from a CSV file to typed records: decode, parse, find and map the header
 * (rejecting the file when a required column is missing), map each row, and collect the rows that
 * fail with their line numbers while the others still import.
 */

/** Bytes or text of a whole file, or chunks of it (a Node `Readable` is an async iterable of Buffers). */
export type CsvSource = Uint8Array | string | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type RowOutcome<T> =
  | { readonly ok: true; readonly line: number; readonly value: T }
  | { readonly ok: false; readonly line: number; readonly error: CsvRowError };

/** A header map without its field names spelt out, for reporting. */
export type HeaderReport = HeaderMap<string>;

/** A file kind's import, bound to the header of one file. */
export interface BoundCsvImport<T> {
  readonly header: HeaderReport;
  /** When set, the file must be rejected with this message. */
  readonly rejection: string | null;
  mapRecord(record: CsvRecord): RowOutcome<T>;
}

/** How one kind of file is imported. Build with {@link defineCsvImport}, or by hand to choose between layouts. */
export interface CsvImportSpec<T> {
  /** For messages, e.g. "GIAS establishments". */
  readonly fileKind: string;
  bind(header: readonly string[]): BoundCsvImport<T>;
}

export interface CsvImportDefinition<K extends string, T> {
  readonly fileKind: string;
  readonly fields: FieldSpecs<K>;
  /** Maps a row; throws {@link RowProblem} for a bad value. */
  readonly mapRow: (row: CsvRow<K>) => T;
  /** What the row is about, to put in its error (best effort: must not throw). */
  readonly identify?: (row: CsvRow<K>) => CsvRowSubject;
}

/**
 * A row must have a value for every named column. Spreadsheet exports add or drop trailing empty
 * cells, which is harmless; any other difference means the values are shifted (a stray comma or an
 * unescaped quote) and the row cannot be trusted.
 */
function fitsHeader(fields: readonly string[], width: number, minWidth: number): boolean {
  if (fields.length < minWidth) return false;
  for (let i = width; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

export function defineCsvImport<K extends string, T>(definition: CsvImportDefinition<K, T>): CsvImportSpec<T> {
  const { fileKind, fields, mapRow, identify } = definition;
  return {
    fileKind,
    bind(header) {
      const map = mapHeader(header, fields);
      const rejection = map.missingRequired.length > 0 ? describeMissingColumns(fileKind, map.missingRequired, fields) : null;
      let minWidth = header.length;
      while (minWidth > 0 && header[minWidth - 1].trim() === '') minWidth--;
      return {
        header: map,
        rejection,
        mapRecord(record) {
          const row = new CsvRow<K>(record.line, record.fields, map.index, map.column);
          const fail = (reason: string): RowOutcome<T> => {
            let about: CsvRowSubject = {};
            try {
              about = identify?.(row) ?? {};
            } catch {
              // identification is best effort
            }
            return { ok: false, line: record.line, error: { ...about, line: record.line, reason } };
          };
          if (!fitsHeader(record.fields, map.width, minWidth)) {
            return fail(`the row has ${record.fields.length} values but the header has ${map.width} columns (a stray comma or quote?)`);
          }
          try {
            return { ok: true, line: record.line, value: mapRow(row) };
          } catch (e) {
            if (e instanceof RowProblem) return fail(e.message);
            throw e;
          }
        },
      };
    },
  };
}

export interface CsvImportOptions {
  /** Defaults to detection (see decode.ts). */
  readonly encoding?: CsvEncodingOption;
  /** Called after each chunk, e.g. to show progress of a large extract. */
  readonly onProgress?: (progress: { bytesRead: number; rowsRead: number }) => void;
  /** Called once the header is accepted, before the first row. */
  readonly onHeader?: (header: HeaderReport) => void;
  /** Bounds on one record ({@link DEFAULT_CSV_LIMITS}); beyond them the file is refused with the record's line. */
  readonly limits?: Partial<CsvLimits>;
}

export interface CsvImportResult<T> {
  readonly records: T[];
  readonly errors: CsvRowError[];
  readonly header: HeaderReport;
  readonly encoding: CsvEncoding;
  /** Data rows read (imported or not). */
  readonly rowsRead: number;
}

/**
 * Records read (and handled by the caller) between two turns given to the event loop. Measured with
 * monitorEventLoopDelay while the 50,000-row GIAS extract was read and mapped in 256 KiB chunks (load
 * average 12 on 2 cores, so wall times are about 6x CPU): longest stall 318 ms without these turns,
 * 107-176 ms with them (p99 51-89 ms), against 2.8 s before the one-pass parser. The stall is bounded by
 * this many rows' work, whatever the file, so parsing stays on the main thread (no worker needed).
 */
const YIELD_EVERY_RECORDS = 100;

/** Files sometimes open with a title line above the header (Ofsted MI does): look a few lines down. */
const HEADER_SEARCH_LINES = 5;

/**
 * Values a data row may have beyond the header's columns before the file is refused. A few more are
 * a row error (or harmless trailing empty cells, which spreadsheets add); hundreds more mean the
 * file's line breaks are missing, and reading on would only hold a growing record in memory.
 */
export const EXTRA_FIELDS_ALLOWED = 256;

/** The most values a data row may have under a header of `width` columns. */
export const maxFieldsFor = (width: number) => width + EXTRA_FIELDS_ALLOWED;

/** Chooses the header among the first records; the first one that binds without rejection wins. */
class HeaderFinder<T> {
  private seen = 0;
  /** The closest attempt so far, whose rejection is reported if no header is found. */
  private best: { record: CsvRecord; attempt: BoundCsvImport<T> } | null = null;
  bound: BoundCsvImport<T> | null = null;

  constructor(private readonly spec: CsvImportSpec<T>) {}

  /** Offers a record; returns the records that are data rows once the header is known. */
  offer(record: CsvRecord): CsvRecord[] {
    if (this.bound) return [record];
    this.seen++;
    const attempt = this.spec.bind(record.fields);
    if (attempt.rejection === null) {
      this.bound = attempt;
      return [];
    }
    if (!this.best || attempt.header.missingRequired.length < this.best.attempt.header.missingRequired.length) {
      this.best = { record, attempt };
    }
    if (this.seen >= HEADER_SEARCH_LINES) this.reject();
    return [];
  }

  /** At the end of the file (or search), the header must have been found. */
  finish(): BoundCsvImport<T> {
    return this.bound ?? this.reject();
  }

  private reject(): never {
    if (!this.best) throw new CsvFileError(`The ${this.spec.fileKind} file is empty.`);
    throw new CsvFileError(this.best.attempt.rejection ?? 'No header row found.', this.best.record.line);
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<Uint8Array | string> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/** Yields chunks of text from any source; the decoder reports the encoding chosen. */
async function* textChunks(source: CsvSource, decoder: CsvTextDecoder, onBytes: (n: number) => void): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  if (source instanceof Uint8Array) {
    onBytes(source.length);
    yield decoder.decode(source);
    yield decoder.end();
    return;
  }
  const chunks = isAsyncIterable(source) ? source : (source as Iterable<Uint8Array | string>);
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
    } else {
      onBytes(chunk.length);
      yield decoder.decode(chunk);
    }
  }
  yield decoder.end();
}

/**
 * Parses a CSV source record by record, without holding the whole file. The header is the first record.
 * `decoder.encoding` tells which encoding was used once iteration is done.
 */
export async function* readCsvRecords(
  source: CsvSource,
  options: {
    encoding?: CsvEncodingOption;
    decoder?: CsvTextDecoder;
    onChunk?: (bytesRead: number) => void;
    limits?: Partial<CsvLimits>;
    /** The parser to use (e.g. to narrow its field limit once a header is known). */
    parser?: CsvParser;
  } = {},
): AsyncGenerator<CsvRecord> {
  const decoder = options.decoder ?? new CsvTextDecoder(options.encoding);
  const parser = options.parser ?? new CsvParser(options.limits);
  let bytesRead = 0;
  let sinceYield = 0;
  for await (const text of textChunks(source, decoder, (n) => (bytesRead += n))) {
    const records = parser.push(text);
    options.onChunk?.(bytesRead);
    for (const record of records) {
      yield record;
      // A stream whose next chunk is already buffered hands it over without giving the event loop a
      // turn, so the caller's work on many rows could run as one long task: give it a turn regularly.
      if (++sinceYield >= YIELD_EVERY_RECORDS) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }
  yield* parser.end();
}

/**
 * Streams the outcome of each data row; throws {@link CsvFileError} when the file must be rejected
 * (missing required columns, unterminated quote, empty file) before any row is yielded for a bad header.
 */
export async function* streamCsvImport<T>(
  source: CsvSource,
  spec: CsvImportSpec<T>,
  options: CsvImportOptions & { decoder?: CsvTextDecoder } = {},
): AsyncGenerator<RowOutcome<T>> {
  const finder = new HeaderFinder(spec);
  // The header is recognised inside the parser too, so that the record right after it is held to its width.
  let searched = 0;
  const parser = new CsvParser(options.limits, (record) => {
    if (++searched > HEADER_SEARCH_LINES) return null;
    const attempt = spec.bind(record.fields);
    return attempt.rejection === null ? { maxFields: maxFieldsFor(attempt.header.width), headerWidth: attempt.header.width } : null;
  });
  let rowsRead = 0;
  const records = readCsvRecords(source, {
    encoding: options.encoding,
    decoder: options.decoder,
    parser,
    onChunk: (bytesRead) => options.onProgress?.({ bytesRead, rowsRead }),
  });
  for await (const record of records) {
    const hadHeader = finder.bound !== null;
    for (const row of finder.offer(record)) {
      rowsRead++;
      yield finder.bound!.mapRecord(row);
    }
    if (!hadHeader && finder.bound) options.onHeader?.(finder.bound.header);
  }
  finder.finish(); // rejects a file whose header was never found
}

/** Imports a whole file (streamed from `source`), collecting records and row errors. */
export async function importCsv<T>(source: CsvSource, spec: CsvImportSpec<T>, options: CsvImportOptions = {}): Promise<CsvImportResult<T>> {
  const decoder = new CsvTextDecoder(options.encoding);
  const records: T[] = [];
  const errors: CsvRowError[] = [];
  let header: HeaderReport | null = null;
  let rowsRead = 0;
  const onHeader = (h: HeaderReport) => {
    header = h;
    options.onHeader?.(h);
  };
  for await (const outcome of streamCsvImport(source, spec, { ...options, decoder, onHeader })) {
    rowsRead++;
    if (outcome.ok) records.push(outcome.value);
    else errors.push(outcome.error);
  }
  return { records, errors, header: header!, encoding: decoder.encoding, rowsRead };
}

/** Synchronous import of a file already in memory (tests, small uploads). */
export function importCsvSync<T>(
  input: Uint8Array | string,
  spec: CsvImportSpec<T>,
  options: { encoding?: CsvEncodingOption; limits?: Partial<CsvLimits> } = {},
): CsvImportResult<T> {
  const { text, encoding } =
    typeof input === 'string' ? { text: input, encoding: 'utf-8' as CsvEncoding } : decodeCsvBytes(input, options.encoding);
  const finder = new HeaderFinder(spec);
  const records: T[] = [];
  const errors: CsvRowError[] = [];
  let rowsRead = 0;
  for (const record of parseCsvText(text, options.limits ?? DEFAULT_CSV_LIMITS)) {
    for (const row of finder.offer(record)) {
      rowsRead++;
      const outcome = finder.bound!.mapRecord(row);
      if (outcome.ok) records.push(outcome.value);
      else errors.push(outcome.error);
    }
  }
  return { records, errors, header: finder.finish().header, encoding, rowsRead };
}
