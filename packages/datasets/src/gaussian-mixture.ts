import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';
import { hostNormal } from './host-normal.js';
import { check, isIntegerIn } from './internal/check.js';
import { endlessBatches } from './internal/endless-batches.js';
import type { ResumableSource } from './pipeline.js';

/**
 * A 2-D point.
 *
 * @example
 * ```ts
 * const centers: Point2[] = [[-1, 0], [1, 0]];
 * const twoModes = gaussianMixture({ centers, std: 0.05 });
 * ```
 */
export type Point2 = readonly [number, number];

/**
 * A mixture of Gaussians with known centres, for mode-coverage metrics.
 *
 * @example
 * ```ts
 * const { modesCovered } = modeCoverage(await fake.data(), ring.centers, { std: ring.std });
 * ```
 */
export interface GaussianMixtureSource extends ResumableSource<tf.Tensor2D> {
  readonly centers: readonly Point2[];
  readonly std: number;
}

/**
 * An equally weighted, isotropic 2-D Gaussian mixture.
 *
 * @example
 * ```ts
 * const options: GaussianMixtureOptions = { centers: [[0, 0], [3, 3]], std: 0.1, name: 'two-blobs' };
 * for await (const x of gaussianMixture(options).batches({ batchSize: 256, rng: createRng(0), epochs: 1 })) { x.dispose(); }
 * ```
 */
export interface GaussianMixtureOptions {
  /** The centres c_k of the K modes (1 ≤ K ≤ 10000). */
  readonly centers: readonly Point2[];
  /** Standard deviation σ of every mode. */
  readonly std: number;
  /** The source's name (default `"mixture-K"`). */
  readonly name?: string;
}

/**
 * The mixture p(x) = (1/K) Σ_k N(x; c_k, σ²I₂), sampled without end: x = c_k + σ·ε with
 * k = ⌊u·K⌋, u ~ U[0, 1), ε ~ N(0, I₂). Batch s is drawn on the host from `rng.fold(s)` (u from
 * its first split, ε from its second), so it is identical on every backend and regenerable from
 * its index: `startStep: s` resumes exactly. GAN Lab's "drawing" distribution is this mixture over
 * the drawn points with σ = 0.02.
 *
 * @example
 * ```ts
 * const mix = gaussianMixture({ centers: [[-1, 0], [1, 0]], std: 0.1 });
 * for await (const x of mix.batches({ batchSize: 256, rng })) { ...; x.dispose(); }
 * ```
 */
export function gaussianMixture(options: GaussianMixtureOptions): GaussianMixtureSource {
  const { centers, std } = options;
  check('centers', centers.length, isIntegerIn(centers.length, 1, 10_000), 'a list of 1 to 10000 points');
  check('centers', centers, centers.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), 'finite [x, y] points');
  check('std', std, Number.isFinite(std) && std >= 0, 'a finite number ≥ 0');
  const frozen = centers.map(([x, y]) => [x, y] as const);
  return {
    name: options.name ?? `mixture-${centers.length}`,
    centers: frozen,
    std,
    batches: (batchOptions) => endlessBatches(batchOptions, (batchRng, batchSize) => drawMixture(frozen, std, batchRng, batchSize)),
  };
}

function drawMixture(centers: readonly Point2[], std: number, batchRng: Rng, batchSize: number): tf.Tensor2D {
  const [modeRng, noiseRng] = batchRng.split(2);
  const u = modeRng!.uniform(batchSize);
  const noise = hostNormal(noiseRng!, 2 * batchSize);
  const values = new Float32Array(2 * batchSize);
  for (let i = 0; i < batchSize; i++) {
    const c = centers[Math.floor((u[i] as number) * centers.length)] as Point2;
    values[2 * i] = c[0] + std * (noise[2 * i] as number);
    values[2 * i + 1] = c[1] + std * (noise[2 * i + 1] as number);
  }
  return tf.tensor2d(values, [batchSize, 2]);
}
