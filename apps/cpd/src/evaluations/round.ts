/** Half away from zero at two decimals; the epsilon undoes binary noise (as the people service's round2). */
export function round2(value: number): number {
  const scaled = Math.abs(value) * 100;
  return (Math.sign(value) * Math.round(scaled + 1e-7)) / 100 + 0;
}
