/**
 * Simultaneous GDA on min_x max_y x·y with step η: the map [[1, −η], [η, 1]] has eigenvalues
 * 1 ± iη, so ‖z‖ grows by √(1 + η²) per step (papers §5.2).
 *
 * @example
 * ```ts
 * gdaFactor(0.1); // 1.004988: diverges
 * ```
 */
export const gdaFactor = (eta: number): number => Math.sqrt(1 + eta * eta);

/**
 * Alternating GDA on x·y: determinant 1 and eigenvalues on the unit circle for η < 2, so ‖z‖
 * neither grows nor shrinks on average (bounded cycling).
 *
 * @example
 * ```ts
 * alternatingFactor(); // 1
 * ```
 */
export const alternatingFactor = (): number => 1;

/**
 * Extragradient on x·y: z⁺ = ((1 − η²)I − ηA)z with A² = −I, a scaled rotation of modulus
 * √(1 − η² + η⁴) per step.
 *
 * @example
 * ```ts
 * extragradientFactor(0.1); // 0.995038: converges
 * ```
 */
export const extragradientFactor = (eta: number): number => Math.sqrt(1 - eta * eta + eta ** 4);

/**
 * OGDA and extrapolation from the past on x·y: the largest |λ| with λ² − (1 − 2iη)λ − iη = 0.
 * The discriminant (1 − 2iη)² + 4iη = 1 − 4η² is real, so λ = (1 − 2iη ± √(1 − 4η²))/2.
 *
 * @example
 * ```ts
 * ogdaFactor(0.5); // 0.707107 (a double root: see ogdaDoubleRoot)
 * ```
 */
export function ogdaFactor(eta: number): number {
  const d = 1 - 4 * eta * eta;
  const roots: [number, number][] =
    d >= 0
      ? [[(1 + Math.sqrt(d)) / 2, -eta], [(1 - Math.sqrt(d)) / 2, -eta]]
      : [[0.5, -eta + Math.sqrt(-d) / 2], [0.5, -eta - Math.sqrt(-d) / 2]];
  return Math.max(...roots.map(([re, im]) => Math.hypot(re, im)));
}

/**
 * Whether OGDA's characteristic roots coincide at this η (1 − 4η² = 0, i.e. η = 1/2): then
 * ‖z_t‖ ∝ (t + 1)·ρ^t (a Jordan block), and `measuredFactor` needs `jordan`.
 *
 * @example
 * ```ts
 * ogdaDoubleRoot(0.5); // true
 * ```
 */
export const ogdaDoubleRoot = (eta: number): boolean => 1 - 4 * eta * eta === 0;

/**
 * The per-step factor measured between steps t0 and t1 from ‖z_t0‖ and ‖z_t1‖:
 * (‖z_t1‖/‖z_t0‖)^{1/(t1 − t0)}. At OGDA's double root the plain ratio over [100, 200] is biased
 * by (201/101)^{1/100} ≈ 1.0069; `jordan` divides each norm by t + 1 first (g_{−1} = 0 fixes the
 * coefficient).
 *
 * @example
 * ```ts
 * const factor = measuredFactor(norms[100], norms[200], 100, 200, ogdaDoubleRoot(eta));
 * ```
 */
export function measuredFactor(size0: number, size1: number, t0: number, t1: number, jordan = false): number {
  return jordan ? (size1 / (t1 + 1) / (size0 / (t0 + 1))) ** (1 / (t1 - t0)) : (size1 / size0) ** (1 / (t1 - t0));
}
