import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';
import type { GaussianMixtureSource } from '@saddle/datasets';
import { modeCoverage, type ModeCoverage } from '@saddle/metrics';
import type { GanGame, TrainHook } from '@saddle/train';

/**
 * The evaluation protocol, pinned so runs compare: 2,500 samples (the unrolled-GAN and VEEGAN
 * ring protocol), a sample counts for a mode within 3σ of its centre, and a mode is covered
 * with at least 25 samples (1%).
 *
 * @example
 * ```ts
 * await run.writeSummary({ ...coverage, evaluation: EVALUATION_PROTOCOL });
 * ```
 */
export const EVALUATION_PROTOCOL = { samples: 2500, radiusInStd: 3, minCount: 25 } as const;

/**
 * A trainer hook that measures mode coverage and keeps the last samples for plotting.
 *
 * @example
 * ```ts
 * const hook: ModeCoverageHook = modeCoverageHook(game, ring, rng.fold('evaluation'));
 * ```
 */
export interface ModeCoverageHook extends TrainHook<Readonly<Record<string, number>>> {
  /** The last evaluation's generated points (row-major [n, 2]) and coverage. */
  readonly latest: { readonly generated: Float32Array; readonly coverage: ModeCoverage } | undefined;
}

/**
 * Evaluates G on `EVALUATION_PROTOCOL.samples` latents from a fixed key (the same z at every
 * evaluation) with `modeCoverage`: the modes with at least 25 samples within 3σ, and the
 * fraction of samples within 3σ of some mode. Runs every `every` steps (default: only after
 * the last step) and after the last.
 *
 * @example
 * ```ts
 * const evaluate = modeCoverageHook(game, ring, rng.fold('evaluation'), 500);
 * await train({ ...options, evaluate, monitors: [modeCollapseMonitor()] });
 * evaluate.latest?.coverage.modesCovered; // e.g. 8
 * ```
 */
export function modeCoverageHook(game: GanGame<tf.Tensor2D>, ring: GaussianMixtureSource, rng: Rng, every?: number): ModeCoverageHook {
  const hook = {
    every,
    latest: undefined as ModeCoverageHook['latest'],
    async run({ params, state }: Parameters<ModeCoverageHook['run']>[0]) {
      const z = game.latents(rng, EVALUATION_PROTOCOL.samples);
      const samples = game.generate(params, state, z);
      const generated = (await samples.data()) as Float32Array;
      tf.dispose([z, samples]);
      const { radiusInStd, minCount } = EVALUATION_PROTOCOL;
      const coverage = modeCoverage(generated, ring.centers, { std: ring.std, radiusInStd, minCount });
      hook.latest = { generated, coverage };
      return { modesCovered: coverage.modesCovered, modes: ring.centers.length, highQualityFraction: coverage.highQualityFraction };
    },
  };
  return hook;
}
