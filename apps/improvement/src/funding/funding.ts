import { isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import { refused, ok, type Decided } from '../shared/refusal';
import type { FundingSource } from '../agreements/agreement';

/**
 * An agreement's funding: spend is recorded against the amount and can never exceed it, so a pot
 * (a strategic improvement fund, the trust's budget) can be reported on by source. Money is in
 * whole pence so every sum is exact.
 */

export interface Spend {
  readonly id: string;
  readonly amountPence: number;
  readonly spentOn: IsoDate;
  readonly description: string;
}

export interface Funding {
  readonly agreementId: string;
  readonly source: FundingSource;
  readonly amountPence: number;
  readonly spends: readonly Spend[];
}

/** `£1,234.50`. */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}

export const spentPence = (f: Pick<Funding, 'spends'>): number => f.spends.reduce((s, x) => s + x.amountPence, 0);
export const remainingPence = (f: Pick<Funding, 'spends' | 'amountPence'>): number => f.amountPence - spentPence(f);

export function recordSpend(funding: Funding, spend: Spend): Decided<Funding> {
  if (!Number.isInteger(spend.amountPence) || spend.amountPence < 1) {
    return refused({ rule: 'amount', message: `A spend is a whole number of pence, at least 1, not ${spend.amountPence}.` });
  }
  if (!isIsoDate(spend.spentOn)) return refused({ rule: 'date', message: `"${String(spend.spentOn)}" is not a date as YYYY-MM-DD.` });
  if (spend.description.trim() === '') return refused({ rule: 'description', message: 'A spend says what it was for.' });
  if (funding.spends.some((s) => s.id === spend.id))
    return refused({ rule: 'duplicate', message: `Spend ${spend.id} is already recorded.` });
  const remaining = remainingPence(funding);
  if (spend.amountPence > remaining) {
    return refused({
      rule: 'funding-cap',
      message: `Spending ${formatPounds(spend.amountPence)} would exceed the ${formatPounds(funding.amountPence)} funding: ${formatPounds(spentPence(funding))} is already spent and ${formatPounds(remaining)} remains.`,
    });
  }
  return ok({ ...funding, spends: [...funding.spends, spend] });
}

/** Lowering the amount below what is already spent is refused too: the cap holds both ways. */
export function changeAmount(funding: Funding, amountPence: number): Decided<Funding> {
  if (!Number.isInteger(amountPence) || amountPence < 0)
    return refused({ rule: 'amount', message: `The amount is a whole number of pence, at least 0, not ${amountPence}.` });
  const spent = spentPence(funding);
  if (amountPence < spent)
    return refused({
      rule: 'funding-cap',
      message: `The funding cannot be cut to ${formatPounds(amountPence)}: ${formatPounds(spent)} is already spent.`,
    });
  return ok({ ...funding, amountPence });
}

export interface SourceSummary {
  readonly source: FundingSource;
  readonly agreements: number;
  readonly amountPence: number;
  readonly spentPence: number;
  readonly remainingPence: number;
}

/** Funding by source, in the order of the sources' first appearance. */
export function fundingBySource(fundings: readonly Funding[]): SourceSummary[] {
  const bySource = new Map<FundingSource, SourceSummary>();
  for (const f of fundings) {
    const s = bySource.get(f.source) ?? { source: f.source, agreements: 0, amountPence: 0, spentPence: 0, remainingPence: 0 };
    const spent = spentPence(f);
    bySource.set(f.source, {
      source: f.source,
      agreements: s.agreements + 1,
      amountPence: s.amountPence + f.amountPence,
      spentPence: s.spentPence + spent,
      remainingPence: s.remainingPence + f.amountPence - spent,
    });
  }
  return [...bySource.values()];
}
