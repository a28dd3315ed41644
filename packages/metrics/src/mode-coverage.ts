import { SaddleError } from '@saddle/core';

/**
 * A 2-D point.
 *
 * @example
 * ```ts
 * const centre: Point2 = [Math.cos(0), Math.sin(0)];
 * ```
 */
export type Point2 = readonly [number, number];

/**
 * How near a sample must be to count for a mode.
 *
 * @example
 * ```ts
 * const options: ModeCoverageOptions = { std: 0.02, radiusInStd: 3 };
 * ```
 */
export interface ModeCoverageOptions {
  /** σ of the modes (the data's standard deviation). */
  readonly std: number;
  /** A sample belongs to mode k when ‖y − c_k‖ ≤ radiusInStd·σ (default 3). */
  readonly radiusInStd?: number;
  /**
   * Samples a mode needs to count as covered (default: 1% of the samples, at least 1): a
   * handful of stray samples is not coverage.
   */
  readonly minCount?: number;
}

/**
 * What `modeCoverage` measures.
 *
 * @example
 * ```ts
 * const { modesCovered, highQualityFraction }: ModeCoverage = modeCoverage(samples, centres, { std: 0.02 });
 * ```
 */
export interface ModeCoverage {
  /** Modes with at least `minCount` samples within the radius. */
  readonly modesCovered: number;
  /** Fraction of samples within the radius of some mode ("high-quality" samples). */
  readonly highQualityFraction: number;
  /** Samples assigned to each mode (nearest centre within the radius). */
  readonly countsPerMode: readonly number[];
}

/**
 * Mode coverage of 2-D samples against a Gaussian mixture with known centres, the measure of
 * Srivastava et al. (VEEGAN) and Metz et al. (unrolled GAN): a sample is high-quality when
 * within 3σ of its nearest centre; a mode is covered when enough samples land on it.
 *
 * @example
 * ```ts
 * const { modesCovered } = modeCoverage(await fake.data(), ring.centers, { std: ring.std });
 * ```
 * @see Srivastava et al., "VEEGAN: Reducing Mode Collapse in GANs", 2017
 */
export function modeCoverage(samples: ArrayLike<number>, centers: readonly Point2[], options: ModeCoverageOptions): ModeCoverage {
  const { std, radiusInStd = 3 } = options;
  if (samples.length % 2 !== 0 || samples.length === 0) {
    throw new SaddleError('samples must be a non-empty row-major [n, 2] array', {
      code: 'SHAPE_MISMATCH', field: 'samples', value: samples.length, fix: 'pass x0, y0, x1, y1, ...',
    });
  }
  if (!(std > 0)) {
    throw new SaddleError('std must be > 0', { code: 'INVALID_ARGUMENT', field: 'std', value: std, fix: 'pass the modes\' σ' });
  }
  const n = samples.length / 2;
  const minCount = options.minCount ?? Math.max(1, Math.ceil(0.01 * n));
  const limit2 = (radiusInStd * std) ** 2;
  const counts = new Array<number>(centers.length).fill(0);
  let near = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[2 * i] as number;
    const y = samples[2 * i + 1] as number;
    let best = -1;
    let bestD2 = Infinity;
    centers.forEach(([cx, cy], k) => {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = k;
      }
    });
    if (best >= 0 && bestD2 <= limit2) {
      counts[best] = (counts[best] as number) + 1;
      near++;
    }
  }
  return {
    modesCovered: counts.filter((c) => c >= minCount).length,
    highQualityFraction: near / n,
    countsPerMode: counts,
  };
}
