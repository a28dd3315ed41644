import * as tf from '@tensorflow/tfjs-core';
import { hostNormal } from './host-normal.js';
import { check } from './internal/check.js';
import { endlessBatches } from './internal/endless-batches.js';
import type { ResumableSource } from './pipeline.js';

/**
 * The names of GAN Lab's built-in 2-D data distributions.
 *
 * @example
 * ```ts
 * const name: GanLabDistributionName = 'disjoint';
 * const source = ganLabDistribution(name);
 * ```
 */
export type GanLabDistributionName = 'ring' | 'line' | 'gaussians' | 'disjoint';

/** A point from one uniform u ∈ [0, 1) and two standard normals n₁, n₂. */
type Sampler = (u: number, n1: number, n2: number) => readonly [number, number];

const SAMPLERS: Readonly<Record<GanLabDistributionName, Sampler>> = {
  ring: (u, n1, n2) => [0.5 + 0.3 * Math.cos(2 * Math.PI * u) + 0.025 * n1, 0.45 + 0.25 * Math.sin(2 * Math.PI * u) + 0.025 * n2],
  line: (u, n1, n2) => [0.8 - 0.75 * u + 0.01 * n1, 0.6 + 0.3 * u + 0.01 * n2],
  gaussians: (u, n1, n2) => (u < 0.5 ? [0.3 + 0.1 * n1, 0.7 + 0.1 * n2] : [0.7 + 0.05 * n1, 0.4 + 0.2 * n2]),
  disjoint: (u, n1, n2) => {
    const [cx, cy] = u < 0.333 ? [0.35, 0.75] : u < 0.666 ? [0.75, 0.6] : [0.45, 0.35];
    return [cx + 0.025 * n1, cy + 0.025 * n2];
  },
};

/**
 * GAN Lab's true distributions, in its unit square, with its formulas (u ~ U[0, 1), n ~ N(0, 1)):
 * - `ring`: an ellipse, (0.5 + 0.3 cos 2πu, 0.45 + 0.25 sin 2πu) + 0.025·n;
 * - `line`: (0.8 − 0.75u, 0.6 + 0.3u) + 0.01·n;
 * - `gaussians`: two hills, N((0.3, 0.7), diag(0.1², 0.1²)) and N((0.7, 0.4), diag(0.05², 0.2²)), weight ½ each;
 * - `disjoint`: N(c, 0.025²I) at (0.35, 0.75), (0.75, 0.6), (0.45, 0.35) for u < 0.333, < 0.666, else.
 * GAN Lab draws with `Math.random`; here batch s comes from `rng.fold(s)` (u from its first split,
 * the normals from its second), so batches are seeded, backend-independent and resumable.
 * The "drawing" distribution is `gaussianMixture` over the drawn points with σ = 0.02.
 *
 * @example
 * ```ts
 * const ring = ganLabDistribution('ring');
 * for await (const x of ring.batches({ batchSize: 256, rng })) { ...; x.dispose(); }
 * ```
 * @see Kahng et al., "GAN Lab: Understanding Complex Deep Generative Models using Interactive Visual Experimentation", 2018
 */
export function ganLabDistribution(name: GanLabDistributionName): ResumableSource<tf.Tensor2D> {
  check('name', name, Object.hasOwn(SAMPLERS, name), `one of ${Object.keys(SAMPLERS).join(', ')}`);
  const sampler = SAMPLERS[name];
  return {
    name: `ganlab-${name}`,
    batches: (options) =>
      endlessBatches(options, (batchRng, batchSize) => {
        const [pickRng, noiseRng] = batchRng.split(2);
        const u = pickRng!.uniform(batchSize);
        const noise = hostNormal(noiseRng!, 2 * batchSize);
        const values = new Float32Array(2 * batchSize);
        for (let i = 0; i < batchSize; i++) {
          const [x, y] = sampler(u[i] as number, noise[2 * i] as number, noise[2 * i + 1] as number);
          values[2 * i] = x;
          values[2 * i + 1] = y;
        }
        return tf.tensor2d(values, [batchSize, 2]);
      }),
  };
}
