// Closed-form per-step contraction factors of ‖z‖ on min_x max_y x·y (papers §5.2), and the
// measurement the table compares them with.

/** Simultaneous GDA: eigenvalues 1 ± iη, modulus √(1+η²). */
export const gdaFactor = (eta) => Math.sqrt(1 + eta * eta);

/** Alternating GDA: determinant 1, eigenvalues on the unit circle for η < 2. */
export const alternatingFactor = () => 1;

/** Extragradient: a scaled rotation of modulus √(1 − η² + η⁴). */
export const extragradientFactor = (eta) => Math.sqrt(1 - eta * eta + eta ** 4);

/** OGDA and extrapolation from the past: largest |λ| of λ² − (1 − 2iη)λ − iη = 0, i.e. (1 − 2iη ± √(1 − 4η²))/2. */
export function ogdaFactor(eta) {
  const d = 1 - 4 * eta * eta;
  const roots = d >= 0 ? [[(1 + Math.sqrt(d)) / 2, -eta], [(1 - Math.sqrt(d)) / 2, -eta]] : [[0.5, -eta + Math.sqrt(-d) / 2], [0.5, -eta - Math.sqrt(-d) / 2]];
  return Math.max(...roots.map(([re, im]) => Math.hypot(re, im)));
}

/**
 * (‖z_t1‖/‖z_t0‖)^{1/(t1 − t0)}. At OGDA's double root (η = 1/2) ‖z_t‖ ∝ (t + 1)·ρ^t, so with
 * `jordan` the norms are divided by t + 1 first (the plain ratio is then 0.7120, not 0.7071).
 */
export function measuredFactor(size0, size1, t0, t1, jordan = false) {
  return jordan ? (size1 / (t1 + 1) / (size0 / (t0 + 1))) ** (1 / (t1 - t0)) : (size1 / size0) ** (1 / (t1 - t0));
}
