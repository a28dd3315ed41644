/**
 * One of the four two-point states of Sun, Fang and Schwing, with its closed-form values.
 *
 * @example
 * ```ts
 * const collapse = twoPointLandscapeStates().find((s: TwoPointState) => s.name === 's1a');
 * console.log(collapse?.js, collapse?.rs); // the closed-form JS-GAN and RS-GAN values at y1 = y2 = x1
 * ```
 */
export interface TwoPointState {
  /** s0: no overlap; s1a: mode collapse y1 = y2 = x1; s1b: mode dropping; s2: perfect match. */
  readonly name: 's0' | 's1a' | 's1b' | 's2';
  readonly description: string;
  /** The real points x1 = 0, x2 = 1. */
  readonly x: readonly [number, number];
  /** The generated points, y_i paired with x_i. */
  readonly y: readonly [number, number];
  /** g_SP for JS-GAN (h1 = h2 = log σ), closed form. */
  readonly js: number;
  /** g_R for RS-GAN (h = log σ), closed form. */
  readonly rs: number;
}

/**
 * The two-point states (n = 2: real x1, x2; generated y1, y2) with the closed-form values of
 * papers §0 and §2.2 (f ranges over all functions):
 *
 * | state | Y | g_JS | g_RS |
 * |---|---|---|---|
 * | s2 perfect match | (x1, x2) | −log 2 | −log 2 |
 * | s1b mode dropping | (x1, off-data) | −(log 2)/2 | −(log 2)/2 |
 * | s1a mode collapse | (x1, x1) | (2 log 2 − 3 log 3)/4 = (1/4) log(4/27) | −(log 2)/2 |
 * | s0 no overlap | (off, off) | 0 | 0 |
 *
 * JS-GAN has a sub-optimal strict local minimum at s1a (−0.4774 < −0.3466 of its neighbour
 * s1b); RS-GAN has none. In s1b the overlapping generated point is paired with its own real
 * point (pairing y_i with x_i matters for g_R).
 *
 * @example
 * ```ts
 * for (const s of twoPointLandscapeStates()) {
 *   separableLandscape({ x: s.x, y: s.y, h1: logSigmoid, h2: logSigmoid }); // ≈ s.js
 * }
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function twoPointLandscapeStates(): TwoPointState[] {
  const { LN2 } = Math;
  const LN3 = Math.log(3);
  return [
    { name: 's2', description: 'perfect match: {y} = {x}', x: [0, 1], y: [0, 1], js: -LN2, rs: -LN2 },
    { name: 's1b', description: 'mode dropping: y1 = x1, y2 off the data', x: [0, 1], y: [0, 2], js: -LN2 / 2, rs: -LN2 / 2 },
    { name: 's1a', description: 'mode collapse: y1 = y2 = x1', x: [0, 1], y: [0, 0], js: (2 * LN2 - 3 * LN3) / 4, rs: -LN2 / 2 },
    { name: 's0', description: 'no overlap: both generated points off the data', x: [0, 1], y: [2, 3], js: 0, rs: 0 },
  ];
}
