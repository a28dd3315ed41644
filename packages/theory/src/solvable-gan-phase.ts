import { requireFiniteArray, requirePositive } from './internal/validate.js';
import { phaseOf } from './internal/phase-of.js';
import { resolveSolvableGanSetting } from './internal/resolve-setting.js';
import type { SolvableGanSetting } from './solvable-gan-setting.js';

/**
 * Where a run of Model M ends: every feature recovered with q → 0 (`success`); q never
 * settles (`oscillation`, noise too weak); some features recovered and the rest never picked
 * up (`mode-collapse`, Wang, Hu and Lu's "only the first feature is estimated"); none picked up
 * (`failure`, noise too strong).
 *
 * @example
 * ```ts
 * const phase: SolvableGanPhase = predictSolvableGanPhase(solvableGanFigure1Setting(1)).phase; // 'oscillation'
 * ```
 */
export type SolvableGanPhase = 'success' | 'oscillation' | 'mode-collapse' | 'failure';

/**
 * The per-feature outcome of the linear analysis of papers §3.6.
 *
 * @example
 * ```ts
 * const outcomes: SolvableGanFeatureOutcome[] = predictSolvableGanPhase(solvableGanFigure1Setting(4)).features;
 * // ['recovered', 'not-recovered']: only the first feature is estimated
 * ```
 */
export type SolvableGanFeatureOutcome = 'recovered' | 'oscillating' | 'not-recovered';

/**
 * The noise levels at which feature i changes phase (equal noise η_T = η_G = η, Λ̃ = Λ).
 *
 * @example
 * ```ts
 * const [first]: SolvableGanFeatureBoundaries[] = solvableGanPhaseBoundaries({ lambda: [5], tau: 0.2, tauTilde: 0.04 });
 * // success for feature 1 when first.oscillationBelow < η < first.failureAbove
 * ```
 */
export interface SolvableGanFeatureBoundaries {
  /** √(τ̃λ_i / (2τ²)): below it the recovered state spirals outwards (oscillation). */
  readonly oscillationBelow: number;
  /** √(λ_i / τ): above it feature i is never picked up (failure). */
  readonly failureAbove: number;
}

/**
 * The phase boundaries of papers §3.6 for equal noise η_T = η_G = η and Λ̃ = Λ, one entry per
 * feature. With κ₀ = (τ²/2)(η_T² + η_G²) = τ²η²:
 * - an uninformed start picks feature i up iff τλ_i > κ₀, i.e. η < √(λ_i/τ);
 * - the recovered state (P_ii ≈ 1, q_i = r_i = 0) is stable iff τ̃λ_i < 2κ₀, i.e.
 *   η > √(τ̃λ_i / (2τ²)); its (q_i, r_i) linearisation has trace −2κ₀ + τ̃λ_i and
 *   determinant κ₀(κ₀ − τ̃λ_i) + ττ̃λ_i² > 0.
 * Success for feature i is the window √(τ̃λ_i/(2τ²)) < η < √(λ_i/τ).
 *
 * @example
 * ```ts
 * solvableGanPhaseBoundaries({ lambda: [5], tau: 0.2, tauTilde: 0.04 });
 * // [{ oscillationBelow: 1.5811, failureAbove: 5 }]
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanPhaseBoundaries(params: {
  readonly lambda: readonly number[];
  readonly tau: number;
  readonly tauTilde: number;
}): SolvableGanFeatureBoundaries[] {
  const { lambda, tau, tauTilde } = params;
  requireFiniteArray(lambda, 'lambda');
  lambda.forEach((l, i) => requirePositive(l, `lambda[${i}]`));
  requirePositive(tau, 'tau');
  requirePositive(tauTilde, 'tauTilde');
  return lambda.map((l) => ({ oscillationBelow: Math.sqrt((tauTilde * l) / (2 * tau * tau)), failureAbove: Math.sqrt(l / tau) }));
}

/**
 * What the linear analysis predicts for one setting.
 *
 * @example
 * ```ts
 * const prediction: SolvableGanPhasePrediction = predictSolvableGanPhase(solvableGanFigure1Setting(2));
 * console.log(prediction.phase, prediction.features); // 'success' ['recovered', 'recovered']
 * ```
 */
export interface SolvableGanPhasePrediction {
  readonly phase: SolvableGanPhase;
  /** One outcome per feature. */
  readonly features: SolvableGanFeatureOutcome[];
}

/**
 * Predicts the phase of a setting from the linear analysis of papers §3.6, feature by feature
 * (the features are treated as decoupled, as in the paper's analysis). With
 * κ₀ = (τ²/2)(η_T² + η_G²): feature i is picked up iff τλ_i > κ₀; once recovered (P_ii = 1)
 * its (q_i, r_i) Jacobian is [[τλ_i − κ₀, −τλ̃_i], [τλ_i, −τλ̃_i − κ₀ + τ̃λ̃_i]], and it settles iff
 * the trace is < 0 and the determinant > 0 (for Λ̃ = Λ: τ̃λ_i < 2κ₀); otherwise it oscillates.
 * The run oscillates if any picked-up feature does.
 *
 * @example
 * ```ts
 * predictSolvableGanPhase(solvableGanFigure1Setting(4));
 * // { phase: 'mode-collapse', features: ['recovered', 'not-recovered'] }
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function predictSolvableGanPhase(setting: SolvableGanSetting): SolvableGanPhasePrediction {
  const { lambda, lambdaTilde, tau, tauTilde, etaT, etaG } = resolveSolvableGanSetting(setting);
  const kappa0 = ((tau * tau) / 2) * (etaT * etaT + etaG * etaG);
  const features = lambda.map((l, i): SolvableGanFeatureOutcome => {
    const lt = lambdaTilde[i] as number;
    if (!(tau * l > kappa0)) return 'not-recovered';
    const a = tau * l - kappa0;
    const d = -tau * lt - kappa0 + tauTilde * lt;
    const stable = a + d < 0 && a * d + tau * tau * l * lt > 0;
    return stable ? 'recovered' : 'oscillating';
  });
  return { phase: phaseOf(features), features };
}
