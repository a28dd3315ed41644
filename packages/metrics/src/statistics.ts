import { SaddleError } from '@saddle/core';
import type { Features } from './features.js';
import { readFeatures } from './internal/features.js';

/**
 * Mean and unbiased covariance of a feature set, in float64: what FID compares.
 *
 * @example
 * ```ts
 * const stats: FeatureStatistics = await featuresToStatistics(features, { extractor: extractor.name });
 * stats.covariance.length === stats.featureSize ** 2; // true
 * ```
 */
export interface FeatureStatistics {
  /** μ, length d. */
  readonly mean: Float64Array;
  /** Σ, row-major d×d, divisor n − 1 (`np.cov(features, rowvar=False)`). */
  readonly covariance: Float64Array;
  /** Feature size d. */
  readonly featureSize: number;
  /** Samples the statistics were computed from. */
  readonly n: number;
  /** Extractor and weights id the features came from, when known (`FeatureExtractor.name`). */
  readonly extractor?: string;
}

/**
 * Options of `featuresToStatistics` and `createStatisticsAccumulator`.
 *
 * @example
 * ```ts
 * const options: StatisticsOptions = { extractor: 'fid-inception-v3/pt_inception-2015-12-05-6726825d/tf1' };
 * ```
 */
export interface StatisticsOptions {
  /** Extractor and weights id to record (`FeatureExtractor.name`); FID refuses to mix two. */
  readonly extractor?: string;
}

/**
 * Streaming mean and covariance over batches of features.
 *
 * @example
 * ```ts
 * const acc: StatisticsAccumulator = createStatisticsAccumulator(2048);
 * await acc.add(batchFeatures);
 * const stats = acc.statistics(); // needs n ≥ 2
 * ```
 */
export interface StatisticsAccumulator {
  /** Samples seen so far. */
  readonly n: number;
  /** Adds a batch of `[m, featureSize]` features (m ≥ 1); the caller keeps ownership of tensors. */
  add(features: Features): Promise<void>;
  /** The statistics of every sample added so far (needs n ≥ 2); the accumulator stays usable. */
  statistics(): FeatureStatistics;
}

/**
 * A streaming accumulator of μ and the unbiased Σ = M₂/(n − 1) in float64. Each batch is reduced
 * with two passes (its own mean, then the scatter M₂ of deviations from it) and merged with
 * Chan et al.'s update
 * μ = μ_a + δ·n_b/n,  M₂ = M₂_a + M₂_b + δδᵀ·n_a·n_b/n,  δ = μ_b − μ_a,
 * so features with a large common offset (say 1e4 + small noise) keep their digits, unlike the
 * naive Σx, Σxxᵀ sums. The result does not depend on how the samples are batched, beyond rounding.
 *
 * @example
 * ```ts
 * const acc = createStatisticsAccumulator(extractor.featureSize, { extractor: extractor.name });
 * for await (const images of batches) {
 *   const features = await extractor.extract(images);
 *   await acc.add(features);
 *   features.dispose();
 * }
 * const real = acc.statistics();
 * ```
 * @see Chan, Golub and LeVeque, "Updating formulae and a pairwise algorithm for computing sample variances", 1979
 * @see Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", 2017
 */
