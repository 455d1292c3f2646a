/**
 * GIAS codes are numbers written as text, and spreadsheets drop or add leading zeros
 * ("06" in one file, "6" in the next). Codes are compared in one canonical form.
 */

/** `"06"` → `"6"`, `"0"` → `"0"`; non-numeric codes (`"OPEN"`, `"E09000001"`) are only trimmed. Empty → null. */
export function normaliseCode(code: string | null | undefined): string | null {
  const text = (code ?? '').trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

/** GIAS group UIDs (the "Trusts (code)" of an establishment) are integers; compare them canonically. */
export function normaliseGroupUid(uid: string | null | undefined): string | null {
  return normaliseCode(uid);
}

/**
 * Companies House numbers are eight characters ("07318714"), but GIAS and spreadsheets often drop the
 * leading zero ("7318714"). Imports keep the number as given; use this to compare numbers from two sources.
 */
export function companiesHouseNumberKey(number: string | null | undefined): string | null {
  const text = (number ?? '').trim().toUpperCase().replace(/\s/g, '');
  if (text === '') return null;
  return /^\d{1,8}$/.test(text) ? text.padStart(8, '0') : text;
}
