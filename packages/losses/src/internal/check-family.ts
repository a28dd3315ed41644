import { SaddleError } from '@saddle/core';
import type { GeneratorObjective } from '../generator-objective.js';

/** Checks a family constructor's options: a non-empty name, h functions, a generator objective. */
export function checkFamilyOptions(options: {
  readonly name: unknown;
  readonly functions: Readonly<Record<string, unknown>>;
  readonly generatorObjective: GeneratorObjective;
}): void {
  const { name, functions, generatorObjective } = options;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new SaddleError('a loss needs a name', {
      code: 'INVALID_ARGUMENT', field: 'name', value: name, fix: "pass a non-empty string such as 'my-loss' (used in logs and registries)",
    });
  }
  for (const [field, h] of Object.entries(functions)) {
    if (typeof h !== 'function') {
      throw new SaddleError('must be an h function', {
        code: 'INVALID_ARGUMENT', field, value: typeof h, fix: 'pass (t: tf.Tensor) => tf.Tensor, e.g. logSigmoid',
      });
    }
  }
  const objective: unknown = generatorObjective;
  if (objective !== 'minimax' && objective !== 'non-saturating' && typeof objective !== 'function') {
    throw new SaddleError('unknown generator objective', {
      code: 'INVALID_ARGUMENT', field: 'generatorObjective', value: objective,
      fix: "pass 'minimax', 'non-saturating' or a function g (L_G = −mean g(u))",
    });
  }
}