export function createStatisticsAccumulator(featureSize: number, options: StatisticsOptions = {}): StatisticsAccumulator {
  if (!Number.isInteger(featureSize) || featureSize < 1) {
    throw new SaddleError('featureSize must be a positive integer', {
      code: 'INVALID_ARGUMENT', field: 'featureSize', value: featureSize, fix: 'pass the extractor\'s featureSize, e.g. 2048',
    });
  }
  const d = featureSize;
  let n = 0;
  const mean = new Float64Array(d);
  // Upper triangle (j ≥ i) of the scatter matrix M₂ = Σ (x − μ)(x − μ)ᵀ.
  const m2 = new Float64Array(d * d);
  return {
    get n() {
      return n;
    },
    async add(features) {
      const { data, n: m } = await readFeatures(features, 'features', 1, d);
      const batchMean = new Float64Array(d);
      for (let r = 0; r < m; r++) for (let j = 0; j < d; j++) batchMean[j] = (batchMean[j] as number) + (data[r * d + j] as number);
      for (let j = 0; j < d; j++) batchMean[j] = (batchMean[j] as number) / m;
      // Column-major centred batch: column j is feature j over the batch's samples.
      const centred = new Float64Array(m * d);
      for (let r = 0; r < m; r++) for (let j = 0; j < d; j++) centred[j * m + r] = (data[r * d + j] as number) - (batchMean[j] as number);
      addScatterUpper(m2, centred, m, d);
      const total = n + m;
      const delta = new Float64Array(d);
      for (let j = 0; j < d; j++) delta[j] = (batchMean[j] as number) - (mean[j] as number);
      if (n > 0) addOuterUpper(m2, delta, d, (n * m) / total);
      for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + ((delta[j] as number) * m) / total;
      n = total;
    },
    statistics() {
      if (n < 2) {
        throw new SaddleError('the covariance needs at least 2 samples', {
          code: 'INVALID_ARGUMENT', field: 'n', value: n, fix: 'add at least 2 samples before asking for statistics',
        });
      }
      const covariance = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        for (let j = i; j < d; j++) {
          const c = (m2[i * d + j] as number) / (n - 1);
          covariance[i * d + j] = c;
          covariance[j * d + i] = c;
        }
      }
      return { mean: Float64Array.from(mean), covariance, featureSize: d, n, ...(options.extractor === undefined ? {} : { extractor: options.extractor }) };
    },
  };
}

/**
 * μ and the unbiased Σ (divisor n − 1, as `np.cov(features, rowvar=False)`) of `[n, d]` features
 * in float64, n ≥ 2. The tensor stays the caller's.
 *
 * @example
 * ```ts
 * const fake = await featuresToStatistics(await extractor.extract(images), { extractor: extractor.name });
 * ```
 * @see Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", 2017
 */
export async function featuresToStatistics(features: Features, options: StatisticsOptions = {}): Promise<FeatureStatistics> {
  const host = await readFeatures(features, 'features', 2);
  const acc = createStatisticsAccumulator(host.d, options);
  await acc.add({ values: host.data, shape: [host.n, host.d] });
  return acc.statistics();
}

/**
 * M += XᵀX on the upper triangle, X an m×d batch stored column-major: entry (i, j) is the dot
 * product of columns i and j. Four rows of M at a time, so each column j is read once per four.
 */
function addScatterUpper(mat: Float64Array, x: Float64Array, m: number, d: number): void {
  for (let i0 = 0; i0 < d; i0 += 4) {
    const rows = Math.min(4, d - i0);
    const a0 = i0 * m;
    const a1 = a0 + m;
    const a2 = a1 + m;
    const a3 = a2 + m;
    for (let j = i0; j < d; j++) {
      const b = j * m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < m; r++) {
        const xj = x[b + r] as number;
        s0 += (x[a0 + r] as number) * xj;
        if (rows > 1) s1 += (x[a1 + r] as number) * xj;
        if (rows > 2) s2 += (x[a2 + r] as number) * xj;
        if (rows > 3) s3 += (x[a3 + r] as number) * xj;
      }
      // Row i0 + q exists when q < rows, and is in the upper triangle when i0 + q ≤ j.
      mat[i0 * d + j] = (mat[i0 * d + j] as number) + s0;
      if (rows > 1 && i0 + 1 <= j) mat[(i0 + 1) * d + j] = (mat[(i0 + 1) * d + j] as number) + s1;
      if (rows > 2 && i0 + 2 <= j) mat[(i0 + 2) * d + j] = (mat[(i0 + 2) * d + j] as number) + s2;
      if (rows > 3 && i0 + 3 <= j) mat[(i0 + 3) * d + j] = (mat[(i0 + 3) * d + j] as number) + s3;
    }
  }
}

/** M += w·xxᵀ on the upper triangle. */
function addOuterUpper(m: Float64Array, x: Float64Array, d: number, w: number): void {
  for (let i = 0; i < d; i++) {
    const xi = w * (x[i] as number);
    if (xi === 0) continue;
    const row = i * d;
    for (let j = i; j < d; j++) m[row + j] = (m[row + j] as number) + xi * (x[j] as number);
  }
}
