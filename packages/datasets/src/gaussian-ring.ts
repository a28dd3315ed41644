import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type BatchOptions, type BatchSource } from '@saddle/core';
import { hostNormal } from './host-normal.js';

/** A 2-D point. */
export type Point2 = readonly [number, number];

/** The ring's shape. */
export interface GaussianRingOptions {
  /** Number of modes K, equally weighted (default 8). */
  readonly modes?: number;
  /** Radius of the circle of centres (default 2). */
  readonly radius?: number;
  /** Standard deviation σ of each isotropic mode (default 0.02). */
  readonly std?: number;
}

/** A mixture of Gaussians with known centres, for mode-coverage metrics. */
export interface GaussianMixtureSource extends BatchSource<tf.Tensor2D> {
  readonly centers: readonly Point2[];
  readonly std: number;
}

/**
 * The ring of K Gaussians (Metz et al.'s unrolled-GAN 8-ring; GAN Lab's ring): centres
 * c_k = r·(cos 2πk/K, sin 2πk/K), x = c_k + σ·ε with k uniform and ε ~ N(0, I₂).
 * Batches are drawn on the host from `rng.fold(batchIndex)`, so they are identical on every
 * backend and any batch can be regenerated from its index (exact resume).
 *
 * @example
 * ```ts
 * const ring = gaussianRing({ modes: 8, radius: 2, std: 0.02 });
 * for await (const x of ring.batches({ batchSize: 256, rng })) { ...; x.dispose(); }
 * ```
 * @see Metz et al., "Unrolled Generative Adversarial Networks", 2017
 */
export function gaussianRing(options: GaussianRingOptions = {}): GaussianMixtureSource {
  const { modes = 8, radius = 2, std = 0.02 } = options;
  check('modes', modes, Number.isInteger(modes) && modes >= 1 && modes <= 10_000, 'an integer in [1, 10000]');
  check('radius', radius, Number.isFinite(radius) && radius > 0, 'a finite number > 0');
  check('std', std, Number.isFinite(std) && std >= 0, 'a finite number ≥ 0');
  const centers: Point2[] = Array.from({ length: modes }, (_, k) => {
    const angle = (2 * Math.PI * k) / modes;
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
  });
  return {
    name: `ring-${modes}`,
    centers,
    std,
    batches: (batchOptions) => mixtureBatches(centers, std, batchOptions),
  };
}

async function* mixtureBatches(centers: readonly Point2[], std: number, options: BatchOptions): AsyncGenerator<tf.Tensor2D> {
  const { batchSize, rng } = options;
  check('batchSize', batchSize, Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1 << 20, 'an integer in [1, 1048576]');
  for (let index = 0; ; index++) {
    const batchRng = rng.fold(index);
    const [modeRng, noiseRng] = batchRng.split(2);
    const u = modeRng!.uniform(batchSize);
    const noise = hostNormal(noiseRng!, 2 * batchSize);
    const values = new Float32Array(2 * batchSize);
    for (let i = 0; i < batchSize; i++) {
      const c = centers[Math.floor((u[i] as number) * centers.length)] as Point2;
      values[2 * i] = c[0] + std * (noise[2 * i] as number);
      values[2 * i + 1] = c[1] + std * (noise[2 * i + 1] as number);
    }
    yield tf.tensor2d(values, [batchSize, 2]);
  }
}

function check(field: string, value: number, ok: boolean, allowed: string): void {
  if (!ok) throw new SaddleError(`must be ${allowed}`, { code: 'INVALID_ARGUMENT', field, value, fix: `pass ${allowed}` });
}
