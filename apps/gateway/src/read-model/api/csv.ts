/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutralise(
    Array.isArray(value)
      ? value.join('; ')
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects and arrays are handled above
            String(value),
  );
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting, formulas neutralised. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(','), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
