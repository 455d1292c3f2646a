import { mapHeader, type CsvImportSpec, type CsvRowSubject } from '@trustwide/common';
import { isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import type { Role } from './roles';

/**
 * The columns of a staff list exported from a school's MIS or HR system (SIMS, Arbor, Bromcom,
 * iTrent, …): each field with the header names it is exported under, matched ignoring case, spaces
 * and punctuation, and the validation of one row into what the people service keeps. Only the
 * fields the product uses are read (personal data is kept to what is needed); other columns are
 * ignored. The field specs have the `{ headers, required }` shape of the shared CSV header mapper.
 */

export const STAFF_FIELDS = {
  staffNumber: {
    headers: ['Staff ID', 'Staff Number', 'Employee Number', 'Employee ID', 'Payroll Number', 'Staff Code', 'Person ID'],
    required: true,
  },
  firstName: { headers: ['First Name', 'Forename', 'Legal Forename', 'Preferred Forename', 'Given Name'], required: true },
  lastName: { headers: ['Last Name', 'Surname', 'Legal Surname', 'Preferred Surname', 'Family Name'], required: true },
  workEmail: { headers: ['Work Email', 'School Email', 'Email', 'Email Address', 'Work Email Address'], required: false },
  schoolUrn: { headers: ['URN', 'School URN', 'Establishment URN', 'School Unique Reference Number'], required: true },
  role: { headers: ['Role', 'Job Title', 'Post', 'Position', 'Post Title', 'Staff Role'], required: true },
  roleStartedOn: { headers: ['Start Date', 'Role Start Date', 'Post Start Date', 'Date Started', 'Employment Start Date'], required: true },
  roleEndedOn: { headers: ['End Date', 'Role End Date', 'Post End Date', 'Leaving Date', 'Date Left'], required: false },
} as const satisfies Record<string, { headers: readonly string[]; required: boolean }>;

export type StaffField = keyof typeof STAFF_FIELDS;

/** `"Job Title"`, `"job_title"` and `"JobTitle"` match alike. */
export const normaliseHeader = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export interface StaffHeaderMap {
  /** Column index of each field, -1 when absent. */
  readonly index: Readonly<Record<StaffField, number>>;
  /** Required fields the file lacks: the file is refused as a whole, naming them. */
  readonly missingRequired: readonly StaffField[];
}

/** Which column holds each field (first alias found wins; a repeated header: its first column). */
export function mapStaffHeader(header: readonly string[]): StaffHeaderMap {
  const byName = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normaliseHeader(cell);
    if (key !== '' && !byName.has(key)) byName.set(key, i);
  });
  const index = {} as Record<StaffField, number>;
  const missingRequired: StaffField[] = [];
  for (const field of Object.keys(STAFF_FIELDS) as StaffField[]) {
    const found = STAFF_FIELDS[field].headers.map((h) => byName.get(normaliseHeader(h))).find((i) => i !== undefined);
    index[field] = found ?? -1;
    if (found === undefined && STAFF_FIELDS[field].required) missingRequired.push(field);
  }
  return { index, missingRequired };
}

export function describeMissingStaffColumns(missing: readonly StaffField[]): string {
  const names = missing.map((f) => {
    const [first, ...others] = STAFF_FIELDS[f].headers;
    return `"${first}" (also accepted: ${others.map((o) => `"${o}"`).join(', ')})`;
  });
  return `This does not look like a staff list: the required column${names.length === 1 ? '' : 's'} ${names.join('; ')} ${names.length === 1 ? 'is' : 'are'} missing from the header row.`;
}

/**
 * Job titles as MIS exports spell them → the role vocabulary. Checked in order, first match wins
 * (so "Executive Headteacher" is not read as "Headteacher", nor "Deputy Head of Year" as a deputy
 * head). A title matching nothing is `other`.
 */
export const JOB_TITLE_RULES: ReadonlyArray<readonly [RegExp, Role]> = [
  [/\b(ceo|chief executive)\b/, 'ceo'],
  [/\bexecutive (head|headteacher|principal)\b/, 'executive-headteacher'],
  [/\bhead of (school|academy)\b/, 'head-of-school'],
  [
    /\b(head of (department|faculty|year|phase|key stage)|subject leader|middle leader|phase leader|curriculum leader|key stage leader|head of [a-z]+)\b/,
    'middle-leader',
  ],
  [/\b(deputy (head|headteacher|principal)|vice principal)\b/, 'deputy-headteacher'],
  [/\b(assistant (head|headteacher|principal))\b/, 'assistant-headteacher'],
  [/\b(head ?teacher|head|principal)\b/, 'headteacher'],
  [/\b(send ?co|senco|special educational needs co-?ordinator)\b/, 'senco'],
  [/\b(business manager|school business|bursar|finance manager)\b/, 'business-manager'],
  [/\b(teacher|class teacher|teacher of [a-z]+)\b/, 'teacher'],
];

