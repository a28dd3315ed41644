import type * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { arraySet } from './array-set.js';
import { check, isIntegerIn } from './internal/check.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * The two-cluster set's size and content seed.
 *
 * @example
 * ```ts
 * const options: TwoClusterOptions = { count: 100, seed: 3 }; // another draw of the paper's set
 * const { points, latents } = twoCluster(options);
 * ```
 */
export interface TwoClusterOptions {
  /** Number of points n (default 100, the paper's). */
  readonly count?: number;
  /** Seed of the points and the fixed latents (default 0). */
  readonly seed?: number;
}

/**
 * The 1-D two-cluster set, with its fixed latents.
 *
 * @example
 * ```ts
 * const { points, latents } = twoCluster(); // 100 points and their 100 fixed latents
 * ```
 */
export type TwoClusterSource = DatasetSource<tf.Tensor2D> & {
  /** The n points x_i, fixed by the seed (label i mod 2 is the cluster). */
  readonly points: Float64Array;
  /** The fixed latents z_i = 10·(u_i − 0.5) ∈ [−5, 5), one per point, drawn once and reused every step. */
  readonly latents: Float64Array;
  /** The cluster centres (0 and 4). */
  readonly centers: readonly [number, number];
  /** The width 0.3 of each cluster: x ∈ [c, c + 0.3). */
  readonly width: number;
};

/**
 * The 1-D two-cluster set of papers §2.3 (Sun, Fang, Schwing 2020, `GAN2_2Cluster.py`):
 * x_i = c_{i mod 2} + 0.3·u_i with c₀ = 0, c₁ = 4, u_i ~ U[0, 1), for i = 0..n−1, generated once
 * from `createRng(seed).fold('points')`. The paper trains on the whole set as one batch in index
 * order (batchSize n, no shuffle), so x_i pairs with the fixed latent z_i = 10·(u'_i − 0.5),
 * u'_i from `createRng(seed).fold('latents')`. Defaults: no shuffle, no drop-last; batches have
 * shape [batch, 1]; labels are the cluster index.
 *
 * @example
 * ```ts
 * const data = twoCluster();
 * const z = tf.tensor2d(data.latents, [100, 1]); // reuse every step; dispose at the end
 * for await (const x of data.batches({ batchSize: 100, rng })) { ...; x.dispose(); } // the same 100 points each step
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function twoCluster(options: TwoClusterOptions = {}): TwoClusterSource {
  const { count = 100, seed = 0 } = options;
  check('count', count, isIntegerIn(count, 1, 1 << 24), 'an integer in [1, 16777216]');
  const root = createRng(seed);
  const centers = [0, 4] as const;
  const width = 0.3;
  const u = root.fold('points').uniform(count);
  const points = u.map((v, i) => (centers[i % 2] as number) + width * v);
  const latents = root.fold('latents').uniform(count).map((v) => 10 * (v - 0.5));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 2);
  const set = arraySet({ name: 'two-cluster', data: points, exampleShape: [1], labels, classNames: ['cluster 0', 'cluster 4'] });
  return { ...batched<tf.Tensor2D>(set, { shuffle: false, dropLast: false }), points, latents, centers, width };
}
