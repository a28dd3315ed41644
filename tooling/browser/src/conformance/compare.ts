import { expectTensorClose, type Tolerance } from '@saddle/testing';

/** How far one output is from its expected values. */
export interface Comparison {
  /** `undefined` when every element is within tolerance, else the worst element's description. */
  readonly error: string | undefined;
  /**
   * max_i |aᵢ − eᵢ| / max(|eᵢ|, 10⁻³·max_j |e_j|): the relative error, with elements smaller
   * than a thousandth of the output's largest measured against that (near-cancellations).
   */
  readonly maxRelError: number;
}

/**
 * Compares two flat value arrays elementwise with `expectTensorClose`'s rule and also measures the
 * largest relative error, for reports.
 *
 * @example
 * ```ts
 * const { error, maxRelError } = await compare(actual, expected, { rtol: 1e-2, atol: 1e-3 });
 * ```
 */
export async function compare(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): Promise<Comparison> {
  let error: string | undefined;
  try {
    await expectTensorClose(Array.from(actual), Array.from(expected), tol);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  let largest = 0;
  for (let i = 0; i < expected.length; i++) largest = Math.max(largest, Math.abs(expected[i] as number));
  const floor = Math.max(1e-3 * largest, Number.MIN_VALUE);
  let maxRelError = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const e = expected[i] as number;
    const rel = Math.abs((actual[i] as number) - e) / Math.max(Math.abs(e), floor);
    if (rel > maxRelError || Number.isNaN(rel)) maxRelError = rel;
  }
  return { error, maxRelError };
}
