import { parseDate } from './dates';

/**
 * Typed access to one CSV data row through a header map, with value parsing that fails with a
 * message naming the column as written in the file. A failed value throws {@link RowProblem}; the
 * import turns it into a {@link CsvRowError} for that line and skips the row.
 */

/** What a row was about, when that could be read, so a user can find it (`{ urn: 100000 }`, `{ groupUid: '2044' }`). */
export type CsvRowSubject = { readonly [key: string]: string | number | undefined };

/**
 * One skipped row: where it is, why, and what it was about. The one row-error type of every import
 * (an import job stores and returns these; the CLI prints them).
 */
export type CsvRowError = CsvRowSubject & {
  /** Physical line of the file (header = line 1). */
  readonly line: number;
  readonly reason: string;
};

/** Thrown while mapping a row; turned into a {@link CsvRowError} by the import. */
export class RowProblem extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RowProblem';
  }
}

/** Values that mean "no value" in DfE/Ofsted exports. */
const NULL_TOKENS = new Set(['null', 'n/a', 'na', '#n/a']);

export class CsvRow<K extends string> {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly index: { readonly [P in K]: number },
    private readonly columns: { readonly [P in K]: string | null },
  ) {}

  /** Whether the file has a column for this field. */
  has(field: K): boolean {
    return this.index[field] !== -1;
  }

  /**
   * Trimmed text, or null when empty, "NULL" or the column is absent. A NUL character is refused: no
   * real value holds one, and PostgreSQL cannot store it in text.
   */
  text(field: K): string | null {
    const i = this.index[field];
    if (i === -1 || i >= this.fields.length) return null;
    const value = this.fields[i].trim();
    if (value.includes('\u0000')) throw new RowProblem(`${this.columnName(field)} contains a NUL character (\\0), which no value may hold`);
    return value === '' || NULL_TOKENS.has(value.toLowerCase()) ? null : value;
  }

  /** The column's header as written in the file, for messages. */
  columnName(field: K): string {
    return (this.columns[field] ?? field).replaceAll('\u0000', '\\0'); // messages are stored: no NUL in them
  }

  /** A whole number (spaces and thousands separators tolerated), or null when empty. */
  integer(field: K, range: { min?: number; max?: number } = {}): number | null {
    const text = this.text(field);
    if (text === null) return null;
    const cleaned = text.replace(/[\s,]/g, '');
    if (!/^[-+]?\d+$/.test(cleaned)) throw new RowProblem(`${this.columnName(field)} "${text}" is not a whole number`);
    const value = Number(cleaned);
    if (!Number.isSafeInteger(value)) throw new RowProblem(`${this.columnName(field)} "${text}" is too large`);
    if (range.min !== undefined && value < range.min) {
      throw new RowProblem(`${this.columnName(field)} ${value} is below ${range.min}`);
    }
    if (range.max !== undefined && value > range.max) {
      throw new RowProblem(`${this.columnName(field)} ${value} is above ${range.max}`);
    }
    return value;
  }

  /** An ISO date (see parseDate), or null when empty. */
  date(field: K): string | null {
    const result = parseDate(this.text(field));
    if (!result.ok) throw new RowProblem(`${this.columnName(field)}: ${result.error}`);
    return result.value;
  }

  /** Text that must be present. */
  requiredText(field: K): string {
    const text = this.text(field);
    if (text === null) throw new RowProblem(`${this.columnName(field)} is empty`);
    return text;
  }
}
