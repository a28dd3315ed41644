import { SaddleError } from '@saddle/core';
import { requireFiniteArray, requireNonNegative, requirePositive } from './internal/validate.js';
import { integrateSolvableGanOde } from './solvable-gan-ode.js';
import { phaseOf } from './internal/phase-of.js';
import {
  predictSolvableGanPhase,
  solvableGanPhaseBoundaries,
  type SolvableGanFeatureBoundaries,
  type SolvableGanFeatureOutcome,
  type SolvableGanPhase,
} from './solvable-gan-phase.js';
import type { SolvableGanSetting, SolvableGanTrajectory } from './solvable-gan-setting.js';

/**
 * Thresholds that turn a trajectory into a phase.
 *
 * @example
 * ```ts
 * const options: SolvableGanClassifyOptions = { settledBelow: 0.17 }; // a finite-n simulation at n = 1000
 * classifySolvableGanRun(simulateSolvableGanReduced(solvableGanFigure1Setting(2), { n: 1000, T: 200, rng: createRng(0) }), options);
 * ```
 */
export interface SolvableGanClassifyOptions {
  /** The late window is the last `lateFraction` of the samples' time span (default 0.2). */
  readonly lateFraction?: number;
  /**
   * q has settled when max_i |q_i| over the late window is below this (default 1e-2, for the
   * ODE; a finite-n simulation fluctuates by O(n^{-1/2}), e.g. 0.17 at n = 1000).
   */
  readonly settledBelow?: number;
  /** Feature i is recovered when max_ℓ |P_iℓ| grew by more than this (default 0.05). */
  readonly recoveredAbove?: number;
}

/**
 * The phase read off one trajectory, with the numbers it was read from.
 *
 * @example
 * ```ts
 * const c: SolvableGanClassification = classifySolvableGanRun(integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 1000 }));
 * console.log(c.phase, c.finalOverlap, c.lateMaxAbsQ);
 * ```
 */
export interface SolvableGanClassification {
  readonly phase: SolvableGanPhase;
  /** Per feature: recovered, not recovered, or (when q never settles) oscillating. */
  readonly features: SolvableGanFeatureOutcome[];
  /** max_ℓ |P_iℓ| at the last sample, per feature i. */
  readonly finalOverlap: number[];
  /** max_i |q_i| over the late window. */
  readonly lateMaxAbsQ: number;
}

/**
 * Reads the phase of Model M off a trajectory (ODE or simulation). Feature i counts as
 * recovered when its best overlap max_ℓ |P_iℓ| grew by more than `recoveredAbove` (a feature that
 * is never picked up keeps P at its initial value); q has settled when the late max_i |q_i| is
 * below `settledBelow`. An unsettled q marks every recovered feature as oscillating.
 *
 * @example
 * ```ts
 * classifySolvableGanRun(integrateSolvableGanOde(solvableGanFigure1Setting(4), { T: 1000 }));
 * // { phase: 'mode-collapse', features: ['recovered', 'not-recovered'], ... }
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function classifySolvableGanRun(trajectory: SolvableGanTrajectory, options: SolvableGanClassifyOptions = {}): SolvableGanClassification {
  const { lateFraction = 0.2, settledBelow = 1e-2, recoveredAbove = 0.05 } = options;
  requirePositive(lateFraction, 'lateFraction');
  requirePositive(settledBelow, 'settledBelow');
  requireNonNegative(recoveredAbove, 'recoveredAbove');
  const { t, P, q } = trajectory;
  const first = P[0];
  const last = P[P.length - 1];
  if (t.length < 2 || first === undefined || last === undefined) {
    throw new SaddleError('a trajectory needs at least two samples', {
      code: 'INVALID_ARGUMENT', field: 'trajectory.t', value: t.length, fix: 'record more samples (a smaller sampleEvery)',
    });
  }
  const t0 = t[0] as number;
  const tEnd = t[t.length - 1] as number;
  const lateFrom = tEnd - lateFraction * (tEnd - t0);
  let lateMaxAbsQ = 0;
  t.forEach((time, j) => {
    if (time >= lateFrom) for (const qi of q[j] ?? []) lateMaxAbsQ = Math.max(lateMaxAbsQ, Math.abs(qi));
  });
  const bestOverlap = (rows: number[][]) => rows.map((row) => Math.max(...row.map(Math.abs)));
  const initial = bestOverlap(first);
  const finalOverlap = bestOverlap(last);
  const settled = lateMaxAbsQ < settledBelow;
  const features = finalOverlap.map((p, i): SolvableGanFeatureOutcome => {
    if (!(p - (initial[i] as number) > recoveredAbove)) return 'not-recovered';
    return settled ? 'recovered' : 'oscillating';
  });
  return { phase: phaseOf(features), features, finalOverlap, lateMaxAbsQ };
}

/**
 * What `solvableGanPhaseDiagram` sweeps and how long each ODE run is.
 *
 * @example
 * ```ts
 * const { etaT, etaG, ...setting } = solvableGanFigure1Setting(1);
 * const options: SolvableGanPhaseDiagramOptions = { setting, etas: [0.5, 1, 2, 4, 8], T: 3000 };
 * const diagram = solvableGanPhaseDiagram(options);
 * ```
 */
