import type { Rng } from '@saddle/core';
import type { OrderParameters } from '../solvable-gan-setting.js';
import type { ResolvedSolvableGanSetting } from './resolve-setting.js';
import { requireInteger, requirePositive } from './validate.js';

/**
 * The microscopic state of Model M in coordinates whose first d axes are the features
 * (U = [e_1..e_d]): the discriminator vector w and the generator's columns v_ℓ.
 */
export interface CopyModelVectors {
  readonly w: Float64Array;
  readonly V: Float64Array[];
}

/** Options shared by both simulators. */
export interface SimulationOptions {
  /** The ambient dimension n (≥ 2d + 1). */
  readonly n: number;
  /** The horizon in time units: round(n·T) steps. */
  readonly T: number;
  /** Spacing of the recorded samples, rounded to whole steps (default 0.25 = n/4 steps). */
  readonly sampleEvery?: number;
  /** The key all draws derive from. */
  readonly rng: Rng;
}

/** Step counts derived from validated options. */
export function simulationSchedule(options: SimulationOptions, d: number): { steps: number; stride: number } {
  const { n, T, sampleEvery = 0.25 } = options;
  requireInteger(n, 'n', 2 * d + 1, `pass n >= 2d + 1 = ${2 * d + 1} (the §3.8 construction needs d + 1 + d axes)`);
  requirePositive(T, 'T', 'pass the horizon in time units, e.g. 40');
  requirePositive(sampleEvery, 'sampleEvery');
  return { steps: Math.round(n * T), stride: Math.max(1, Math.round(sampleEvery * n)) };
}

/**
 * The initial vectors of papers §3.8 in coordinates of length `length` ≥ 2d + 1:
 * w = Σ_i q_i e_i + √(1 − ‖q‖²) e_{d+1}, v_ℓ = Σ_i P_{iℓ} e_i + √(1 − ‖P_{:ℓ}‖²) e_{d+1+ℓ}
 * (0-based: axes 0..d−1 are the features, axis d is w's, axis d+1+ℓ is v_ℓ's).
 */
export function initialVectors(setting: ResolvedSolvableGanSetting, length: number): CopyModelVectors {
  const { d, q0, P0 } = setting;
  const w = new Float64Array(length);
  q0.forEach((qi, i) => (w[i] = qi));
  w[d] = Math.sqrt(Math.max(0, 1 - q0.reduce((acc, x) => acc + x * x, 0)));
  const V = Array.from({ length: d }, (_, l) => {
    const v = new Float64Array(length);
    let sq = 0;
    for (let i = 0; i < d; i++) {
      const p = (P0[i] as readonly number[])[l] as number;
      v[i] = p;
      sq += p * p;
    }
    v[d + 1 + l] = Math.sqrt(Math.max(0, 1 - sq));
    return v;
  });
  return { w, V };
}

/** P, q, r, S from the vectors (first `length` coordinates), and the worst unit-norm error. */
export function orderParametersOf({ w, V }: CopyModelVectors, d: number, length: number): { state: OrderParameters; normDeviation: number } {
  const dot = (a: Float64Array, b: Float64Array) => {
    let acc = 0;
    for (let j = 0; j < length; j++) acc += (a[j] as number) * (b[j] as number);
    return acc;
  };
  const P = Array.from({ length: d }, (_, i) => V.map((v) => v[i] as number));
  const q = Array.from(w.subarray(0, d));
  const r = V.map((v) => dot(v, w));
  const S = V.map((v) => V.map((u) => dot(v, u)));
  let normDeviation = Math.abs(Math.sqrt(dot(w, w)) - 1);
  S.forEach((row, l) => (normDeviation = Math.max(normDeviation, Math.abs(Math.sqrt(row[l] as number) - 1))));
  return { state: { P, q, r, S }, normDeviation };
}
