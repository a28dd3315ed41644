import { SaddleError } from '@saddle/core';
import type { PerSampleGanLoss } from './reduction.js';
import { relativisticAverage } from './relativistic-average.js';
import { rsGan, rsHinge } from './relativistic-losses.js';
import { hinge, jsGan, leastSquares, nonSaturating, wasserstein } from './separable-losses.js';

/**
 * Every named loss by its config name (its `name`); strings appear only at the edge (configs,
 * the CLI) and are mapped here once. Keys: `js-gan`, `non-saturating`, `least-squares`,
 * `wasserstein`, `hinge`, `rs-gan`, `rs-hinge`, `relativistic-average`.
 *
 * @example
 * ```ts
 * const loss = lossRegistry['rs-gan']; // or lossFromName(config.loss) for a checked lookup
 * ```
 */
export const lossRegistry: Readonly<Record<string, PerSampleGanLoss>> = Object.freeze(
  Object.fromEntries([jsGan, nonSaturating, leastSquares, wasserstein, hinge, rsGan, rsHinge, relativisticAverage].map((loss) => [loss.name, loss])),
);

/**
 * The registered loss named `name`, or a `SaddleError` (`INVALID_CONFIG`) listing the names.
 *
 * @example
 * ```ts
 * const loss = lossFromName('relativistic-average');
 * lossFromName('rsgan'); // SaddleError: loss: unknown loss name (got "rsgan"); use one of js-gan, ...
 * ```
 */
export function lossFromName(name: string): PerSampleGanLoss {
  const loss = Object.hasOwn(lossRegistry, name) ? lossRegistry[name] : undefined;
  if (loss === undefined) {
    throw new SaddleError('unknown loss name', {
      code: 'INVALID_CONFIG', field: 'loss', value: name, fix: `use one of ${Object.keys(lossRegistry).join(', ')}`,
    });
  }
  return loss;
}