export interface SolvableGanPhaseDiagramOptions extends SolvableGanClassifyOptions {
  /** Everything but the noise; each row sets η_T = η_G = η. */
  readonly setting: Omit<SolvableGanSetting, 'etaT' | 'etaG'>;
  /** The noise levels η to sweep. */
  readonly etas: readonly number[];
  /** The ODE horizon per η (papers §3.9 uses 3000: near the boundaries the decay is slow). */
  readonly T: number;
  /** Sample spacing of each run (default 0.25). */
  readonly sampleEvery?: number;
}

/**
 * One η of the sweep.
 *
 * @example
 * ```ts
 * for (const row of diagram.rows as SolvableGanPhaseDiagramRow[]) {
 *   console.log(row.eta, row.predicted, row.observed.phase); // the ODE agrees with the linear analysis away from the boundaries
 * }
 * ```
 */
export interface SolvableGanPhaseDiagramRow {
  readonly eta: number;
  /** The linear analysis's prediction (papers §3.6). */
  readonly predicted: SolvableGanPhase;
  /** What the ODE did, read by `classifySolvableGanRun`. */
  readonly observed: SolvableGanClassification;
}

/**
 * The sweep and the analytic boundaries it should agree with.
 *
 * @example
 * ```ts
 * const diagram: SolvableGanPhaseDiagram = solvableGanPhaseDiagram(options);
 * const disagreements = diagram.rows.filter((r) => r.predicted !== r.observed.phase).map((r) => r.eta);
 * ```
 */
export interface SolvableGanPhaseDiagram {
  /** Per feature, for Λ̃ = Λ (papers §3.6). */
  readonly boundaries: SolvableGanFeatureBoundaries[];
  readonly rows: SolvableGanPhaseDiagramRow[];
}

/**
 * The phase diagram of Model M along the noise axis η_T = η_G = η: for each η it integrates
 * the ODE to T, classifies the run, and sets it beside the linear prediction and the analytic
 * boundaries √(τ̃λ_i/(2τ²)) and √(λ_i/τ) of papers §3.6.
 *
 * @example
 * ```ts
 * const diagram = solvableGanPhaseDiagram({
 *   setting: { lambda: [5], tau: 0.2, tauTilde: 0.04, q0: [0.1], P0: [[0.1]] },
 *   etas: [1, 2, 6], T: 3000,
 * });
 * diagram.rows.map((r) => r.observed.phase); // ['oscillation', 'success', 'failure']
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanPhaseDiagram(options: SolvableGanPhaseDiagramOptions): SolvableGanPhaseDiagram {
  const { setting, etas, T, sampleEvery = 0.25, ...classify } = options;
  requireFiniteArray(etas, 'etas');
  etas.forEach((eta, i) => requireNonNegative(eta, `etas[${i}]`, 'pass noise variances η >= 0'));
  const boundaries = solvableGanPhaseBoundaries(setting);
  const rows = etas.map((eta) => {
    const run: SolvableGanSetting = { ...setting, etaT: eta, etaG: eta };
    return {
      eta,
      predicted: predictSolvableGanPhase(run).phase,
      observed: classifySolvableGanRun(integrateSolvableGanOde(run, { T, sampleEvery }), classify),
    };
  });
  return { boundaries, rows };
}
