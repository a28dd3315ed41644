import * as tf from '@tensorflow/tfjs-core';
import type { Params, PerPlayer, Rng } from '@saddle/core';
import type { GaussianMixtureSource } from '@saddle/datasets';
import { modeCoverage } from '@saddle/metrics';
import type { GanGame } from '@saddle/train';

/** One evaluation of a 2-D generator against a mixture's modes. */
export interface CoveragePoint {
  readonly step: number;
  readonly modesCovered: number;
  readonly highQualityFraction: number;
  /** High-quality samples per mode. */
  readonly countsPerMode: readonly number[];
}

/** A coverage point without its samples (kept out of results.json). */
export function withoutSamples(point: CoveragePoint & { samples?: Float32Array }): CoveragePoint {
  const { step, modesCovered, highQualityFraction, countsPerMode } = point;
  return { step, modesCovered, highQualityFraction, countsPerMode };
}

/** How mode coverage is measured: `samples` fakes from fixed latents, 3σ radius, `minFraction` of them per mode. */
export interface CoverageProtocol {
  readonly samples: number;
  readonly radiusInStd: number;
  readonly minFraction: number;
}

/** Measures generators on fixed latents; `dispose` frees the latents. */
export interface CoverageProbe {
  /** The coverage of G at `params`. */
  measure(step: number, params: PerPlayer<Params>, state: PerPlayer<Params>): Promise<CoveragePoint & { samples: Float32Array }>;
  /** The coverage of the equal-weight mixture of the generators' outputs (D's params unused). */
  measureMixture(step: number, generators: readonly Params[], params: PerPlayer<Params>, state: PerPlayer<Params>): Promise<CoveragePoint & { samples: Float32Array }>;
  dispose(): void;
}

/**
 * A probe measuring G at a point with `modeCoverage`, always on the same `samples` latents
 * (drawn once from `rng`): a sample is high-quality within radiusInStd·σ of its nearest centre,
 * and a mode is covered with at least ⌈minFraction·samples⌉ such samples.
 */
export function coverageProbe(
  game: GanGame<tf.Tensor2D>,
  mixture: Pick<GaussianMixtureSource, 'centers' | 'std'>,
  protocol: CoverageProtocol,
  rng: Rng,
): CoverageProbe {
  const z = game.latents(rng, protocol.samples);
  const minCount = Math.max(1, Math.ceil(protocol.minFraction * protocol.samples));
  /** G_j(z_i) for the i-th latent with j = i mod (number of generators): an equal-weight mixture of their outputs. */
  const generated = async (generators: readonly Params[], params: PerPlayer<Params>, state: PerPlayer<Params>): Promise<Float32Array> => {
    const samples = new Float32Array(2 * protocol.samples);
    for (const [j, generator] of generators.entries()) {
      const fake = game.generate({ ...params, generator }, state, z);
      const values = await fake.data();
      fake.dispose();
      for (let i = j; i < protocol.samples; i += generators.length) {
        samples[2 * i] = values[2 * i] as number;
        samples[2 * i + 1] = values[2 * i + 1] as number;
      }
    }
    return samples;
  };
  const score = (step: number, samples: Float32Array): CoveragePoint & { samples: Float32Array } => {
    const c = modeCoverage(samples, mixture.centers, { std: mixture.std, radiusInStd: protocol.radiusInStd, minCount });
    return { step, modesCovered: c.modesCovered, highQualityFraction: c.highQualityFraction, countsPerMode: c.countsPerMode, samples };
  };
  return {
    async measure(step, params, state) {
      return score(step, await generated([params.generator], params, state));
    },
    async measureMixture(step, generators, params, state) {
      return score(step, await generated(generators, params, state));
    },
    dispose: () => tf.dispose(z),
  };
}
