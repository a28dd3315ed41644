import { SaddleError } from '@saddle/core';
import { requireInteger } from './internal/validate.js';

/**
 * The closed-form g_JS(Y) of papers §2.2 when the generated points sit on the n distinct data
 * points with multiplicities m_i (Σ m_i ≤ n; the rest sit off the data and add 0):
 * g_JS(Y) = (1/2n) Σ_i [m_i log(m_i/(1 + m_i)) − log(1 + m_i)], with 0·log 0 = 0.
 * All m_i = 1 gives the optimum −log 2.
 *
 * @example
 * ```ts
 * jsLandscapeClosedForm([2, 0]); // (1/4) log(4/27) = −0.477386 (two-point mode collapse)
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function jsLandscapeClosedForm(multiplicities: readonly number[]): number {
  const n = multiplicities.length;
  multiplicities.forEach((m, i) => requireInteger(m, `multiplicities[${i}]`, 0));
  if (n === 0 || multiplicities.reduce((a, b) => a + b, 0) > n) {
    throw new SaddleError('there are n generated points for n data points, so Σ m_i <= n', {
      code: 'INVALID_ARGUMENT', field: 'multiplicities', value: multiplicities, fix: 'pass one count per data point, summing to at most n',
    });
  }
  const sum = multiplicities.reduce((acc, m) => acc + (m === 0 ? 0 : m * Math.log(m / (1 + m))) - Math.log(1 + m), 0);
  return sum / (2 * n);
}
