import { requireFiniteArray, requireNonNegative } from './internal/validate.js';
import type { OrderParameters, SolvableGanSetting } from './solvable-gan-setting.js';

/**
 * The objective of Model M in closed form (papers §3.2):
 * L(V, w) = E_y[½(wᵀy)²] − E_ỹ[½(wᵀỹ)²] = ½(qᵀΛq + η_T − rᵀΛ̃r − η_G), with q = Uᵀw and
 * r = Vᵀw. The discriminator ascends L, the generator descends it.
 *
 * @example
 * ```ts
 * solvableGanLoss({ lambda: [5, 3], etaT: 2, etaG: 2 }, { q: [0.1, 0.1], r: [0.01, 0.01] });
 * // ½(5·0.01 + 3·0.01 − 5·1e-4 − 3·1e-4) = 0.0396
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function solvableGanLoss(
  setting: Pick<SolvableGanSetting, 'lambda' | 'lambdaTilde' | 'etaT' | 'etaG'>,
  state: Pick<OrderParameters, 'q' | 'r'>,
): number {
  const { lambda, etaT, etaG } = setting;
  const lambdaTilde = setting.lambdaTilde ?? lambda;
  requireFiniteArray(lambda, 'lambda');
  requireFiniteArray(lambdaTilde, 'lambdaTilde', lambda.length);
  requireNonNegative(etaT, 'etaT');
  requireNonNegative(etaG, 'etaG');
  requireFiniteArray(state.q, 'q', lambda.length);
  requireFiniteArray(state.r, 'r', lambda.length);
  let value = etaT - etaG;
  lambda.forEach((l, i) => {
    value += l * (state.q[i] as number) ** 2 - (lambdaTilde[i] as number) * (state.r[i] as number) ** 2;
  });
  return value / 2;
}
