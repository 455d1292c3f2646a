/** Whole pence as pounds: `£1,234.50`, or `£1,234` for whole pounds. */
export function pounds(pence: number): string {
  const whole = pence % 100 === 0;
  return (pence / 100).toLocaleString('en-GB', {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

/** Money used against a budget: a meter (high from 90%, where the services call it near budget) and the sum. */
export function BudgetMeter({ what, used, budget, verb }: { what: string; used: number; budget: number; verb: string }) {
  return (
    <>
      <meter
        min={0}
        max={Math.max(budget, 1)}
        high={budget * 0.9}
        value={used}
        aria-label={`${what}: ${pounds(used)} of ${pounds(budget)} ${verb}`}
      />{' '}
      {pounds(used)}
    </>
  );
}
