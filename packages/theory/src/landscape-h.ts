/**
 * h(t) = −log(1 + e^{−t}) = log σ(t), computed without overflow. It is h1 = h2 of JS-GAN in
 * φ_SP and h of RS-GAN in φ_R (papers §2.1); h(0) = −log 2, sup h = 0 (as t → ∞).
 *
 * @example
 * ```ts
 * logSigmoid(0); // −0.6931 = −log 2
 * separableLandscape({ x: [0, 1], y: [0, 0], h1: logSigmoid, h2: logSigmoid }); // −0.4774
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function logSigmoid(t: number): number {
  return t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t));
}