export function roleFromJobTitle(title: string): Role {
  const text = title.toLowerCase().replace(/\s+/g, ' ').trim();
  return JOB_TITLE_RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/** One staff row as the service keeps it. */
export interface StaffRow {
  readonly staffNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Lower-cased; null when the export has none. */
  readonly workEmail: string | null;
  readonly schoolUrn: number;
  readonly role: Role;
  readonly roleStartedOn: IsoDate;
  readonly roleEndedOn: IsoDate | null;
}

export type StaffRowResult =
  { readonly ok: true; readonly row: StaffRow } | { readonly ok: false; readonly line: number; readonly reasons: readonly string[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NULLS = new Set(['', 'null', 'n/a', 'na', '#n/a']);

/** `31/01/2024`, `31-01-2024` (UK exports) or `2024-01-31` → ISO; anything else null. */
export function parseUkDate(text: string): IsoDate | null {
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  const iso = dayFirst
    ? `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? text
      : null;
  return iso !== null && isIsoDate(iso) ? iso : null;
}

/**
 * Validates one data row (`line` is the file's physical line, header = 1). Every problem of the
 * row is reported, naming the column as the file writes it, so it can be fixed in one go.
 */
export function readStaffRow(cells: readonly string[], header: readonly string[], map: StaffHeaderMap, line: number): StaffRowResult {
  const reasons: string[] = [];
  const column = (f: StaffField) => (map.index[f] === -1 ? STAFF_FIELDS[f].headers[0] : header[map.index[f]]);
  const text = (f: StaffField): string | null => {
    const i = map.index[f];
    const value = i === -1 || i >= cells.length ? '' : cells[i].trim();
    return NULLS.has(value.toLowerCase()) ? null : value;
  };
  const required = (f: StaffField): string => {
    const value = text(f);
    if (value === null) reasons.push(`${column(f)} is empty`);
    return value ?? '';
  };

  const staffNumber = required('staffNumber');
  const firstName = required('firstName');
  const lastName = required('lastName');
  for (const [f, value] of [
    ['firstName', firstName],
    ['lastName', lastName],
  ] as const) {
    if (value.length > 100) reasons.push(`${column(f)} is longer than 100 characters`);
  }

  const emailText = text('workEmail');
  const workEmail = emailText === null ? null : emailText.toLowerCase();
  if (workEmail !== null && !EMAIL.test(workEmail)) reasons.push(`${column('workEmail')} "${emailText}" is not an email address`);

  const urnText = required('schoolUrn');
  const schoolUrn = Number(urnText);
  if (urnText !== '' && !(/^\d{6,7}$/.test(urnText) && schoolUrn >= 100000))
    reasons.push(`${column('schoolUrn')} "${urnText}" is not a URN (six or seven digits)`);

  const title = required('role');
  const role = roleFromJobTitle(title);

  const dateOf = (f: 'roleStartedOn' | 'roleEndedOn', value: string | null): IsoDate | null => {
    if (value === null) return null;
    const date = parseUkDate(value);
    if (date === null) reasons.push(`${column(f)} "${value}" is not a date (dd/mm/yyyy)`);
    return date;
  };
  const startText = required('roleStartedOn');
  const roleStartedOn = dateOf('roleStartedOn', startText === '' ? null : startText);
  const roleEndedOn = dateOf('roleEndedOn', text('roleEndedOn'));
  if (roleStartedOn && roleEndedOn && roleEndedOn < roleStartedOn) {
    reasons.push(`${column('roleEndedOn')} (${roleEndedOn}) is before ${column('roleStartedOn')} (${roleStartedOn})`);
  }

  if (reasons.length > 0) return { ok: false, line, reasons };
  return {
    ok: true,
    row: { staffNumber, firstName, lastName, workEmail, schoolUrn, role, roleStartedOn: roleStartedOn as IsoDate, roleEndedOn },
  };
}

/**
 * The staff list as the shared CSV machinery reads it (`streamCsvImport`): the header found and mapped
 * by the aliases above (a file without a required column is refused as a whole), each data row read
 * by `readStaffRow` into a row or a row error with every reason, naming what the row was about.
 */
export const STAFF_CSV: CsvImportSpec<StaffRow> = {
  fileKind: 'staff list',
  bind(header) {
    const map = mapHeader(header, STAFF_FIELDS);
    const staffMap: StaffHeaderMap = { index: map.index, missingRequired: map.missingRequired };
    return {
      header: map,
      rejection: map.missingRequired.length > 0 ? describeMissingStaffColumns(map.missingRequired) : null,
      mapRecord(record) {
        const at = (f: StaffField) => (map.index[f] === -1 ? '' : (record.fields[map.index[f]] ?? '').trim());
        const about: CsvRowSubject = {
          ...(at('staffNumber') ? { staffNumber: at('staffNumber').slice(0, 50) } : {}),
          ...(at('workEmail') ? { workEmail: at('workEmail').slice(0, 254) } : {}),
        };
        // No value holds a NUL character, and PostgreSQL cannot store one: the row is refused, naming the column.
        const nul = record.fields.findIndex((f) => f.includes('\u0000'));
        if (nul !== -1) {
          const column = (header[nul] ?? `column ${nul + 1}`).replaceAll('\u0000', '\\0');
          return {
            ok: false,
            line: record.line,
            error: { ...clean(about), line: record.line, reason: `${column} contains a NUL character (\\0), which no value may hold` },
          };
        }
        const result = readStaffRow(record.fields, header, staffMap, record.line);
        return result.ok
          ? { ok: true, line: record.line, value: result.row }
          : { ok: false, line: record.line, error: { ...about, line: record.line, reason: result.reasons.join('; ') } };
      },
    };
  },
};

const clean = (about: CsvRowSubject): CsvRowSubject =>
  Object.fromEntries(Object.entries(about).filter(([, v]) => typeof v !== 'string' || !v.includes('\u0000')));
