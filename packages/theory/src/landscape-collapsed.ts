import { SaddleError } from '@saddle/core';
import { requireInteger } from './internal/validate.js';

/** n^n grows fast; the enumeration is for small n. */
const MAX_N = 6;

/**
 * Every mode-collapsed configuration of n generated points on n distinct data points (papers
 * §0, §2.2): assignments c with y_i = x_{c_i}, every y_i on the data and y_i = y_j for some
 * i ≠ j, i.e. the n^n − n! maps {0..n−1} → {0..n−1} that are not permutations. For a separable
 * GAN each is a sub-optimal strict local minimum of g_SP (Theorem 1); for RpGAN none is
 * (Theorem 2). Listed in lexicographic order; n ≤ 6.
 *
 * @example
 * ```ts
 * collapsedConfigurations(2); // [[0, 0], [1, 1]]
 * collapsedConfigurations(3).length; // 27 − 6 = 21
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function collapsedConfigurations(n: number): number[][] {
  requireInteger(n, 'n', 1);
  if (n > MAX_N) {
    throw new SaddleError(`the n^n − n! configurations are enumerated for n <= ${MAX_N} only`, {
      code: 'INVALID_ARGUMENT', field: 'n', value: n, fix: `pass n <= ${MAX_N} (n = ${MAX_N} already has ${MAX_N ** MAX_N - 720} configurations)`,
    });
  }
  const out: number[][] = [];
  const current = new Array<number>(n).fill(0);
  const visit = (i: number): void => {
    if (i === n) {
      if (new Set(current).size < n) out.push([...current]);
      return;
    }
    for (let j = 0; j < n; j++) {
      current[i] = j;
      visit(i + 1);
    }
  };
  visit(0);
  return out;
}
