/**
 * Closed-form per-step contraction factors of ‖z‖ on min_x max_y x·y (papers §5.2), with
 * F(x, y) = (y, −x) and step size η.
 */

/** Simultaneous GDA: eigenvalues 1 ± iη, modulus √(1 + η²) (diverges). */
export const gdaFactor = (eta: number): number => Math.sqrt(1 + eta * eta);

/** Alternating GDA: determinant 1, eigenvalues on the unit circle for η < 2 (bounded cycling). */
export const alternatingFactor = (): number => 1;

/** Extragradient: a scaled rotation of modulus √(1 − η² + η⁴). */
export const extragradientFactor = (eta: number): number => Math.sqrt(1 - eta * eta + eta ** 4);

/** OGDA and extrapolation from the past: the largest |λ| of λ² − (1 − 2iη)λ − iη = 0, i.e. |(1 − 2iη ± √(1 − 4η²))/2|. */
export function ogdaFactor(eta: number): number {
  const d = 1 - 4 * eta * eta;
  const roots: [number, number][] = d >= 0
    ? [[(1 + Math.sqrt(d)) / 2, -eta], [(1 - Math.sqrt(d)) / 2, -eta]]
    : [[0.5, -eta + Math.sqrt(-d) / 2], [0.5, -eta - Math.sqrt(-d) / 2]];
  return Math.max(...roots.map(([re, im]) => Math.hypot(re, im)));
}

/** η at which OGDA's two roots coincide (1 − 4η² = 0): there ‖z_t‖ ∝ (t + 1)·ρ^t. */
export const OGDA_DOUBLE_ROOT_ETA = 0.5;
