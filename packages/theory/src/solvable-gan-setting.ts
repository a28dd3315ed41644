import { resolveSolvableGanSetting } from './internal/resolve-setting.js';
import { requireNonNegative } from './internal/validate.js';

/**
 * One run of Model M, the copy model of Wang, Hu and Lu (papers §3.2–3.3): real data
 * y = U c + √η_T a with E c cᵀ = Λ, fake data ỹ = V c̃ + √η_G ã with E c̃ c̃ᵀ = Λ̃, a unit
 * discriminator vector w with D(y) = ½(wᵀy)², learning rates τ (discriminator) and τ̃
 * (generator), and the initial cosines q(0) = Uᵀw(0) and P(0) = UᵀV(0).
 *
 * @example
 * ```ts
 * const setting: SolvableGanSetting = {
 *   lambda: [5, 3], tau: 0.2, tauTilde: 0.04, etaT: 2, etaG: 2,
 *   q0: [0.1, 0.1], P0: [[0.1, 0], [0, 0.1]],
 * };
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export interface SolvableGanSetting {
  /** Λ = diag(λ_1..λ_d): the strengths of the d true features; d = lambda.length. */
  readonly lambda: readonly number[];
  /** Λ̃ = diag(λ̃_1..λ̃_d): the generator's latent variances (default Λ). */
  readonly lambdaTilde?: readonly number[];
  /** τ: the discriminator's learning rate (ε = τ/n per step). */
  readonly tau: number;
  /** τ̃: the generator's learning rate (ε̃ = τ̃/n per step). */
  readonly tauTilde: number;
  /** η_T: the variance of the real data's background noise. */
  readonly etaT: number;
  /** η_G: the variance of the generator's background noise. */
  readonly etaG: number;
  /** q(0) = Uᵀw(0), the initial cosines between the features and w (‖q(0)‖ ≤ 1). */
  readonly q0: readonly number[];
  /** P(0) = UᵀV(0), d×d, P[i][ℓ] = cos(u_i, v_ℓ) (each column's norm ≤ 1). */
  readonly P0: readonly (readonly number[])[];
}

/**
 * The macroscopic state of Model M (papers §3.4): P = UᵀV, q = Uᵀw, r = Vᵀw, S = VᵀV
 * (diag S ≡ 1, ‖w‖ ≡ 1). Flipping w flips (q, r); flipping v_ℓ flips column ℓ of P, r_ℓ and
 * row and column ℓ of S.
 *
 * @example
 * ```ts
 * const start: OrderParameters = solvableGanInitialOrderParameters(solvableGanFigure1Setting(2));
 * const rate = solvableGanDerivatives(solvableGanFigure1Setting(2), start); // dP/dt, dq/dt, dr/dt, dS/dt at t = 0
 * ```
 */
export interface OrderParameters {
  /** P[i][ℓ] = cos(u_i, v_ℓ), d×d. */
  readonly P: number[][];
  /** q[i] = cos(u_i, w). */
  readonly q: number[];
  /** r[ℓ] = cos(v_ℓ, w). */
  readonly r: number[];
  /** S[ℓ][m] = cos(v_ℓ, v_m), d×d with unit diagonal. */
  readonly S: number[][];
}

/**
 * Order parameters sampled over time: entry j of every array belongs to time t[j]. Plain
 * arrays, so a trajectory is JSON as it stands.
 *
 * @example
 * ```ts
 * const run: SolvableGanTrajectory = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 100 });
 * const p11 = run.P.map((P) => P[0]?.[0]); // cos(u_1, v_1) at each recorded time run.t
 * ```
 */
export interface SolvableGanTrajectory {
  /** Times t = k/n (k the step). */
  readonly t: number[];
  readonly P: number[][][];
  readonly q: number[][];
  readonly r: number[][];
  readonly S: number[][][];
}

/**
 * The order parameters at t = 0 for the construction of papers §3.8: U = [e_1..e_d],
 * w = Σ_i q_i e_i + √(1 − ‖q‖²) e_{d+1}, v_ℓ = Σ_i P_{iℓ} e_i + √(1 − ‖P_{:ℓ}‖²) e_{d+1+ℓ}.
 * Hence r(0) = P(0)ᵀq(0), and S(0) = P(0)ᵀP(0) off the diagonal and 1 on it.
 *
 * @example
 * ```ts
 * const { r, S } = solvableGanInitialOrderParameters(solvableGanFigure1Setting(2));
 * // r = [0.01, 0.01], S = [[1, 0], [0, 1]]
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanInitialOrderParameters(setting: SolvableGanSetting): OrderParameters {
  const { d, q0, P0 } = resolveSolvableGanSetting(setting);
  const P = P0.map((row) => [...row]);
  const q = [...q0];
  const r = Array.from({ length: d }, (_, l) => P.reduce((acc, row, i) => acc + (row[l] as number) * (q[i] as number), 0));
  const S = Array.from({ length: d }, (_, l) =>
    Array.from({ length: d }, (_, m) => (l === m ? 1 : P.reduce((acc, row) => acc + (row[l] as number) * (row[m] as number), 0))),
  );
  return { P, q, r, S };
}

/**
 * The two-feature setting of papers §3.7 that reproduces the three panels of Wang, Hu and Lu's
 * Fig. 1: Λ = Λ̃ = diag(5, 3), τ = 0.2, τ̃ = 0.04, q(0) = (0.1, 0.1), P(0) = 0.1·I and
 * η_T = η_G = η. η = 2 succeeds, η = 1 oscillates, η = 4 recovers only the first feature.
 * (The parameter values are ours, consistent with the follow-up's `training.py`; the paper's
 * own values are not known.)
 *
 * @example
 * ```ts
 * const run = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 150 });
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanFigure1Setting(eta: number): SolvableGanSetting {
  requireNonNegative(eta, 'eta', 'pass the noise variance η >= 0, e.g. 2, 1 or 4');
  return { lambda: [5, 3], tau: 0.2, tauTilde: 0.04, etaT: eta, etaG: eta, q0: [0.1, 0.1], P0: [[0.1, 0], [0, 0.1]] };
}
