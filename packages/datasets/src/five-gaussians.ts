import type * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { arraySet } from './array-set.js';
import type { GaussianMixtureSource, Point2 } from './gaussian-mixture.js';
import { hostNormal } from './host-normal.js';
import { check, isIntegerIn } from './internal/check.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * The 5-Gaussian set's size and content seed.
 *
 * @example
 * ```ts
 * const options: FiveGaussiansOptions = { samplesPerMode: 200, seed: 1 }; // 1,000 points, for a quick test
 * const data = fiveGaussians(options);
 * ```
 */
export interface FiveGaussiansOptions {
  /** Samples per mode (default 2000, the paper's: 10,000 in all). */
  readonly samplesPerMode?: number;
  /** Seed of the samples (default 0). */
  readonly seed?: number;
}

/**
 * The finite 5-Gaussian set: an `ExampleSet` of points and a mixture with known centres.
 *
 * @example
 * ```ts
 * const data = fiveGaussians();
 * modeCoverage(await fake.data(), data.centers, { std: data.std });
 * ```
 */
export type FiveGaussiansSource = DatasetSource<tf.Tensor2D> & GaussianMixtureSource;

/** Variance of each mode in papers §2.4: covariance 0.002·I₂. */
const VARIANCE = 0.002;

/**
 * The 2-D 5-Gaussian set of papers §2.4 (Sun, Fang, Schwing 2020, `5gaussian.py`): centres
 * c_k = (cos θ_k, sin θ_k), θ_k = 72°·k for k = 0..4, covariance 0.002·I₂ (σ = √0.002 ≈ 0.0447),
 * and exactly `samplesPerMode` points per mode, drawn once from `createRng(seed)`: point i is
 * c_k + σ·ε_i with k = ⌊i / samplesPerMode⌋ (its label). Defaults as the paper's loader:
 * shuffled every epoch, drop-last (batch 128 gives 78 batches per epoch).
 *
 * @example
 * ```ts
 * const data = fiveGaussians();
 * for await (const x of data.batches({ batchSize: 128, rng })) { ...; x.dispose(); } // [128, 2]
 * ```
 * @see Sun, Fang, Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function fiveGaussians(options: FiveGaussiansOptions = {}): FiveGaussiansSource {
  const { samplesPerMode = 2000, seed = 0 } = options;
  check('samplesPerMode', samplesPerMode, isIntegerIn(samplesPerMode, 1, 1 << 22), 'an integer in [1, 4194304]');
  const std = Math.sqrt(VARIANCE);
  const centers: Point2[] = Array.from({ length: 5 }, (_, k) => [Math.cos((2 * Math.PI * k) / 5), Math.sin((2 * Math.PI * k) / 5)] as const);
  const count = 5 * samplesPerMode;
  const noise = hostNormal(createRng(seed).fold('points'), 2 * count);
  const data = new Float32Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = Math.floor(i / samplesPerMode);
    const [cx, cy] = centers[k] as Point2;
    data[2 * i] = cx + std * (noise[2 * i] as number);
    data[2 * i + 1] = cy + std * (noise[2 * i + 1] as number);
    labels[i] = k;
  }
  const classNames = centers.map((_, k) => `${72 * k}°`);
  const set = arraySet({ name: 'five-gaussians', data, exampleShape: [2], labels, classNames });
  return { ...batched<tf.Tensor2D>(set, { shuffle: true, dropLast: true }), centers, std };
}
