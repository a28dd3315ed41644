import { initialVectors, orderParametersOf, simulationSchedule, type SimulationOptions } from './internal/copy-model-vectors.js';
import { trajectoryRecorder } from './internal/order-parameter-vector.js';
import { createRandomStream } from './internal/random-stream.js';
import { resolveSolvableGanSetting } from './internal/resolve-setting.js';
import type { SolvableGanSetting, SolvableGanTrajectory } from './solvable-gan-setting.js';

/**
 * How large and how long a simulation is, and its key.
 *
 * @example
 * ```ts
 * const options: SolvableGanSimulationOptions = { n: 1000, T: 40, rng: createRng(0) };
 * const sim = simulateSolvableGanReduced(solvableGanFigure1Setting(2), options);
 * ```
 */
export type SolvableGanSimulationOptions = SimulationOptions;

/**
 * A simulated trajectory with its cost and a check of the unit-norm constraints.
 *
 * @example
 * ```ts
 * const sim: SolvableGanSimulation = simulateSolvableGan(solvableGanFigure1Setting(2), { n: 500, T: 10, rng: createRng(0) });
 * console.log(sim.steps, sim.maxNormDeviation); // 5000 steps, and how far ‖w‖, ‖v_ℓ‖ strayed from 1
 * ```
 */
export interface SolvableGanSimulation extends SolvableGanTrajectory {
  /** Steps taken: round(n·T). */
  readonly steps: number;
  /** max over recorded samples of |‖w‖ − 1| and |‖v_ℓ‖ − 1| (record every step to check every step). */
  readonly maxNormDeviation: number;
}

/**
 * Simulates the online training of Model M (papers §3.3) with the full n-dimensional vectors,
 * from the §3.8 initial state. Each step draws c ~ N(0, Λ), a ~ N(0, I_n), c̃ ~ N(0, Λ̃),
 * ã ~ N(0, I_n), forms y = Uc + √η_T a and ỹ = Vc̃ + √η_G ã, α = wᵀy, β = wᵀỹ, and updates
 * with the old w and V on the right:
 *
 *     V' = V + ε̃ β w c̃ᵀ,   w' = w + ε(αy − βỹ),   w ← w'/‖w'‖,   v_ℓ ← v'_ℓ/‖v'_ℓ‖
 *
 * with ε = τ/n, ε̃ = τ̃/n; time is t = k/n. A step costs O(n·d) (2n normals), so n·T steps
 * cost O(n²·d·T): n = 1000, T = 40 takes about 2 s, while n = 10⁴, T = 400 would take over an
 * hour. For large n use `simulateSolvableGanReduced`, which draws the order parameters from the
 * same law in O(d²) per step.
 *
 * @example
 * ```ts
 * const sim = simulateSolvableGan(solvableGanFigure1Setting(2), { n: 500, T: 40, rng: createRng(0) });
 * sim.P.map((P) => P[0][0]); // P11 every 0.25 time units; it strays from the ODE by O(n^{-1/2})
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function simulateSolvableGan(setting: SolvableGanSetting, options: SolvableGanSimulationOptions): SolvableGanSimulation {
  const resolved = resolveSolvableGanSetting(setting);
  const { d, lambda, lambdaTilde, tau, tauTilde, etaT, etaG } = resolved;
  const { n, rng } = options;
  const { steps, stride } = simulationSchedule(options, d);
  const random = createRandomStream(rng);
  const vectors = initialVectors(resolved, n);
  const { w, V } = vectors;
  const eps = tau / n;
  const epsTilde = tauTilde / n;
  const sqrtEtaT = Math.sqrt(etaT);
  const sqrtEtaG = Math.sqrt(etaG);
  const sqrtLambda = lambda.map(Math.sqrt);
  const sqrtLambdaTilde = lambdaTilde.map(Math.sqrt);
  const c = new Float64Array(d);
  const cTilde = new Float64Array(d);
  const y = new Float64Array(n);
  const yTilde = new Float64Array(n);
  const vNorm = new Float64Array(d);

  const { trajectory, push } = trajectoryRecorder();
  let maxNormDeviation = 0;
  const record = (k: number) => {
    const { state, normDeviation } = orderParametersOf(vectors, d, n);
    push(k / n, state);
    maxNormDeviation = Math.max(maxNormDeviation, normDeviation);
  };
  record(0);

  for (let k = 1; k <= steps; k++) {
    for (let i = 0; i < d; i++) {
      c[i] = (sqrtLambda[i] as number) * random.normal();
      cTilde[i] = (sqrtLambdaTilde[i] as number) * random.normal();
    }
    let alpha = 0;
    let beta = 0;
    for (let j = 0; j < n; j++) {
      let yj = sqrtEtaT * random.normal();
      if (j < d) yj += c[j] as number;
      let yt = sqrtEtaG * random.normal();
      for (let l = 0; l < d; l++) yt += ((V[l] as Float64Array)[j] as number) * (cTilde[l] as number);
      y[j] = yj;
      yTilde[j] = yt;
      alpha += (w[j] as number) * yj;
      beta += (w[j] as number) * yt;
    }
    // V' = V + ε̃β w c̃ᵀ uses the old w, so V moves before w.
    vNorm.fill(0);
    let wNorm = 0;
    for (let l = 0; l < d; l++) {
      const v = V[l] as Float64Array;
      const scale = epsTilde * beta * (cTilde[l] as number);
      let sq = 0;
      for (let j = 0; j < n; j++) {
        const value = (v[j] as number) + scale * (w[j] as number);
        v[j] = value;
        sq += value * value;
      }
      vNorm[l] = Math.sqrt(sq);
    }
    for (let j = 0; j < n; j++) {
      const value = (w[j] as number) + eps * (alpha * (y[j] as number) - beta * (yTilde[j] as number));
      w[j] = value;
      wNorm += value * value;
    }
    scale(w, 1 / Math.sqrt(wNorm));
    V.forEach((v, l) => scale(v, 1 / (vNorm[l] as number)));
    if (k % stride === 0 || k === steps) record(k);
  }
  return { ...trajectory, steps, maxNormDeviation };
}

function scale(v: Float64Array, factor: number): void {
  for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) * factor;
}
