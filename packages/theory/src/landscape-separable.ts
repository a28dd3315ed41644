import { maximize1d } from './internal/maximize-1d.js';
import { indexPoints } from './internal/point-index.js';
import { requirePositive } from './internal/validate.js';

/**
 * A point of a landscape: a number (1-D data) or a coordinate array. Equal points coincide.
 *
 * @example
 * ```ts
 * const x: LandscapePoint[] = [0, 1]; // 1-D points; [[0, 0], [1, 1]] for 2-D ones
 * separableLandscape({ x, y: [0, 0], h1: logSigmoid, h2: logSigmoid }); // −0.477386, JS-GAN's two-point collapse
 * ```
 */
export type LandscapePoint = number | readonly number[];

/**
 * Input of `separableLandscape`: the points, the h functions and the range of f.
 *
 * @example
 * ```ts
 * const input: SeparableLandscapeInput = { x: [0, 1], y: [0, 1], h1: logSigmoid, h2: logSigmoid };
 * separableLandscape(input); // −log 2 ≈ −0.693147 at the optimum
 * ```
 */
export interface SeparableLandscapeInput {
  /** The real points x_1..x_n (distinct in the papers' theorems, but not required). */
  readonly x: readonly LandscapePoint[];
  /** The generated points y_1..y_n. */
  readonly y: readonly LandscapePoint[];
  /** h1 in φ_SP, applied to f(x_i) (log σ for JS-GAN). */
  readonly h1: (t: number) => number;
  /** h2 in φ_SP, applied to −f(y_i) (log σ for JS-GAN). */
  readonly h2: (t: number) => number;
  /**
   * The sup over f is taken over values |f(·)| ≤ bound (default 40). For h with the sup at
   * infinity, such as log σ, the error is about e^{−bound}.
   */
  readonly bound?: number;
}

/**
 * The function-space objective of a separable GAN (papers §2.1–2.2):
 * g_SP(Y) = sup_f φ_SP(Y, f), φ_SP(Y, f) = (1/2n) Σ_i [h1(f(x_i)) + h2(−f(y_i))].
 * Because f is any function, the sup splits over distinct locations z: with a_z real and b_z
 * generated points at z, g_SP = (1/2n) Σ_z sup_t [a_z h1(t) + b_z h2(−t)], each solved with a
 * 1-D maximiser over |t| ≤ bound. The discriminator maximises φ_SP; the generator minimises g.
 *
 * @example
 * ```ts
 * // Two points, both generated points on x_1 (state s1a): (1/4) log(4/27) = −0.477386.
 * separableLandscape({ x: [0, 1], y: [0, 0], h1: logSigmoid, h2: logSigmoid });
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function separableLandscape(input: SeparableLandscapeInput): number {
  const { x, y, h1, h2, bound = 40 } = input;
  requirePositive(bound, 'bound');
  const index = indexPoints(x, y);
  const real = new Array<number>(index.locations).fill(0);
  const fake = new Array<number>(index.locations).fill(0);
  index.x.forEach((z) => (real[z] = (real[z] as number) + 1));
  index.y.forEach((z) => (fake[z] = (fake[z] as number) + 1));
  let total = 0;
  for (let z = 0; z < index.locations; z++) {
    const a = real[z] as number;
    const b = fake[z] as number;
    total += maximize1d((t) => (a > 0 ? a * h1(t) : 0) + (b > 0 ? b * h2(-t) : 0), -bound, bound).value;
  }
  return total / (2 * x.length);
}
