// Test support: the closed-form per-step contraction factors of ‖z‖ on min_x max_y x·y (papers §5.2).

/** Simultaneous GDA: the map [[1, −η], [η, 1]] has eigenvalues 1 ± iη, modulus √(1+η²). */
export const gdaFactor = (eta: number): number => Math.sqrt(1 + eta * eta);

/** Extragradient: z⁺ = ((1 − η²)I − ηA)z with A² = −I, a scaled rotation of modulus √(1 − η² + η⁴). */
export const extragradientFactor = (eta: number): number => Math.sqrt(1 - eta * eta + eta ** 4);

/**
 * OGDA / extrapolation from the past: the largest |λ| with λ² − (1 − 2ημ)λ − ημ = 0, μ = i. The
 * discriminant (1 − 2iη)² + 4iη = 1 − 4η² is real, so λ = (1 − 2iη ± √(1 − 4η²))/2.
 */
export function ogdaFactor(eta: number): number {
  const d = 1 - 4 * eta * eta;
  const roots: [number, number][] =
    d >= 0
      ? [[(1 + Math.sqrt(d)) / 2, -eta], [(1 - Math.sqrt(d)) / 2, -eta]]
      : [[0.5, -eta + Math.sqrt(-d) / 2], [0.5, -eta - Math.sqrt(-d) / 2]];
  return Math.max(...roots.map(([re, im]) => Math.hypot(re, im)));
}

/** Alternating GDA: determinant 1 and eigenvalues on the unit circle for η < 2. */
export const alternatingFactor = (): number => 1;

/**
 * The per-step factor measured between steps t0 and t1 from ‖z_t0‖ and ‖z_t1‖:
 * (‖z_t1‖/‖z_t0‖)^{1/(t1 − t0)}. When OGDA's two roots coincide (η = 1/2, discriminant 1 − 4η² = 0)
 * ‖z_t‖ ∝ (t + 1)·ρ^t (a Jordan block; g_{−1} = 0 fixes the coefficient), and the plain ratio over
 * [100, 200] is biased by (201/101)^{1/100} ≈ 1.0069; `jordan` divides by t + 1 first.
 */
export function measuredFactor(size0: number, size1: number, t0: number, t1: number, jordan = false): number {
  return jordan ? (size1 / (t1 + 1) / (size0 / (t0 + 1))) ** (1 / (t1 - t0)) : (size1 / size0) ** (1 / (t1 - t0));
}

/** Whether OGDA's characteristic roots coincide at this η (then use `measuredFactor(…, true)`). */
export const ogdaDoubleRoot = (eta: number): boolean => 1 - 4 * eta * eta === 0;
