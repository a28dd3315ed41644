import { initialVectors, orderParametersOf, simulationSchedule } from './internal/copy-model-vectors.js';
import { trajectoryRecorder } from './internal/order-parameter-vector.js';
import { createRandomStream } from './internal/random-stream.js';
import { resolveSolvableGanSetting } from './internal/resolve-setting.js';
import type { SolvableGanSetting } from './solvable-gan-setting.js';
import type { SolvableGanSimulation, SolvableGanSimulationOptions } from './solvable-gan-simulator.js';

/** A residual below this (relative to a unit vector) adds no basis direction. */
const DEPENDENT_BELOW = 1e-12;

/**
 * Simulates the same online training as `simulateSolvableGan` (papers §3.3), exactly in law,
 * in O(d²) per step instead of O(n·d), by tracking the vectors only inside their span
 * E = span(U, V, w) (dimension m ≤ 2d + 1).
 *
 * Why it is exact: split the noise as a = E a_E + a_⊥. Then α = wᵀy and β = wᵀỹ see only
 * a_E, ã_E (w ∈ E), the generator step V' = V + ε̃βwc̃ᵀ stays in E, and the discriminator step
 * leaves E only through ε(α√η_T a_⊥ − β√η_G ã_⊥), an isotropic Gaussian in the
 * (n − m)-dimensional complement with per-axis variance α²η_T + β²η_G, independent of
 * everything else given α, β. Its direction is new and only its length
 * ε·√((α²η_T + β²η_G)·χ²_{n−m}) enters any inner product. So each step draws c, c̃ (d each),
 * a_E, ã_E (m each) and one χ²_{n−m}, appends the new axis, normalises, and re-orthonormalises
 * the span (Gram–Schmidt, twice) back to ≤ 2d + 1 axes. The order parameters (P, q, r, S)
 * have exactly the law of the full simulation's, for any n ≥ 2d + 1.
 *
 * n = 10⁴, T = 400 (4·10⁶ steps) takes a few seconds on one core.
 *
 * @example
 * ```ts
 * const sim = simulateSolvableGanReduced(solvableGanFigure1Setting(2), { n: 10_000, T: 400, rng: createRng(3) });
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function simulateSolvableGanReduced(setting: SolvableGanSetting, options: SolvableGanSimulationOptions): SolvableGanSimulation {
  const resolved = resolveSolvableGanSetting(setting);
  const { d, lambda, lambdaTilde, tau, tauTilde, etaT, etaG } = resolved;
  const { n, rng } = options;
  const { steps, stride } = simulationSchedule(options, d);
  const random = createRandomStream(rng);
  // Axes 0..d−1 are U; at most d + 1 more span the rest of E; one more holds the new direction.
  const capacity = 2 * d + 2;
  const vectors = initialVectors(resolved, capacity);
  const { w, V } = vectors;
  let m = 2 * d + 1;
  const eps = tau / n;
  const epsTilde = tauTilde / n;
  const sqrtEtaT = Math.sqrt(etaT);
  const sqrtEtaG = Math.sqrt(etaG);
  const sqrtLambda = lambda.map(Math.sqrt);
  const sqrtLambdaTilde = lambdaTilde.map(Math.sqrt);
  const cTilde = new Float64Array(d);
  const y = new Float64Array(capacity);
  const yTilde = new Float64Array(capacity);
  const all = [...V, w];
  const basis = Array.from({ length: d + 1 }, () => new Float64Array(capacity));
  const coords = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));

  const { trajectory, push } = trajectoryRecorder();
  let maxNormDeviation = 0;
  const record = (k: number) => {
    const { state, normDeviation } = orderParametersOf(vectors, d, capacity);
    push(k / n, state);
    maxNormDeviation = Math.max(maxNormDeviation, normDeviation);
  };
  record(0);

  for (let k = 1; k <= steps; k++) {
    for (let j = 0; j < m; j++) {
      y[j] = sqrtEtaT * random.normal() + (j < d ? (sqrtLambda[j] as number) * random.normal() : 0);
      yTilde[j] = sqrtEtaG * random.normal();
    }
    for (let l = 0; l < d; l++) cTilde[l] = (sqrtLambdaTilde[l] as number) * random.normal();
    let alpha = 0;
    let beta = 0;
    for (let j = 0; j < m; j++) {
      let yt = yTilde[j] as number;
      for (let l = 0; l < d; l++) yt += ((V[l] as Float64Array)[j] as number) * (cTilde[l] as number);
      yTilde[j] = yt;
      alpha += (w[j] as number) * (y[j] as number);
      beta += (w[j] as number) * yt;
    }
    for (let l = 0; l < d; l++) {
      const v = V[l] as Float64Array;
      const s = epsTilde * beta * (cTilde[l] as number);
      for (let j = 0; j < m; j++) v[j] = (v[j] as number) + s * (w[j] as number);
    }
    for (let j = 0; j < m; j++) w[j] = (w[j] as number) + eps * (alpha * (y[j] as number) - beta * (yTilde[j] as number));
    const outside = n - m;
    w[m] = outside > 0 ? eps * Math.sqrt((alpha * alpha * etaT + beta * beta * etaG) * random.chiSquare(outside)) : 0;
    for (const v of all) normalise(v, m + 1);
    m = rebase(all, basis, coords, d, m + 1);
    if (k % stride === 0 || k === steps) record(k);
  }
  return { ...trajectory, steps, maxNormDeviation };
}

function normalise(v: Float64Array, length: number): void {
  let sq = 0;
  for (let j = 0; j < length; j++) sq += (v[j] as number) ** 2;
  const f = 1 / Math.sqrt(sq);
  for (let j = 0; j < length; j++) v[j] = (v[j] as number) * f;
}

/**
 * Re-expresses `vectors` (first `length` coordinates) in an orthonormal basis of their span
 * that keeps axes 0..d−1 (the features): modified Gram–Schmidt, applied twice, on the parts
 * outside the features. Returns the new dimension m = d + (number of new axes).
 */
function rebase(vectors: Float64Array[], basis: Float64Array[], coords: Float64Array[], d: number, length: number): number {
  let count = 0;
  for (const x of vectors) {
    const b = basis[count] as Float64Array;
    b.fill(0, 0, length);
    for (let j = d; j < length; j++) b[j] = x[j] as number;
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < count; p++) {
        const e = basis[p] as Float64Array;
        let proj = 0;
        for (let j = d; j < length; j++) proj += (e[j] as number) * (b[j] as number);
        for (let j = d; j < length; j++) b[j] = (b[j] as number) - proj * (e[j] as number);
      }
    }
    let sq = 0;
    for (let j = d; j < length; j++) sq += (b[j] as number) ** 2;
    if (Math.sqrt(sq) > DEPENDENT_BELOW) {
      const f = 1 / Math.sqrt(sq);
      for (let j = d; j < length; j++) b[j] = (b[j] as number) * f;
      count++;
    }
  }
  vectors.forEach((x, i) => {
    const c = coords[i] as Float64Array;
    for (let p = 0; p < count; p++) {
      const e = basis[p] as Float64Array;
      let acc = 0;
      for (let j = d; j < length; j++) acc += (e[j] as number) * (x[j] as number);
      c[p] = acc;
    }
  });
  vectors.forEach((x, i) => {
    const c = coords[i] as Float64Array;
    for (let p = 0; p < count; p++) x[d + p] = c[p] as number;
    x.fill(0, d + count);
  });
  return d + count;
}
