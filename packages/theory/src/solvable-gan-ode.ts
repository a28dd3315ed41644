import { integrateDormandPrince } from './internal/dormand-prince.js';
import { offsets, packOrderParameters, trajectoryRecorder, unpackOrderParameters } from './internal/order-parameter-vector.js';
import { sampleTimes } from './internal/sample-times.js';
import { requireInteger, requirePositive } from './internal/validate.js';
import { resolveSolvableGanSetting, type ResolvedSolvableGanSetting } from './internal/resolve-setting.js';
import {
  solvableGanInitialOrderParameters,
  type OrderParameters,
  type SolvableGanSetting,
  type SolvableGanTrajectory,
} from './solvable-gan-setting.js';

/**
 * How far and how finely to integrate.
 *
 * @example
 * ```ts
 * const options: SolvableGanOdeOptions = { T: 200, sampleEvery: 1, rtol: 1e-6 };
 * const run = integrateSolvableGanOde(solvableGanFigure1Setting(2), options);
 * ```
 */
export interface SolvableGanOdeOptions {
  /** The horizon T (time units; one unit is n simulator steps). */
  readonly T: number;
  /** Spacing of the recorded samples (default 0.25, as in papers §3.8). */
  readonly sampleEvery?: number;
  /** Relative tolerance of the Dormand–Prince error control (default 1e-8, the reference's). */
  readonly rtol?: number;
  /** Absolute tolerance (default 1e-10). */
  readonly atol?: number;
  /** Upper bound on integrator steps (default 10⁷). */
  readonly maxSteps?: number;
}

/**
 * The ODE solution with the integrator's cost.
 *
 * @example
 * ```ts
 * const run: SolvableGanOdeResult = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 100 });
 * console.log(run.t.length, run.steps, run.rejectedSteps); // samples, accepted and rejected Dormand–Prince steps
 * ```
 */
export interface SolvableGanOdeResult extends SolvableGanTrajectory {
  /** Accepted Dormand–Prince steps. */
  readonly steps: number;
  /** Rejected step attempts. */
  readonly rejectedSteps: number;
}

/**
 * The right-hand side of the limiting ODE of Model M (papers §3.5), with
 * A = qᵀΛq + η_T, B = rᵀΛ̃r + η_G, κ = (τ²/2)(η_T A + η_G B), δ = qᵀΛq − rᵀΛ̃r and
 * D_r = diag(λ̃_ℓ r_ℓ²):
 *
 *     dq/dt = τ[Λq − PΛ̃r − δq] − κq
 *     dr/dt = τ[PᵀΛq − SΛ̃r − δr] − κr + τ̃[Λ̃r − D_r r]
 *     dP/dt = τ̃[q(Λ̃r)ᵀ − P D_r]
 *     dS/dt = τ̃[(Λ̃r)rᵀ + r(Λ̃r)ᵀ − S D_r − D_r S]
 *
 * κ is the Itô term of the sphere projection of w; the generator's rank-one step has none.
 *
 * @example
 * ```ts
 * const setting = solvableGanFigure1Setting(2);
 * const rates = solvableGanDerivatives(setting, solvableGanInitialOrderParameters(setting));
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanDerivatives(setting: SolvableGanSetting, state: OrderParameters): OrderParameters {
  const resolved = resolveSolvableGanSetting(setting);
  const y = packOrderParameters(state);
  const dydt = new Float64Array(y.length);
  derivatives(resolved)(0, y, dydt);
  return unpackOrderParameters(dydt, resolved.d);
}

/**
 * Integrates the limiting ODE of Model M (papers §3.5) from the §3.8 initial state with the
 * adaptive Dormand–Prince 5(4) method (RK45 with error control) and samples P, q, r, S every
 * `sampleEvery` time units up to T.
 *
 * @example
 * ```ts
 * const ode = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 40, sampleEvery: 10 });
 * ode.P.map((P) => P[0][0]); // P11 at t = 0, 10, 20, 30, 40: 0.1, 0.1726, 0.3520, 0.6485, 0.9081
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 * @see Dormand and Prince, "A family of embedded Runge–Kutta formulae", 1980
 */
export function integrateSolvableGanOde(setting: SolvableGanSetting, options: SolvableGanOdeOptions): SolvableGanOdeResult {
  const resolved = resolveSolvableGanSetting(setting);
  const { T, sampleEvery = 0.25, rtol = 1e-8, atol = 1e-10, maxSteps = 10_000_000 } = options;
  requirePositive(T, 'T', 'pass the horizon in time units, e.g. 40');
  requirePositive(sampleEvery, 'sampleEvery');
  requirePositive(rtol, 'rtol');
  requirePositive(atol, 'atol');
  requireInteger(maxSteps, 'maxSteps', 1);
  const times = sampleTimes(T, sampleEvery);
  const y0 = packOrderParameters(solvableGanInitialOrderParameters(resolved));
  const { states, steps, rejected } = integrateDormandPrince(derivatives(resolved), y0, times, { rtol, atol, maxSteps });
  const { trajectory, push } = trajectoryRecorder();
  states.forEach((y, j) => push(times[j] as number, unpackOrderParameters(y, resolved.d)));
  return { ...trajectory, steps, rejectedSteps: rejected };
}

/** The packed right-hand side (layout of `order-parameter-vector.ts`). */
function derivatives(setting: ResolvedSolvableGanSetting) {
  const { d, lambda, lambdaTilde, tau, tauTilde, etaT, etaG } = setting;
  const o = offsets(d);
  const lr = new Float64Array(d);
  return (_t: number, y: Float64Array, dydt: Float64Array): void => {
    let qLq = 0;
    let rLr = 0;
    for (let l = 0; l < d; l++) {
      const q = y[o.q + l] as number;
      const r = y[o.r + l] as number;
      qLq += (lambda[l] as number) * q * q;
      rLr += (lambdaTilde[l] as number) * r * r;
      lr[l] = (lambdaTilde[l] as number) * r;
    }
    const kappa = ((tau * tau) / 2) * (etaT * (qLq + etaT) + etaG * (rLr + etaG));
    const delta = qLq - rLr;
    for (let i = 0; i < d; i++) {
      const q = y[o.q + i] as number;
      let pLr = 0;
      for (let l = 0; l < d; l++) pLr += (y[o.P + i * d + l] as number) * (lr[l] as number);
      dydt[o.q + i] = tau * ((lambda[i] as number) * q - pLr - delta * q) - kappa * q;
    }
    for (let l = 0; l < d; l++) {
      const r = y[o.r + l] as number;
      let pLq = 0;
      let sLr = 0;
      for (let i = 0; i < d; i++) {
        pLq += (y[o.P + i * d + l] as number) * (lambda[i] as number) * (y[o.q + i] as number);
        sLr += (y[o.S + l * d + i] as number) * (lr[i] as number);
      }
      const lrl = lr[l] as number;
      dydt[o.r + l] = tau * (pLq - sLr - delta * r) - kappa * r + tauTilde * lrl * (1 - r * r);
      // D_r has entries λ̃_ℓ r_ℓ² = lr_ℓ·r_ℓ.
      for (let i = 0; i < d; i++) {
        dydt[o.P + i * d + l] = tauTilde * lrl * ((y[o.q + i] as number) - (y[o.P + i * d + l] as number) * r);
      }
      for (let m = 0; m < d; m++) {
        const rm = y[o.r + m] as number;
        const lrm = lr[m] as number;
        dydt[o.S + l * d + m] = tauTilde * (lrl * rm + lrm * r - (y[o.S + l * d + m] as number) * (lrm * rm + lrl * r));
      }
    }
  };
}
