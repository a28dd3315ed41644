import { SaddleError } from '@saddle/core';
import type { SolvableGanSetting } from '../solvable-gan-setting.js';
import { requireFiniteArray, requireNonNegative, requirePositive } from './validate.js';

/** A validated setting with Λ̃ filled in. */
export interface ResolvedSolvableGanSetting extends SolvableGanSetting {
  readonly lambdaTilde: readonly number[];
  /** The number of features d. */
  readonly d: number;
}

/** Checks a setting and fills Λ̃ = Λ when it is left out. */
export function resolveSolvableGanSetting(setting: SolvableGanSetting): ResolvedSolvableGanSetting {
  requireFiniteArray(setting.lambda, 'lambda');
  const d = setting.lambda.length;
  setting.lambda.forEach((l, i) => requirePositive(l, `lambda[${i}]`, 'feature strengths λ_i must be > 0'));
  const lambdaTilde = setting.lambdaTilde ?? setting.lambda;
  requireFiniteArray(lambdaTilde, 'lambdaTilde', d);
  lambdaTilde.forEach((l, i) => requirePositive(l, `lambdaTilde[${i}]`, 'generator variances λ̃_ℓ must be > 0'));
  requirePositive(setting.tau, 'tau');
  requireNonNegative(setting.tauTilde, 'tauTilde');
  requireNonNegative(setting.etaT, 'etaT', 'pass the noise variance η_T >= 0');
  requireNonNegative(setting.etaG, 'etaG', 'pass the noise variance η_G >= 0');
  requireFiniteArray(setting.q0, 'q0', d);
  if (norm(setting.q0) > 1 + 1e-12) {
    throw new SaddleError('q0 holds cosines of one unit vector with orthonormal features, so ‖q0‖ <= 1', {
      code: 'INVALID_ARGUMENT', field: 'q0', value: setting.q0, fix: 'scale q0 down to norm <= 1',
    });
  }
  if (!Array.isArray(setting.P0) || setting.P0.length !== d) {
    throw new SaddleError(`P0 must be ${d}×${d}`, { code: 'SHAPE_MISMATCH', field: 'P0', value: setting.P0, fix: `pass ${d} rows of ${d} numbers` });
  }
  setting.P0.forEach((row, i) => requireFiniteArray(row, `P0[${i}]`, d));
  for (let l = 0; l < d; l++) {
    if (norm(setting.P0.map((row) => row[l] as number)) > 1 + 1e-12) {
      throw new SaddleError(`column ${l} of P0 holds cosines of one unit vector, so its norm must be <= 1`, {
        code: 'INVALID_ARGUMENT', field: `P0[*][${l}]`, value: setting.P0.map((row) => row[l]), fix: 'scale the column down to norm <= 1',
      });
    }
  }
  return { ...setting, lambdaTilde, d };
}

function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
}
