/**
 * Maps CSV header cells to the fields an importer needs.
 *
 * DfE and Ofsted rename, add and drop columns between releases ("Group UID" / "GroupUID",
 * "Establishment name" / "EstablishmentName", a double space in "Latest OEIF  safeguarding is
 * effective?"). Each field is therefore declared once with all the header names it has been seen
 * under, and headers are compared ignoring case, spaces and punctuation.
 */

export interface FieldSpec {
  /** Header names this field has been published under, preferred first. */
  readonly headers: readonly string[];
  /** Without a required field the whole file is rejected. */
  readonly required?: boolean;
}

export type FieldSpecs<K extends string> = { readonly [P in K]: FieldSpec };

export interface HeaderMap<K extends string> {
  /** Column index of each field, -1 when the file does not have it. */
  readonly index: { readonly [P in K]: number };
  /** The header cell as written in the file, for messages ("column NumberOfPupils"). */
  readonly column: { readonly [P in K]: string | null };
  /** Required fields the file lacks: the file must be rejected (see {@link describeMissingColumns}). */
  readonly missingRequired: K[];
  /** Optional fields the file lacks: their values are read as empty. */
  readonly absentOptional: K[];
  /** Columns of the file that no field uses (for information, e.g. new columns in a release). */
  readonly unusedColumns: string[];
  /** Number of columns in the header. */
  readonly width: number;
}

/** `"Group UID"`, `"GroupUID"` and `"group_uid"` all become `groupuid`; accents are dropped too. */
export function normaliseHeaderName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function mapHeader<K extends string>(header: readonly string[], fields: FieldSpecs<K>): HeaderMap<K> {
  const byName = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normaliseHeaderName(cell);
    if (key !== '' && !byName.has(key)) byName.set(key, i); // a repeated header: the first one wins
  });
  const index = {} as { [P in K]: number };
  const column = {} as { [P in K]: string | null };
  const missingRequired: K[] = [];
  const absentOptional: K[] = [];
  const used = new Set<number>();
  for (const field of Object.keys(fields) as K[]) {
    const spec = fields[field];
    let found = -1;
    for (const alias of spec.headers) {
      const i = byName.get(normaliseHeaderName(alias));
      if (i !== undefined) {
        found = i;
        break;
      }
    }
    index[field] = found;
    column[field] = found === -1 ? null : header[found];
    if (found === -1) (spec.required ? missingRequired : absentOptional).push(field);
    else used.add(found);
  }
  const unusedColumns = header.filter((cell, i) => !used.has(i) && cell.trim() !== '');
  return { index, column, missingRequired, absentOptional, unusedColumns, width: header.length };
}

/** A message for users, naming the columns as DfE names them: `URN (also accepted: "Unique reference number")`. */
export function describeMissingColumns<K extends string>(fileKind: string, missing: readonly K[], fields: FieldSpecs<K>): string {
  const names = missing.map((field) => {
    const [first, ...others] = fields[field].headers;
    return others.length === 0 ? `"${first}"` : `"${first}" (also accepted: ${others.map((o) => `"${o}"`).join(', ')})`;
  });
  const plural = names.length === 1 ? 'column' : 'columns';
  return `This does not look like a complete ${fileKind} file: the required ${plural} ${names.join('; ')} ${
    names.length === 1 ? 'is' : 'are'
  } missing from the header row.`;
}
