import { SaddleError } from '@saddle/core';
import type { Experiment } from './experiment.js';
import { balaji2021Overparam } from './experiments/balaji2021-overparam.js';
import { fictitiousMog } from './experiments/fictitious-mog.js';
import { minmaxBilinear } from './experiments/minmax-bilinear.js';
import { sun2020FiveGaussian } from './experiments/sun2020-five-gaussian.js';
import { sun2020NarrowNets } from './experiments/sun2020-narrow-nets.js';
import { sun2020TwoCluster } from './experiments/sun2020-two-cluster.js';
import { wang2019Solvable } from './experiments/wang2019-solvable.js';

/**
 * Every experiment, in the order `saddle reproduce --list` shows them.
 *
 * @example
 * ```ts
 * import { experiments } from '@saddle/experiments';
 * for (const e of experiments) console.log(e.id, e.title);
 * ```
 */
export const experiments: readonly Experiment[] = [
  sun2020TwoCluster,
  sun2020FiveGaussian,
  sun2020NarrowNets,
  balaji2021Overparam,
  wang2019Solvable,
  minmaxBilinear,
  fictitiousMog,
];

/**
 * The experiment with this id; refuses an unknown id, naming the allowed ones.
 *
 * @example
 * ```ts
 * import { experimentById } from '@saddle/experiments';
 * const exp = experimentById('wang2019-solvable');
 * ```
 */
export function experimentById(id: string): Experiment {
  const found = experiments.find((e) => e.id === id);
  if (found === undefined) {
    throw new SaddleError('unknown experiment', {
      code: 'INVALID_ARGUMENT',
      field: 'experiment',
      value: id,
      fix: `use one of ${experiments.map((e) => e.id).join(', ')}`,
    });
  }
  return found;
}
