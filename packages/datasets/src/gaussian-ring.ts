import { gaussianMixture, type GaussianMixtureSource, type Point2 } from './gaussian-mixture.js';
import { check, isIntegerIn } from './internal/check.js';

/**
 * The ring's shape.
 *
 * @example
 * ```ts
 * const options: GaussianRingOptions = { modes: 8, radius: 2, std: 0.02 }; // Metz et al.'s 8-ring
 * const ring = gaussianRing(options);
 * ```
 */
export interface GaussianRingOptions {
  /** Number of modes K, equally weighted (default 8). */
  readonly modes?: number;
  /** Radius of the circle of centres (default 2). */
  readonly radius?: number;
  /** Standard deviation σ of each isotropic mode (default 0.02). */
  readonly std?: number;
}

/**
 * The ring of K Gaussians (Metz et al.'s unrolled-GAN 8-ring): centres
 * c_k = r·(cos 2πk/K, sin 2πk/K), x = c_k + σ·ε with k uniform and ε ~ N(0, I₂).
 * Batches are drawn on the host from `rng.fold(batchIndex)` (see `gaussianMixture`), so they are
 * identical on every backend and any batch can be regenerated from its index (exact resume).
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
  check('modes', modes, isIntegerIn(modes, 1, 10_000), 'an integer in [1, 10000]');
  check('radius', radius, Number.isFinite(radius) && radius > 0, 'a finite number > 0');
  check('std', std, Number.isFinite(std) && std >= 0, 'a finite number ≥ 0');
  const centers: Point2[] = Array.from({ length: modes }, (_, k) => {
    const angle = (2 * Math.PI * k) / modes;
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
  });
  return gaussianMixture({ centers, std, name: `ring-${modes}` });
}
