/**
 * Money is held in whole pence (integers), so budgets add up exactly; pounds appear only in words.
 */
export type Pence = number;

export const isPence = (value: unknown): value is Pence => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** 240000 → `£2,400`; 123456 → `£1,234.56`. */
export function formatPounds(pence: Pence): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  const rest = abs % 100;
  return `${sign}£${pounds}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}
