/** Mean of a non-empty list (NaN for an empty one). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (divisor n − 1; 0 for one value). */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** "m ± s" with `digits` decimals over the finite values, or "n/a" when there are none. */
export function meanStd(values: readonly number[], digits = 2): string {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? 'n/a' : `${mean(finite).toFixed(digits)} ± ${std(finite).toFixed(digits)}`;
}

/** The seeds firstSeed, …, firstSeed + count − 1. */
export function seedList(firstSeed: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => firstSeed + i);
}
