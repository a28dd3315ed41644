import type { Comparison } from '../experiment.js';

/** `agrees` when |measured − expected| ≤ tolerance, `partly` within `partlyFactor`× it, else `disagrees`. */
export function agreementWithin(measured: number, expected: number, tolerance: number, partlyFactor = 3): Comparison['agreement'] {
  if (!Number.isFinite(measured)) return 'disagrees';
  const gap = Math.abs(measured - expected);
  if (gap <= tolerance) return 'agrees';
  return gap <= partlyFactor * tolerance ? 'partly' : 'disagrees';
}

/** A number with `digits` significant digits, for comparison cells. */
export function sig(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
}

/** Median of a non-empty list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Throws the abort reason when the run was cancelled. */
export function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
