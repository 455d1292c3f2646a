import { RowProblem, type CsvRow } from '@trustwide/common';
import { URN_RANGE } from '../schools/urn';

/** Reads the `urn` field of a row; throws RowProblem when it is missing or not a URN. */
export function readUrn(row: CsvRow<'urn'>): number {
  const urn = row.integer('urn', URN_RANGE);
  if (urn === null) throw new RowProblem(`${row.columnName('urn')} is empty`);
  return urn;
}

/** Best-effort URN of a failed row, so its error can name the school. */
export function urnOf(row: CsvRow<'urn'>): { urn?: number } {
  const text = row.text('urn');
  return text !== null && /^\d{6,7}$/.test(text) ? { urn: Number(text) } : {};
}
