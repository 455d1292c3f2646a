import type { Staff } from '../../api/types';

export const DESIGNATION_STATUSES = ['applied', 'approved', 'active', 'suspended', 'lapsed', 'revoked', 'refused'];
export const DESIGNATION_TYPES = ['sle', 'lle', 'nle', 'professional-partner', 'sip', 'consultant-head'];

/** The academic year (September to August) a date falls in, as `2026/27`. */
export function academicYear(d = new Date()): string {
  const start = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export const personName = (p: Staff | undefined) => (p ? [p.firstName, p.lastName].filter(Boolean).join(' ') || '[erased]' : 'unknown');
