import { normaliseHeaderName, parseCsvText } from '@trustwide/common';
import { detectOfstedLayout } from '../formats/ofsted/ofsted-mi';
import type { ImportKind } from './import-job.entity';

/** Which file this is, from its first lines (Ofsted MI files may have a title line above the header). */
export function detectImportKind(head: string): ImportKind | null {
  // Drop a possibly cut last line.
  const text = head.includes('\n') ? head.slice(0, head.lastIndexOf('\n')) : head;
  let records;
  try {
    records = parseCsvText(text).slice(0, 5);
  } catch {
    return null;
  }
  for (const record of records) {
    const names = new Set(record.fields.map(normaliseHeaderName));
    if (detectOfstedLayout(record.fields)) return 'ofsted';
    if (names.has('urn') && (names.has('establishmentname') || names.has('typeofestablishmentcode')) && !names.has('groupuid')) {
      return 'gias-establishments';
    }
    if (names.has('groupuid') && names.has('urn')) return 'gias-links';
    if (names.has('groupuid')) return 'gias-groups';
  }
  return null;
}
